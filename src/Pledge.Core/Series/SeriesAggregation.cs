namespace Pledge.Series;

/// <summary>How a period's samples become one value (written mean, median, pNN, min, max, sum, last, count).</summary>
public enum SeriesAggregation
{
    /// <summary>The arithmetic mean.</summary>
    Mean,

    /// <summary>The middle value; the mean of the two middle values when the count is even.</summary>
    Median,

    /// <summary>The nearest-rank percentile <see cref="SeriesRules.Percentile"/>: the smallest value with at least that share of values at or below it.</summary>
    Percentile,

    /// <summary>The smallest value.</summary>
    Min,

    /// <summary>The largest value.</summary>
    Max,

    /// <summary>The total (0 without samples).</summary>
    Sum,

    /// <summary>The latest value (by time, then id).</summary>
    Last,

    /// <summary>How many samples there are (0 without samples).</summary>
    Count,
}
