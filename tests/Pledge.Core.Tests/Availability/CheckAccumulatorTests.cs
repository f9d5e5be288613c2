using System.Collections.Immutable;
using NodaTime;
using Pledge.Availability;
using Pledge.Measures;
using static Pledge.Tests.Availability.AvailabilityKit;

namespace Pledge.Tests.Availability;

/// <summary>The streaming fast path on hand-computed timelines.</summary>
public sealed class CheckAccumulatorTests
{
    private const long TicksPerMinute = NodaConstants.TicksPerMinute;
    private static readonly AvailabilityRules Rules = new();

    [Fact]
    public void Month_bounds_start_at_local_midnight()
    {
        var bounds = CheckAccumulator.MonthBounds(DateTimeZoneProviders.Tzdb["Europe/Berlin"], new YearMonth(2026, 3), 2);

        Assert.Equal(
            [At("2026-03-01T00:00+01:00"), At("2026-04-01T00:00+02:00"), At("2026-05-01T00:00+02:00")],
            bounds.Select(Instant.FromUnixTimeTicks).ToArray());
    }

    [Fact]
    public void The_documented_example_tallies_as_the_rule_says()
    {
        // Period 09:00–11:00: down 10:01–10:03 and 10:10–10:15 (7 min), up 10:00–10:01 and 10:03–10:08 (6 min).
        var tally = Tally([At2("09:00"), At2("11:00")], [("10:00", true), ("10:01", false), ("10:02", false), ("10:03", true), ("10:10", false)]);

        Assert.Equal(new CheckTally(120 * TicksPerMinute, 6 * TicksPerMinute, 7 * TicksPerMinute, 107 * TicksPerMinute), tally);
        Assert.Equal(6.0 / 13, tally.Availability(UnknownPolicy.Exclude));
        Assert.Equal(6.0 / 120, tally.Availability(UnknownPolicy.Down));
        Assert.Equal(Verdict.Missed, tally.Judge(Rules));
    }

    [Fact]
    public void A_down_run_across_a_period_bound_is_split_between_the_periods()
    {
        // Periods 09–10 and 10–11; every minute up, down 09:50–10:20 (the 10:20 result is up).
        var accumulator = new CheckAccumulator(RoundTheClock, [Ticks(OnDay("09:00")), Ticks(OnDay("10:00")), Ticks(OnDay("11:00"))], Rules);
        for (var minute = 9 * 60; minute < 11 * 60; minute++)
        {
            accumulator.Add(Ticks(OnDay("00:00")) + (minute * TicksPerMinute), minute is < 590 or >= 620);
        }

        var tallies = accumulator.Complete();

        Assert.Equal(
            [new CheckTally(60 * TicksPerMinute, 50 * TicksPerMinute, 10 * TicksPerMinute, 0), new CheckTally(60 * TicksPerMinute, 40 * TicksPerMinute, 20 * TicksPerMinute, 0)],
            tallies.ToArray());
    }

    [Fact]
    public void A_down_run_shorter_than_the_minimum_counts_as_up_even_across_a_bound()
    {
        // Down 09:58–10:02 is 4 minutes, under the 5-minute minimum: all up.
        var rules = Rules with { MinimumOutage = Duration.FromMinutes(5) };
        var accumulator = new CheckAccumulator(RoundTheClock, [Ticks(OnDay("09:00")), Ticks(OnDay("10:00")), Ticks(OnDay("11:00"))], rules);
        for (var minute = 9 * 60; minute < 11 * 60; minute++)
        {
            accumulator.Add(Ticks(OnDay("00:00")) + (minute * TicksPerMinute), minute is < 598 or >= 602);
        }

        Assert.All(accumulator.Complete(), t => Assert.Equal((60 * TicksPerMinute, 0L), (t.UpTicks, t.DownTicks)));
    }

    [Fact]
    public void Results_at_the_same_instant_count_as_down_if_any_is_down_in_either_order()
    {
        var upFirst = Tally([At2("10:00"), At2("10:10")], [("10:00", true), ("10:02", true), ("10:02", false), ("10:04", true), ("10:06", true)]);
        var downFirst = Tally([At2("10:00"), At2("10:10")], [("10:00", true), ("10:02", false), ("10:02", true), ("10:04", true), ("10:06", true)]);

        Assert.Equal(2 * TicksPerMinute, upFirst.DownTicks);
        Assert.Equal(upFirst, downFirst);
    }

    [Fact]
    public void Without_any_result_the_scope_counts_as_unmonitored()
    {
        var tally = Tally([At2("09:00"), At2("11:00")], []);

        Assert.Equal(new CheckTally(120 * TicksPerMinute, 120 * TicksPerMinute, 0, 0), tally);
    }

    [Fact]
    public void Business_hours_count_only_inside_the_service_hours()
    {
        // Office hours; Monday 2 March 2026 from 17:00 to 19:00 Berlin, every minute, down from 17:30 on.
        var from = Ticks(At("2026-03-02T17:00+01:00"));
        var accumulator = new CheckAccumulator(Office, [from, from + (120 * TicksPerMinute)], Rules);
        for (var minute = 0; minute < 120; minute++)
        {
            accumulator.Add(from + (minute * TicksPerMinute), minute < 30);
        }

        var tally = accumulator.Complete().Single();

        Assert.Equal(new CheckTally(60 * TicksPerMinute, 30 * TicksPerMinute, 30 * TicksPerMinute, 0), tally);
    }

    [Fact]
    public void Misuse_is_refused()
    {
        var accumulator = new CheckAccumulator(RoundTheClock, [0, TicksPerMinute], Rules);
        accumulator.Add(10, true);

        Assert.Throws<ArgumentException>(() => accumulator.Add(9, true));
        Assert.Throws<ArgumentException>(() => accumulator.Add([20, 30], [true]));
        Assert.Throws<ArgumentException>(() => new CheckAccumulator(RoundTheClock, [5, 5], Rules));
        accumulator.Complete();
        Assert.Throws<InvalidOperationException>(() => accumulator.Add(20, true));
        Assert.Throws<InvalidOperationException>(() => accumulator.Complete());
    }

    private static long Ticks(Instant instant) => instant.ToUnixTimeTicks();

    private static long At2(string time) => Ticks(OnDay(time));

    private static CheckTally Tally(long[] bounds, (string Time, bool Up)[] results)
    {
        var accumulator = new CheckAccumulator(RoundTheClock, bounds, Rules);
        foreach (var (time, up) in results)
        {
            accumulator.Add(Ticks(OnDay(time)), up);
        }

        ImmutableArray<CheckTally> tallies = accumulator.Complete();
        return Assert.Single(tallies);
    }
}
