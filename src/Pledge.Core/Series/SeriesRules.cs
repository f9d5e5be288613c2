namespace Pledge.Series;

/// <summary>A custom target of an agreement: a numeric series, how a period's samples are aggregated, and the threshold the result must keep.</summary>
public sealed record SeriesRules
{
    /// <summary>The series whose samples the target reads (the caller filters samples by it).</summary>
    public string Series { get; init; } = string.Empty;

    /// <summary>How the period's samples become one value.</summary>
    public SeriesAggregation Aggregation { get; init; } = SeriesAggregation.Mean;

    /// <summary>For <see cref="SeriesAggregation.Percentile"/>: which percentile, in (0, 100].</summary>
    public double Percentile { get; init; } = 95;

    /// <summary>How the value must compare with <see cref="Threshold"/>.</summary>
    public Comparison Comparison { get; init; } = Comparison.AtMost;

    /// <summary>The threshold.</summary>
    public double Threshold { get; init; }

    /// <summary>The unit values are in ("°C"), for reports.</summary>
    public string? Unit { get; init; }

    /// <summary>The fewest samples a period needs to be judged; below it the verdict is "not enough data".</summary>
    public int MinimumSamples { get; init; } = 1;
}
