using NodaTime;
using Pledge.Measures;

namespace Pledge.Series;

/// <summary>Aggregates a numeric series over a period and judges it against a threshold.</summary>
/// <remarks>
/// <para>A sample counts in the period whose half-open interval holds its instant. Values are taken as they are
/// (the event reader admits only numbers).</para>
/// <list type="bullet">
/// <item>Percentile pNN is the nearest rank: sort the n values, take the one at rank ⌈NN/100 × n⌉ (1-based, at least 1).
/// It is always one of the samples; p100 is the maximum.</item>
/// <item>Median is the middle value, or the mean of the two middle ones when n is even (so it can differ from p50,
/// which takes the lower of the two).</item>
/// <item>Last is the latest sample by time; of several at that instant, the one whose id sorts last (ordinal).</item>
/// <item>Sum and count are 0 without samples; the other aggregates have no value then.</item>
/// </list>
/// <para>Under <see cref="SeriesRules.MinimumSamples"/>, or without a value, the verdict is
/// <see cref="Verdict.NotEnoughData"/>; otherwise the target is met when the value compares with the threshold as
/// the rules say. <see cref="SeriesResult.Violations"/> counts the samples that break the threshold on their own,
/// a hint for reports (it means little for sums and counts).</para>
/// </remarks>
public static class SeriesEvaluator
{
    /// <summary>Aggregates the <paramref name="samples"/> inside <paramref name="period"/>.</summary>
    /// <param name="samples">The samples (already filtered to the series and scope), in any order.</param>
    /// <param name="period">The period measured.</param>
    /// <param name="rules">The aggregation, comparison, threshold and minimum.</param>
    /// <exception cref="ArgumentException">The percentile is outside (0, 100] for a percentile aggregation, or the minimum is negative.</exception>
    public static SeriesResult Measure(IEnumerable<Sample> samples, Interval period, SeriesRules rules)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Aggregation == SeriesAggregation.Percentile && !(rules.Percentile > 0 && rules.Percentile <= 100))
        {
            throw new ArgumentException($"A percentile must lie in (0, 100], not {rules.Percentile}.", nameof(rules));
        }

        if (rules.MinimumSamples < 0)
        {
            throw new ArgumentException($"A minimum sample count cannot be negative ({rules.MinimumSamples}).", nameof(rules));
        }

        var inPeriod = samples.Where(s => s is not null && period.Contains(s.At)).ToList();
        // Time then id: a fixed order for the floating-point sum and for "last".
        inPeriod.Sort(static (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Id != b.Id ? string.CompareOrdinal(a.Id, b.Id) : a.Value.CompareTo(b.Value));

        var violations = 0;
        foreach (var sample in inPeriod)
        {
            if (!Comparisons.Holds(rules.Comparison, sample.Value, rules.Threshold))
            {
                violations++;
            }
        }

        var value = Aggregate(inPeriod, rules);
        var verdict = value is not { } v || inPeriod.Count < rules.MinimumSamples
            ? Verdict.NotEnoughData
            : Comparisons.Holds(rules.Comparison, v, rules.Threshold) ? Verdict.Met : Verdict.Missed;
        return new SeriesResult(inPeriod.Count, value, verdict, violations);
    }

    /// <summary>The nearest-rank percentile of values sorted ascending: the value at rank ⌈p/100 × n⌉ (1-based).</summary>
    internal static double NearestRank(IReadOnlyList<double> sorted, double percentile)
    {
        // In decimal, so that p95 of 20 values is rank 19, not 20 because 0.95 × 20 came out as 19.000000000000004.
        var rank = (int)Math.Ceiling((decimal)percentile * sorted.Count / 100m);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private static double? Aggregate(List<Sample> ordered, SeriesRules rules)
    {
        var n = ordered.Count;
        switch (rules.Aggregation)
        {
            case SeriesAggregation.Count:
                return n;
            case SeriesAggregation.Sum:
                return Sum(ordered);
        }

        if (n == 0)
        {
            return null;
        }

        switch (rules.Aggregation)
        {
            case SeriesAggregation.Mean:
                return Sum(ordered) / n;
            case SeriesAggregation.Last:
                return ordered[^1].Value;
            case SeriesAggregation.Min:
                return ordered.Min(s => s.Value);
            case SeriesAggregation.Max:
                return ordered.Max(s => s.Value);
        }

        var sorted = ordered.Select(s => s.Value).Order().ToList();
        return rules.Aggregation == SeriesAggregation.Median
            ? n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2
            : NearestRank(sorted, rules.Percentile);
    }

    private static double Sum(List<Sample> ordered)
    {
        var sum = 0.0;
        foreach (var sample in ordered)
        {
            sum += sample.Value;
        }

        return sum;
    }
}
