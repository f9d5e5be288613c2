using System.Globalization;

namespace Pledge.Series;

/// <summary>Reads and writes aggregations as agreements write them: mean, median, min, max, sum, last, count, or pNN for a percentile (p95, p99.9).</summary>
public static class SeriesAggregations
{
    /// <summary>The percentile <see cref="TryParse"/> gives for aggregations that are not percentiles: <see cref="SeriesRules"/>' default, unused.</summary>
    public const double DefaultPercentile = 95;

    /// <summary>
    /// Reads an aggregation name (case-insensitive, surrounding spaces allowed). "pNN" is a percentile with NN
    /// in (0, 100], digits and an optional decimal point only: "p95", "p99.9", "p50".
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="aggregation">The aggregation read.</param>
    /// <param name="percentile">For a percentile, NN; otherwise <see cref="DefaultPercentile"/>.</param>
    /// <returns>False, with the outputs at their defaults, when the text names no aggregation.</returns>
    public static bool TryParse(string? text, out SeriesAggregation aggregation, out double percentile)
    {
        aggregation = SeriesAggregation.Mean;
        percentile = DefaultPercentile;
        var name = text.AsSpan().Trim();
        SeriesAggregation? named =
            name.Equals("mean", StringComparison.OrdinalIgnoreCase) ? SeriesAggregation.Mean
            : name.Equals("median", StringComparison.OrdinalIgnoreCase) ? SeriesAggregation.Median
            : name.Equals("min", StringComparison.OrdinalIgnoreCase) ? SeriesAggregation.Min
            : name.Equals("max", StringComparison.OrdinalIgnoreCase) ? SeriesAggregation.Max
            : name.Equals("sum", StringComparison.OrdinalIgnoreCase) ? SeriesAggregation.Sum
            : name.Equals("last", StringComparison.OrdinalIgnoreCase) ? SeriesAggregation.Last
            : name.Equals("count", StringComparison.OrdinalIgnoreCase) ? SeriesAggregation.Count
            : null;
        if (named is { } found)
        {
            aggregation = found;
            return true;
        }

        if (name.Length < 2 || (name[0] != 'p' && name[0] != 'P')
            || !double.TryParse(name[1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !(value > 0 && value <= 100))
        {
            return false;
        }

        (aggregation, percentile) = (SeriesAggregation.Percentile, value);
        return true;
    }

    /// <summary>An aggregation as written: "mean", "p95", "p99.9" (the percentile matters only for <see cref="SeriesAggregation.Percentile"/>).</summary>
    public static string Format(SeriesAggregation aggregation, double percentile = DefaultPercentile) => aggregation switch
    {
        SeriesAggregation.Mean => "mean",
        SeriesAggregation.Median => "median",
        SeriesAggregation.Percentile => "p" + percentile.ToString("R", CultureInfo.InvariantCulture),
        SeriesAggregation.Min => "min",
        SeriesAggregation.Max => "max",
        SeriesAggregation.Sum => "sum",
        SeriesAggregation.Last => "last",
        SeriesAggregation.Count => "count",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation."),
    };
}
