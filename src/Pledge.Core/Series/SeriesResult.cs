using Pledge.Measures;

namespace Pledge.Series;

/// <summary>A series aggregated over a period and judged against its threshold.</summary>
/// <param name="Samples">How many samples the period holds.</param>
/// <param name="Value">The aggregate; null without samples (except <see cref="SeriesAggregation.Sum"/> and <see cref="SeriesAggregation.Count"/>, which are 0).</param>
/// <param name="Verdict">Met when the value keeps the threshold; not enough data under the minimum sample count.</param>
/// <param name="Violations">How many single samples break the threshold themselves (whatever the aggregate says).</param>
public sealed record SeriesResult(int Samples, double? Value, Verdict Verdict, int Violations);
