using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Pledge.Series;
using Interval = NodaTime.Interval;

namespace Pledge.Tests.Series;

/// <summary>Invariants of the series evaluator over generated samples.</summary>
public sealed class SeriesPropertyTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 0, 0);

    private static readonly Interval Day = new(Start, Start + Duration.FromDays(1));

    private static Arbitrary<Sample[]> Samples { get; } = Arb.From(
        Gen.Choose(0, 30).SelectMany(n => Gen.ArrayOf(
            from minute in Gen.Choose(-60, (25 * 60) - 1)
            from value in Gen.Choose(-50, 50)
            select (minute, value), n))
        .Select(raw => raw.Select((r, i) => new Sample($"s{i:00}", "s", Start + Duration.FromMinutes(r.minute), r.value / 4.0)).ToArray()));

    private static Arbitrary<SeriesAggregation> Aggregations { get; } = Arb.From(Gen.Elements(Enum.GetValues<SeriesAggregation>()));

    [Property(MaxTest = 500)]
    public Property Input_order_never_changes_the_result() =>
        Prop.ForAll(Samples, Aggregations, (samples, aggregation) =>
        {
            var rules = new SeriesRules { Aggregation = aggregation, Percentile = 90, Threshold = 1 };

            Assert.Equal(SeriesEvaluator.Measure(samples, Day, rules), SeriesEvaluator.Measure(samples.Reverse(), Day, rules));
        });

    [Property(MaxTest = 500)]
    public Property Min_median_percentiles_mean_and_max_are_ordered_and_percentiles_are_samples() =>
        Prop.ForAll(Samples, samples =>
        {
            double Value(SeriesAggregation aggregation, double percentile = 95) =>
                SeriesEvaluator.Measure(samples, Day, new SeriesRules { Aggregation = aggregation, Percentile = percentile }).Value ?? double.NaN;

            var inDay = samples.Where(s => Day.Contains(s.At)).Select(s => s.Value).ToArray();
            if (inDay.Length == 0)
            {
                return;
            }

            var min = Value(SeriesAggregation.Min);
            var max = Value(SeriesAggregation.Max);
            Assert.Equal(inDay.Min(), min);
            Assert.Equal(inDay.Max(), max);
            Assert.InRange(Value(SeriesAggregation.Mean), min, max);
            Assert.InRange(Value(SeriesAggregation.Median), min, max);
            var p25 = Value(SeriesAggregation.Percentile, 25);
            var p75 = Value(SeriesAggregation.Percentile, 75);
            Assert.True(min <= p25 && p25 <= p75 && p75 <= max);
            Assert.Contains(p25, inDay);
            Assert.Equal(max, Value(SeriesAggregation.Percentile, 100));
            // Nearest rank: at least p% of the values are at or below it, and fewer below it.
            Assert.True(inDay.Count(v => v <= p75) * 100 >= 75 * inDay.Length);
            Assert.True(inDay.Count(v => v < p75) * 100 < 75 * inDay.Length);
        });
}
