using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Pledge.Measures;
using Pledge.Satisfaction;
using Interval = NodaTime.Interval;

namespace Pledge.Tests.Satisfaction;

/// <summary>Invariants of the satisfaction calculator over generated responses on a 0-10 scale.</summary>
public sealed class SatisfactionPropertyTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);

    private static readonly Interval Period = new(Start, Start + Duration.FromDays(10));

    private static readonly SatisfactionRules Rules = new() { Metric = SatisfactionMetric.Nps, ScaleMin = 0, ScaleMax = 10, Objective = 0 };

    private static Arbitrary<SurveyResponse[]> Responses { get; } = Arb.From(
        Gen.Choose(0, 30).SelectMany(n => Gen.ArrayOf(
            from hour in Gen.Choose(-24, (11 * 24) - 1)
            from tenths in Gen.Choose(-10, 110)
            select (hour, tenths), n))
        .Select(raw => raw.Select((r, i) => new SurveyResponse($"r{i}", "acme", Start + Duration.FromHours(r.hour), r.tenths / 10.0)).ToArray()));

    [Property(MaxTest = 300)]
    public Property Input_order_never_changes_the_result() =>
        Prop.ForAll(Responses, responses =>
        {
            var plain = SatisfactionCalculator.Measure(responses, Period, Rules);
            var reversed = SatisfactionCalculator.Measure(responses.Reverse(), Period, Rules);

            Assert.Equal(plain with { Unsatisfied = [] }, reversed with { Unsatisfied = [] });
            Assert.Equal(plain.Unsatisfied.ToArray(), reversed.Unsatisfied.ToArray());
        });

    [Property(MaxTest = 300)]
    public Property The_metrics_stay_in_their_ranges_and_the_verdict_follows_the_minimum() =>
        Prop.ForAll(Responses, responses =>
        {
            var result = SatisfactionCalculator.Measure(responses, Period, Rules);

            Assert.Equal(responses.Count(r => Period.Contains(r.At)), result.Responses + result.OutOfScale);
            if (result.Responses == 0)
            {
                Assert.Null(result.Value);
            }
            else
            {
                Assert.InRange(result.Csat!.Value, 0, 1);
                Assert.InRange(result.Average!.Value, 0, 10);
                Assert.InRange(result.Nps!.Value, -100, 100);
                Assert.Equal(result.Responses - (int)Math.Round(result.Csat.Value * result.Responses), result.Unsatisfied.Length);
            }

            Assert.Equal(result.Responses < Rules.MinimumResponses, result.Verdict == Verdict.NotEnoughData);
        });
}
