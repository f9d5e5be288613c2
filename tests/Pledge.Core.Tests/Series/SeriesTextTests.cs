using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pledge.Series;

namespace Pledge.Tests.Series;

/// <summary>Comparisons and aggregations as agreements write them.</summary>
public sealed class SeriesTextTests
{
    [Theory]
    [InlineData("<= 8", Comparison.AtMost, 8)]
    [InlineData(">= 99.5", Comparison.AtLeast, 99.5)]
    [InlineData("< -3", Comparison.Below, -3)]
    [InlineData("> 1e3", Comparison.Above, 1000)]
    [InlineData("<=8", Comparison.AtMost, 8)]
    [InlineData("  >=   0.25  ", Comparison.AtLeast, 0.25)]
    [InlineData("≤ 8", Comparison.AtMost, 8)]
    [InlineData("≥ 8", Comparison.AtLeast, 8)]
    [InlineData("< +2", Comparison.Below, 2)]
    public void A_comparison_reads_as_an_operator_and_a_number(string text, Comparison comparison, double threshold)
    {
        Assert.True(Comparisons.TryParse(text, out var parsedComparison, out var parsedThreshold));
        Assert.Equal(comparison, parsedComparison);
        Assert.Equal(threshold, parsedThreshold);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("8")]
    [InlineData("= 8")]
    [InlineData("== 8")]
    [InlineData("=< 8")]
    [InlineData("< = 8")]
    [InlineData("<<= 8")]
    [InlineData("<=")]
    [InlineData("<= eight")]
    [InlineData("<= 8 ms")]
    [InlineData("<= 8,5")]
    [InlineData("<= NaN")]
    [InlineData("<= Infinity")]
    [InlineData("<= 1e400")]
    public void Anything_else_is_not_a_comparison(string? text)
    {
        Assert.False(Comparisons.TryParse(text, out _, out _));
    }

    [Theory]
    [InlineData(Comparison.AtMost, 8, "<= 8")]
    [InlineData(Comparison.AtLeast, 99.5, ">= 99.5")]
    [InlineData(Comparison.Below, -0.001, "< -0.001")]
    [InlineData(Comparison.Above, 1e21, "> 1E+21")]
    public void A_comparison_is_written_with_its_operator_a_space_and_the_invariant_number(Comparison comparison, double threshold, string text)
    {
        Assert.Equal(text, Comparisons.Format(comparison, threshold));
    }

    [Property(MaxTest = 500)]
    public Property A_written_comparison_reads_back_exactly() =>
        Prop.ForAll(
            Arb.From(Gen.Elements(Comparison.AtMost, Comparison.AtLeast, Comparison.Below, Comparison.Above)),
            Arb.From(ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get)),
            (comparison, threshold) =>
            {
                Assert.True(Comparisons.TryParse(Comparisons.Format(comparison, threshold), out var c, out var t));
                Assert.Equal(comparison, c);
                Assert.Equal(threshold, t);
            });

    [Theory]
    [InlineData(Comparison.AtMost, 5, 5, true)]
    [InlineData(Comparison.AtMost, 5.0001, 5, false)]
    [InlineData(Comparison.AtLeast, 5, 5, true)]
    [InlineData(Comparison.AtLeast, 4.9999, 5, false)]
    [InlineData(Comparison.Below, 5, 5, false)]
    [InlineData(Comparison.Below, 4.9999, 5, true)]
    [InlineData(Comparison.Above, 5, 5, false)]
    [InlineData(Comparison.Above, 5.0001, 5, true)]
    [InlineData(Comparison.AtMost, double.NaN, 5, false)]
    public void A_comparison_holds_as_its_operator_says(Comparison comparison, double value, double threshold, bool holds)
    {
        Assert.Equal(holds, Comparisons.Holds(comparison, value, threshold));
    }

    [Theory]
    [InlineData("mean", SeriesAggregation.Mean, 95)]
    [InlineData("median", SeriesAggregation.Median, 95)]
    [InlineData("min", SeriesAggregation.Min, 95)]
    [InlineData("max", SeriesAggregation.Max, 95)]
    [InlineData("sum", SeriesAggregation.Sum, 95)]
    [InlineData("last", SeriesAggregation.Last, 95)]
    [InlineData("count", SeriesAggregation.Count, 95)]
    [InlineData("p95", SeriesAggregation.Percentile, 95)]
    [InlineData("p99.9", SeriesAggregation.Percentile, 99.9)]
    [InlineData("p50", SeriesAggregation.Percentile, 50)]
    [InlineData("p100", SeriesAggregation.Percentile, 100)]
    [InlineData("p0.5", SeriesAggregation.Percentile, 0.5)]
    [InlineData(" MEAN ", SeriesAggregation.Mean, 95)]
    [InlineData("P90", SeriesAggregation.Percentile, 90)]
    public void An_aggregation_reads_by_name_or_as_pNN(string text, SeriesAggregation aggregation, double percentile)
    {
        Assert.True(SeriesAggregations.TryParse(text, out var parsed, out var parsedPercentile));
        Assert.Equal(aggregation, parsed);
        Assert.Equal(percentile, parsedPercentile);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("avg")]
    [InlineData("average")]
    [InlineData("percentile")]
    [InlineData("p")]
    [InlineData("p0")]
    [InlineData("p101")]
    [InlineData("p-5")]
    [InlineData("p1e2")]
    [InlineData("p 95")]
    [InlineData("p95%")]
    [InlineData("95")]
    public void Anything_else_is_not_an_aggregation(string? text)
    {
        Assert.False(SeriesAggregations.TryParse(text, out _, out _));
    }

    [Theory]
    [InlineData(SeriesAggregation.Percentile, 95, "p95")]
    [InlineData(SeriesAggregation.Percentile, 99.9, "p99.9")]
    [InlineData(SeriesAggregation.Mean, 95, "mean")]
    [InlineData(SeriesAggregation.Count, 50, "count")]
    public void An_aggregation_is_written_as_agreements_write_it(SeriesAggregation aggregation, double percentile, string text)
    {
        Assert.Equal(text, SeriesAggregations.Format(aggregation, percentile));
    }

    [Fact]
    public void Every_aggregation_and_percentiles_from_p0_1_to_p100_read_back_exactly()
    {
        foreach (var aggregation in Enum.GetValues<SeriesAggregation>().Where(a => a != SeriesAggregation.Percentile))
        {
            Assert.True(SeriesAggregations.TryParse(SeriesAggregations.Format(aggregation), out var parsed, out _));
            Assert.Equal(aggregation, parsed);
        }

        for (var tenths = 1; tenths <= 1000; tenths++)
        {
            var percentile = tenths / 10.0;
            var text = SeriesAggregations.Format(SeriesAggregation.Percentile, percentile);
            Assert.True(SeriesAggregations.TryParse(text, out var parsed, out var back), text);
            Assert.Equal(SeriesAggregation.Percentile, parsed);
            Assert.Equal(percentile, back);
            Assert.DoesNotContain("E", text, StringComparison.Ordinal);
            Assert.Equal(text, "p" + percentile.ToString(CultureInfo.InvariantCulture));
        }
    }
}
