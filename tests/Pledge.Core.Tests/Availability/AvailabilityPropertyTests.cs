using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Pledge.Availability;
using Interval = NodaTime.Interval;

namespace Pledge.Tests.Availability;

/// <summary>
/// Invariants of the availability engine over generated cases (<see cref="AvailabilityCase"/>): office and
/// round-the-clock service hours, periods across the Berlin DST change, outage records of every kind,
/// rules, and check results with runs, ties and gaps.
/// </summary>
public sealed class AvailabilityPropertyTests
{
    private static Arbitrary<AvailabilityCase> Cases { get; } = Arb.From(Gen.Choose(0, int.MaxValue).Select(seed => AvailabilityCase.Build(seed)));

    private static Arbitrary<AvailabilityCase> CheckOnlyCases { get; } =
        Arb.From(Gen.Choose(0, int.MaxValue).Select(seed => AvailabilityCase.Build(seed, withOutages: false, singleScope: true)));

    [Property(MaxTest = 400)]
    public Property Availability_stays_between_0_and_1_and_the_parts_add_up() =>
        Prop.ForAll(Cases, c =>
        {
            var result = c.Measure();

            Assert.InRange(result.Availability, 0.0, 1.0);
            Assert.InRange(result.Downtime, Duration.Zero, result.ServiceTime);
            Assert.True(result.Unknown + result.Excluded <= result.ServiceTime, "unknown and excluded time never overlap");

            // The segments hold the downtime; the counted outages are charged all of it but the unknown time counted as down.
            var fromSegments = result.Segments.Sum(s => c.Calendar.ElapsedTicks(s.Start.ToUnixTimeTicks(), s.End.ToUnixTimeTicks()) * s.Weight);
            Assert.InRange(fromSegments - result.Downtime.BclCompatibleTicks, -1.0, 1.0);
            var charged = result.Outages.Sum(e => e.Counted.BclCompatibleTicks) + (c.Rules.Unknown == UnknownPolicy.Down ? result.Unknown.BclCompatibleTicks : 0);
            Assert.InRange(charged - result.Downtime.BclCompatibleTicks, -result.Outages.Length - 1, result.Outages.Length + 1);
            Assert.All(result.Segments, s => Assert.True(s.Start < s.End && s.Weight is > 0 and <= 1));
            Assert.All(result.Outages.Where(e => e.Treatment != OutageTreatment.Counted), e => Assert.Equal(Duration.Zero, e.Counted));
        });

    [Property(MaxTest = 300)]
    public Property Merging_does_not_depend_on_the_order_of_the_input() =>
        Prop.ForAll(Cases, c =>
        {
            var random = new Random(c.Seed);
            var shuffled = c with
            {
                Outages = [.. c.Outages.OrderBy(_ => random.Next())],
                Checks = c.Checks is null ? null : [.. c.Checks.OrderBy(_ => random.Next())],
            };

            var expected = c.Measure();
            var actual = shuffled.Measure();

            Assert.Equal(
                (expected.ServiceTime, expected.Downtime, expected.Unknown, expected.Excluded, expected.Availability, expected.Verdict),
                (actual.ServiceTime, actual.Downtime, actual.Unknown, actual.Excluded, actual.Availability, actual.Verdict));
            Assert.Equal(expected.Outages.ToArray(), actual.Outages.ToArray());
            Assert.Equal(expected.Segments.ToArray(), actual.Segments.ToArray());
            Assert.Equal(expected.UnknownIntervals.ToArray(), actual.UnknownIntervals.ToArray());
        });

    [Property(MaxTest = 400)]
    public Property Excluding_planned_maintenance_never_lowers_availability() =>
        Prop.ForAll(Cases, c =>
        {
            var excluding = c.Measure(c.Rules with { ExcludePlanned = true });
            var counting = c.Measure(c.Rules with { ExcludePlanned = false });

            Assert.True(excluding.Availability >= counting.Availability - 1e-12, $"{excluding.Availability} < {counting.Availability}");
            Assert.True(excluding.Downtime <= counting.Downtime);
        });

    [Property(MaxTest = 200)]
    public Property The_accumulator_gives_what_the_calculator_gives() =>
        Prop.ForAll(CheckOnlyCases, c =>
        {
            // Cut the period into up to four periods of random length.
            var random = new Random(c.Seed);
            var start = c.Period.Start.ToUnixTimeTicks();
            var end = c.Period.End.ToUnixTimeTicks();
            var cuts = Enumerable.Range(0, random.Next(4)).Select(_ => start + 1 + random.NextInt64(end - start - 1));
            var bounds = cuts.Append(start).Append(end).Distinct().Order().ToArray();
            var checks = c.Checks ?? [];
            var rules = c.Rules;

            var accumulator = new CheckAccumulator(c.Calendar, bounds, rules);
            foreach (var check in checks.OrderBy(k => k.At))
            {
                accumulator.Add(check.At.ToUnixTimeTicks(), check.Up);
            }

            var tallies = accumulator.Complete();

            Assert.Equal(bounds.Length - 1, tallies.Length);
            for (var p = 0; p < tallies.Length; p++)
            {
                var period = new Interval(Instant.FromUnixTimeTicks(bounds[p]), Instant.FromUnixTimeTicks(bounds[p + 1]));
                var result = AvailabilityCalculator.Measure(c.Calendar, period, [], rules, checks);
                var tally = tallies[p];
                var down = tally.DownTicks + (rules.Unknown == UnknownPolicy.Down ? tally.UnknownTicks : 0);

                Assert.Equal(
                    (result.ServiceTime.BclCompatibleTicks, result.Unknown.BclCompatibleTicks, result.Downtime.BclCompatibleTicks, result.Availability, result.Verdict),
                    (tally.ServiceTicks, tally.UnknownTicks, down, tally.Availability(rules.Unknown), tally.Judge(rules)));
            }
        });
}
