using NodaTime;
using Pledge.Measures;
using Pledge.Satisfaction;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Satisfaction;

/// <summary>CSAT, average and NPS worked out by hand.</summary>
public sealed class SatisfactionCalculatorTests
{
    private static readonly Interval March = new(Iso.Instant("2026-03-01T00:00+01:00"), Iso.Instant("2026-04-01T00:00+02:00"));

    /// <summary>Responses on successive days of March, in the order given.</summary>
    private static SurveyResponse[] Scores(params double[] scores) =>
        [.. scores.Select((score, i) => new SurveyResponse($"r{i + 1:00}", "acme", Iso.Instant("2026-03-01T10:00+01:00") + Duration.FromDays(i), score))];

    [Fact]
    public void Csat_is_the_share_of_the_top_two_scores_of_a_one_to_five_scale()
    {
        // 5 4 3 5 2 4 5 1 4 3: six of ten score 4 or 5; the sum is 36.
        var responses = Scores(5, 4, 3, 5, 2, 4, 5, 1, 4, 3);

        var result = SatisfactionCalculator.Measure(responses, March, new SatisfactionRules());

        Assert.Equal(10, result.Responses);
        Assert.Equal(0.6, result.Csat);
        Assert.Equal(3.6, result.Average);
        Assert.Null(result.Nps);
        Assert.Equal(0.6, result.Value);
        Assert.Equal(Verdict.Missed, result.Verdict);
        Assert.Equal(["r03", "r05", "r08", "r10"], result.Unsatisfied.Select(r => r.Id).ToArray());
    }

    [Fact]
    public void Nps_is_percent_promoters_minus_percent_detractors_and_reaching_the_objective_exactly_meets_it()
    {
        // 10 9 9 10 | 8 7 7 8 | 6 2: four promoters, four passives, two detractors: 40% - 20% = 20.
        var responses = Scores(10, 9, 9, 10, 8, 7, 7, 8, 6, 2);
        var rules = new SatisfactionRules { Metric = SatisfactionMetric.Nps, ScaleMin = 0, ScaleMax = 10, Objective = 20 };

        var result = SatisfactionCalculator.Measure(responses, March, rules);

        Assert.Equal(20.0, result.Nps);
        Assert.Equal(20.0, result.Value);
        Assert.Equal(7.6, result.Average);
        // Satisfied from 9 on 0-10 by default: the promoters.
        Assert.Equal(0.4, result.Csat);
        Assert.Equal(Verdict.Met, result.Verdict);
    }

    [Fact]
    public void Nps_can_be_negative_and_fractional()
    {
        // One promoter, two detractors, three responses: 100 × (1 - 2) / 3.
        var rules = new SatisfactionRules { Metric = SatisfactionMetric.Nps, ScaleMin = 0, ScaleMax = 10, Objective = 0, MinimumResponses = 1 };

        var result = SatisfactionCalculator.Measure(Scores(9, 0, 6), March, rules);

        Assert.Equal(-100.0 / 3, result.Nps);
        Assert.Equal(Verdict.Missed, result.Verdict);
    }

    [Fact]
    public void Nps_scores_between_six_and_nine_are_passive()
    {
        var rules = new SatisfactionRules { Metric = SatisfactionMetric.Nps, ScaleMin = 0, ScaleMax = 10, Objective = 0, MinimumResponses = 1 };

        var result = SatisfactionCalculator.Measure(Scores(6.5, 8.9, 9, 6), March, rules);

        Assert.Equal(0.0, result.Nps);
    }

    [Fact]
    public void An_average_objective_reached_exactly_is_met()
    {
        // 5 4 4 5 3: 21 / 5 = 4.2.
        var rules = new SatisfactionRules { Metric = SatisfactionMetric.Average, Objective = 4.2 };

        var result = SatisfactionCalculator.Measure(Scores(5, 4, 4, 5, 3), March, rules);

        Assert.Equal(4.2, result.Average);
        Assert.Equal(4.2, result.Value);
        Assert.Equal(Verdict.Met, result.Verdict);
        Assert.Equal(0.8, result.Csat);
    }

    [Fact]
    public void A_period_under_the_minimum_response_count_is_not_enough_data_not_a_pass_but_still_shows_its_numbers()
    {
        // Four perfect scores, five needed.
        var result = SatisfactionCalculator.Measure(Scores(5, 5, 5, 5), March, new SatisfactionRules());

        Assert.Equal(4, result.Responses);
        Assert.Equal(1.0, result.Csat);
        Assert.Equal(Verdict.NotEnoughData, result.Verdict);
    }

    [Fact]
    public void Reaching_the_minimum_response_count_exactly_is_judged()
    {
        var result = SatisfactionCalculator.Measure(Scores(5, 5, 5, 5, 3), March, new SatisfactionRules());

        Assert.Equal(0.8, result.Csat);
        Assert.Equal(Verdict.Met, result.Verdict);
    }

    [Fact]
    public void A_period_without_responses_has_no_numbers_and_not_enough_data_even_with_no_minimum()
    {
        var result = SatisfactionCalculator.Measure([], March, new SatisfactionRules { MinimumResponses = 0 });

        Assert.Equal(0, result.Responses);
        Assert.Null(result.Csat);
        Assert.Null(result.Average);
        Assert.Null(result.Nps);
        Assert.Null(result.Value);
        Assert.Equal(Verdict.NotEnoughData, result.Verdict);
        Assert.Empty(result.Unsatisfied);
    }

    [Fact]
    public void Scores_outside_the_scale_are_left_out_and_counted()
    {
        // 6 and 0 are not on 1-5, nor is NaN; the other four are.
        var result = SatisfactionCalculator.Measure(Scores(5, 6, 4, 0, double.NaN, 2, 1), March, new SatisfactionRules { MinimumResponses = 1 });

        Assert.Equal(4, result.Responses);
        Assert.Equal(3, result.OutOfScale);
        Assert.Equal(0.5, result.Csat);
        Assert.Equal(3.0, result.Average);
    }

    [Fact]
    public void Responses_count_in_the_half_open_period_that_holds_them()
    {
        var responses = new[]
        {
            new SurveyResponse("before", "acme", March.Start - Duration.Epsilon, 1),
            new SurveyResponse("first", "acme", March.Start, 5),
            new SurveyResponse("last", "acme", March.End - Duration.Epsilon, 4),
            new SurveyResponse("after", "acme", March.End, 1),
        };

        var result = SatisfactionCalculator.Measure(responses, March, new SatisfactionRules { MinimumResponses = 1 });

        Assert.Equal(2, result.Responses);
        Assert.Equal(1.0, result.Csat);
    }

    [Fact]
    public void A_declared_satisfied_threshold_replaces_the_top_two_default()
    {
        var rules = new SatisfactionRules { SatisfiedFrom = 3, Objective = 0.75 };

        var result = SatisfactionCalculator.Measure(Scores(5, 3, 2, 4, 3, 1, 4, 5), March, rules);

        Assert.Equal(0.75, result.Csat);
        Assert.Equal(Verdict.Met, result.Verdict);
        Assert.Equal(["r03", "r06"], result.Unsatisfied.Select(r => r.Id).ToArray());
    }

    [Fact]
    public void Unsatisfied_responses_come_in_time_order_then_id_whatever_the_input_order()
    {
        var at = Iso.Instant("2026-03-10T09:00+01:00");
        var responses = new[]
        {
            new SurveyResponse("b", "acme", at, 2) { Comment = "slow" },
            new SurveyResponse("c", "acme", at - Duration.FromHours(1), 1),
            new SurveyResponse("a", "acme", at, 3) { Ticket = "T-7" },
        };

        var result = SatisfactionCalculator.Measure(responses, March, new SatisfactionRules { MinimumResponses = 1 });

        Assert.Equal(["c", "a", "b"], result.Unsatisfied.Select(r => r.Id).ToArray());
    }

    public static TheoryData<string, SatisfactionRules> InvalidRules => new()
    {
        { "NPS is defined on the scale 0-10", new SatisfactionRules { Metric = SatisfactionMetric.Nps } },
        { "must go up", new SatisfactionRules { ScaleMin = 5, ScaleMax = 1 } },
        { "outside the scale", new SatisfactionRules { SatisfiedFrom = 7 } },
        { "cannot be negative", new SatisfactionRules { MinimumResponses = -1 } },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void Invalid_rules_are_rejected_with_a_message_that_says_why(string message, SatisfactionRules rules)
    {
        var error = Assert.Throws<ArgumentException>(() => SatisfactionCalculator.Measure([], March, rules));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
