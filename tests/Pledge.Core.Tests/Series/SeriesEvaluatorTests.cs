using NodaTime;
using Pledge.Measures;
using Pledge.Series;

namespace Pledge.Tests.Series;

/// <summary>Aggregations of a numeric series, worked out by hand.</summary>
public sealed class SeriesEvaluatorTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 0, 0);

    private static readonly Interval Day = new(Start, Start + Duration.FromDays(1));

    /// <summary>One sample an hour from the start of the day, in the order given.</summary>
    private static Sample[] Hourly(params double[] values) =>
        [.. values.Select((v, i) => new Sample($"s{i:000}", "juice-temperature", Start + Duration.FromHours(i), v))];

    // In time order 8 42 4 23 15 16; sorted 4 8 15 16 23 42; sum 108.
    private static readonly Sample[] Six = Hourly(8, 42, 4, 23, 15, 16);

    [Theory]
    [InlineData("mean", 18.0, Verdict.Met)]
    [InlineData("median", 15.5, Verdict.Met)]      // (15 + 16) / 2.
    [InlineData("p95", 42.0, Verdict.Missed)]      // Rank ⌈5.7⌉ = 6.
    [InlineData("p50", 15.0, Verdict.Met)]         // Rank 3: the lower middle value, unlike the median.
    [InlineData("p10", 4.0, Verdict.Met)]          // Rank ⌈0.6⌉ = 1.
    [InlineData("p100", 42.0, Verdict.Missed)]
    [InlineData("min", 4.0, Verdict.Met)]
    [InlineData("max", 42.0, Verdict.Missed)]
    [InlineData("sum", 108.0, Verdict.Missed)]
    [InlineData("last", 16.0, Verdict.Met)]
    [InlineData("count", 6.0, Verdict.Met)]
    public void Each_aggregation_of_six_samples_against_at_most_20(string aggregation, double value, Verdict verdict)
    {
        Assert.True(SeriesAggregations.TryParse(aggregation, out var parsed, out var percentile));
        var rules = new SeriesRules { Series = "juice-temperature", Aggregation = parsed, Percentile = percentile, Comparison = Comparison.AtMost, Threshold = 20 };

        var result = SeriesEvaluator.Measure(Six, Day, rules);

        Assert.Equal(6, result.Samples);
        Assert.Equal(value, result.Value);
        Assert.Equal(verdict, result.Verdict);
        // 42 and 23 are above 20 whatever the aggregation.
        Assert.Equal(2, result.Violations);
    }

    [Theory]
    [InlineData(95, 20, 19.0)]
    [InlineData(99.9, 1000, 999.0)]
    [InlineData(99, 1000, 990.0)]
    [InlineData(33.3, 3, 1.0)]
    [InlineData(50, 1, 1.0)]
    [InlineData(0.1, 20, 1.0)]
    public void The_nearest_rank_percentile_of_one_to_n_is_exact_where_floating_point_would_round_up(double percentile, int n, double expected)
    {
        var samples = Hourly([.. Enumerable.Range(1, n).Select(i => (double)i).Reverse()]);
        var rules = new SeriesRules { Aggregation = SeriesAggregation.Percentile, Percentile = percentile, Threshold = 0 };

        var result = SeriesEvaluator.Measure(samples, new Interval(Start, Start + Duration.FromDays(60)), rules);

        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void Last_is_the_latest_sample_and_of_two_at_the_same_instant_the_one_whose_id_sorts_last()
    {
        var at = Start + Duration.FromHours(3);
        var samples = new[]
        {
            new Sample("b", "s", at, 2),
            new Sample("z-earlier", "s", at - Duration.FromMinutes(1), 9),
            new Sample("a", "s", at, 1),
        };
        var rules = new SeriesRules { Aggregation = SeriesAggregation.Last, Threshold = 5 };

        Assert.Equal(2.0, SeriesEvaluator.Measure(samples, Day, rules).Value);
        Assert.Equal(2.0, SeriesEvaluator.Measure(samples.Reverse(), Day, rules).Value);
    }

    [Theory]
    [InlineData(Comparison.AtMost, Verdict.Met)]
    [InlineData(Comparison.AtLeast, Verdict.Met)]
    [InlineData(Comparison.Below, Verdict.Missed)]
    [InlineData(Comparison.Above, Verdict.Missed)]
    public void A_value_equal_to_the_threshold_passes_only_the_inclusive_comparisons(Comparison comparison, Verdict verdict)
    {
        var result = SeriesEvaluator.Measure(Six, Day, new SeriesRules { Comparison = comparison, Threshold = 18 });

        Assert.Equal(18.0, result.Value);
        Assert.Equal(verdict, result.Verdict);
    }

    [Fact]
    public void Violations_count_the_single_samples_on_the_wrong_side()
    {
        // At least 10: 8 and 4 are below.
        var result = SeriesEvaluator.Measure(Six, Day, new SeriesRules { Comparison = Comparison.AtLeast, Threshold = 10 });

        Assert.Equal(2, result.Violations);
        Assert.Equal(Verdict.Met, result.Verdict);
    }

    [Fact]
    public void Under_the_minimum_sample_count_the_value_is_shown_but_not_judged()
    {
        var result = SeriesEvaluator.Measure(Hourly(1, 2, 3), Day, new SeriesRules { Threshold = 10, MinimumSamples = 4 });

        Assert.Equal(2.0, result.Value);
        Assert.Equal(Verdict.NotEnoughData, result.Verdict);
    }

    [Fact]
    public void Without_samples_count_and_sum_are_zero_and_the_others_have_no_value()
    {
        var count = SeriesEvaluator.Measure([], Day, new SeriesRules { Aggregation = SeriesAggregation.Count, Threshold = 3, MinimumSamples = 0 });
        var sum = SeriesEvaluator.Measure([], Day, new SeriesRules { Aggregation = SeriesAggregation.Sum, Threshold = 3 });
        var mean = SeriesEvaluator.Measure([], Day, new SeriesRules { Threshold = 3, MinimumSamples = 0 });

        Assert.Equal((0, 0.0, Verdict.Met), (count.Samples, count.Value, count.Verdict));
        // The default minimum of one sample still applies.
        Assert.Equal((0.0, Verdict.NotEnoughData), (sum.Value, sum.Verdict));
        Assert.Equal((null, Verdict.NotEnoughData), (mean.Value, mean.Verdict));
    }

    [Fact]
    public void Samples_count_in_the_half_open_period_that_holds_them()
    {
        var samples = new[]
        {
            new Sample("before", "s", Day.Start - Duration.Epsilon, 100),
            new Sample("first", "s", Day.Start, 1),
            new Sample("last", "s", Day.End - Duration.Epsilon, 3),
            new Sample("after", "s", Day.End, 100),
        };

        var result = SeriesEvaluator.Measure(samples, Day, new SeriesRules { Aggregation = SeriesAggregation.Max, Threshold = 5 });

        Assert.Equal(2, result.Samples);
        Assert.Equal(3.0, result.Value);
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        var result = SeriesEvaluator.Measure(Hourly(9, 1, 5, 7, 3), Day, new SeriesRules { Aggregation = SeriesAggregation.Median });

        Assert.Equal(5.0, result.Value);
    }

    public static TheoryData<string, SeriesRules> InvalidRules => new()
    {
        { "(0, 100]", new SeriesRules { Aggregation = SeriesAggregation.Percentile, Percentile = 0 } },
        { "(0, 100]", new SeriesRules { Aggregation = SeriesAggregation.Percentile, Percentile = 100.5 } },
        { "cannot be negative", new SeriesRules { MinimumSamples = -1 } },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void Invalid_rules_are_rejected_with_a_message_that_says_why(string message, SeriesRules rules)
    {
        var error = Assert.Throws<ArgumentException>(() => SeriesEvaluator.Measure([], Day, rules));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
