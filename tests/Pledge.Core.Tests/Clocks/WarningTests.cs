using Pledge.Clocks;
using static Pledge.Tests.Clocks.ClockKit;

namespace Pledge.Tests.Clocks;

/// <summary>
/// When a clock is at risk: at shares of its threshold (default 50%, 75%, 90%) and at business durations
/// before its deadline, both in business time on the 8x5 Berlin calendar (Mon-Fri 09:00-17:00).
/// </summary>
public sealed class WarningTests
{
    [Fact]
    public void Default_warnings_fire_at_half_three_quarters_and_nine_tenths_of_the_threshold_across_the_night()
    {
        // P3 (8h) from Mon 10:00: Mon 10-17 is 7h, so the deadline is Tue 10:00.
        var outcome = new Ticket().Created(At(Mon, "10:00"), "P3").Evaluate(Resolution(), At(Tue, "12:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "10:00"), 1, H(0), At(Tue, "10:00")),
            // 50% = 4h: Mon 14:00.
            Step(ClockStepKind.Warning, At(Mon, "14:00"), 1, H(4), At(Tue, "10:00")),
            // 75% = 6h: Mon 16:00.
            Step(ClockStepKind.Warning, At(Mon, "16:00"), 1, H(6), At(Tue, "10:00")),
            // 90% = 7h12m: 7h by Mon 17:00, 12m more on Tuesday morning.
            Step(ClockStepKind.Warning, At(Tue, "09:12"), 1, Hm(7, 12), At(Tue, "10:00")),
            Step(ClockStepKind.Breached, At(Tue, "10:00"), 1, H(8), At(Tue, "10:00")));
        // Still open at Tue 12:00: 7h + Tue 09-12 (3h) = 10h; the deadline of a breached clock is its breach.
        Assert.Equal(ClockState.Running, outcome.State);
        Assert.Equal(new Measurement(1, At(Mon, "10:00"), null, "P3", H(8), H(10), At(Tue, "10:00"), At(Tue, "10:00"), false), Assert.Single(outcome.Measurements));
        Assert.Equal(-H(2), outcome.Open!.Remaining);
    }

    [Fact]
    public void Warnings_fire_in_time_order_whatever_order_they_are_declared_in()
    {
        // 4h threshold: 90% = 3h36m, 3h before the deadline = 1h consumed, 50% = 2h.
        var definition = Resolution() with { Warnings = [ClockWarning.AtShare(0.9), ClockWarning.Before(H(3)), ClockWarning.AtShare(0.5)] };

        var outcome = new Ticket().Created(At(Mon, "09:00"), "P2").Resolved(At(Mon, "13:00")).Evaluate(definition, At(Mon, "18:00"));

        AssertWarnings(outcome, At(Mon, "10:00"), At(Mon, "11:00"), At(Mon, "12:36"));
        // Resolved exactly at the threshold: met.
        Assert.True(outcome.Measurements.Single().IsMet);
        Assert.Equal(H(0), outcome.Measurements.Single().Remaining);
    }

    [Fact]
    public void A_warning_an_hour_before_the_deadline_in_the_same_day_fires_an_hour_before_it()
    {
        // P2 (4h) from Mon 09:00: deadline 13:00; an hour before: 12:00, with 3h consumed.
        var definition = Resolution() with { Warnings = [ClockWarning.Before(H(1))] };

        var outcome = new Ticket().Created(At(Mon, "09:00"), "P2").Evaluate(definition, At(Mon, "12:30"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "13:00")),
            Step(ClockStepKind.Warning, At(Mon, "12:00"), 1, H(3), At(Mon, "13:00")));
    }

    [Fact]
    public void A_warning_two_business_hours_before_a_deadline_after_a_closed_night_fires_the_afternoon_before()
    {
        // P2 (4h) from Mon 14:00: Mon 14-17 (3h), Tue 09-10 (1h): deadline Tue 10:00.
        // Two business hours before it: Tue 09-10 (1h) and Mon 16-17 (1h): Mon 16:00.
        var definition = Resolution() with { Warnings = [ClockWarning.Before(H(2))] };

        var outcome = new Ticket().Created(At(Mon, "14:00"), "P2").Evaluate(definition, At(Tue, "12:00"));

        Assert.Equal(At(Mon, "16:00"), Office.Due(At(Tue, "10:00"), -H(2)));
        AssertWarnings(outcome, At(Mon, "16:00"));
        Assert.Equal(At(Tue, "10:00"), outcome.Measurements.Single().BreachedAt);
    }

    /// <summary>
    /// Regression (found by this suite, fixed in the engine): The design fixes "1 business hour before the deadline" as a
    /// backward count from the deadline ("Negative minutes count backwards (warnings '1 business hour before
    /// the deadline' need it); a backward result that lands exactly at the start of a window is that start").
    /// The evaluator instead finds the instant the consumed time first reaches threshold - 1h counting
    /// forward from the start, and a forward count that lands on a window's end stays at that end, so the
    /// warning fires at 17:00 the evening before instead of 09:00 that morning.
    /// </summary>
    [Fact]
    public void A_warning_one_business_hour_before_a_deadline_that_follows_a_closed_night_fires_at_the_morning_opening()
    {
        // P2 (4h) from Mon 14:00: Mon 14-17 (3h), Tue 09-10 (1h): deadline Tue 10:00.
        // One business hour before 10:00 is 09:00: the night 17:00-09:00 holds no business time, and a
        // backward count landing exactly on an opening is that opening.
        var definition = Resolution() with { Warnings = [ClockWarning.Before(H(1))] };

        var outcome = new Ticket().Created(At(Mon, "14:00"), "P2").Evaluate(definition, At(Tue, "12:00"));

        Assert.Equal(At(Tue, "09:00"), Office.Due(At(Tue, "10:00"), -H(1)));
        Assert.Equal(At(Tue, "10:00"), outcome.Measurements.Single().BreachedAt);
        AssertWarnings(outcome, At(Tue, "09:00"));
    }

    [Fact]
    public void A_warning_further_before_the_deadline_than_the_whole_threshold_never_fires()
    {
        // 5h before a 4h deadline would be before the clock started.
        var definition = Resolution() with { Warnings = [ClockWarning.Before(H(5))] };

        var outcome = new Ticket().Created(At(Mon, "09:00"), "P2").Evaluate(definition, At(Mon, "18:00"));

        AssertWarnings(outcome);
        Assert.Equal(At(Mon, "13:00"), outcome.Measurements.Single().BreachedAt);
    }

    [Fact]
    public void A_paused_clock_raises_no_warning_while_paused()
    {
        // P2 from Mon 09:00, waiting 10:00-Tue 10:00: 1h on Monday, 50% (2h) at Tue 11:00.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .Status(At(Mon, "10:00"), "waiting-customer")
            .Status(At(Tue, "10:00"), "open")
            .Evaluate(Resolution(), At(Tue, "11:30"));

        AssertWarnings(outcome, At(Tue, "11:00"));
    }

    /// <summary>
    /// Regression (found by this suite, fixed in the engine): once breached, a clock is past "at risk", but a priority change
    /// that gives more time re-arms the warning levels above the consumed time, so "at risk" warnings appear
    /// in the timeline after the breach.
    /// </summary>
    [Fact]
    public void No_warning_is_raised_after_the_breach_when_a_later_priority_change_gives_more_time()
    {
        // P3 (8h) from Mon 09:00; P1 (2h) at 12:30 with 3h30m consumed: breached at the change.
        // Back to P3 at 14:00 with 5h consumed: the breach stays; the 75% (6h, 15:00) and 90% (7h12m, 16:12)
        // levels of 8h lie ahead, but the clock is already breached: no warning should follow.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P3")
            .Priority(At(Mon, "12:30"), "P1")
            .Priority(At(Mon, "14:00"), "P3")
            .Resolved(At(Mon, "16:30"))
            .Evaluate(Resolution(), At(Mon, "18:00"));

        var measurement = outcome.Measurements.Single();
        Assert.Equal(At(Mon, "12:30"), measurement.BreachedAt);
        AssertWarnings(outcome);
    }
}
