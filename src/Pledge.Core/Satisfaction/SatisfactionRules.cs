namespace Pledge.Satisfaction;

/// <summary>A satisfaction target of an agreement: the scale surveys are asked on, the metric, the objective and the minimum sample.</summary>
public sealed record SatisfactionRules
{
    /// <summary>The number the target is judged by.</summary>
    public SatisfactionMetric Metric { get; init; } = SatisfactionMetric.Csat;

    /// <summary>The lowest score of the scale (inclusive).</summary>
    public double ScaleMin { get; init; } = 1;

    /// <summary>The highest score of the scale (inclusive).</summary>
    public double ScaleMax { get; init; } = 5;

    /// <summary>The lowest score that counts as satisfied; null: <see cref="ScaleMax"/> − 1, the top two scores of a whole-number scale (4 and 5 on 1-5, 9 and 10 on 0-10).</summary>
    public double? SatisfiedFrom { get; init; }

    /// <summary>The value to reach: a share 0..1 for CSAT, a score for the average, -100..100 for NPS.</summary>
    public double Objective { get; init; } = 0.8;

    /// <summary>The fewest responses a period needs to be judged; below it the verdict is "not enough data", not a pass.</summary>
    public int MinimumResponses { get; init; } = 5;

    /// <summary>The satisfied threshold in force: <see cref="SatisfiedFrom"/> or its default.</summary>
    public double SatisfiedThreshold => SatisfiedFrom ?? ScaleMax - 1;

    /// <summary>Whether the scale is the 0-10 one NPS is defined on.</summary>
    public bool IsNpsScale => ScaleMin == 0 && ScaleMax == 10;
}
