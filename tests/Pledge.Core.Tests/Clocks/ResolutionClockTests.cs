using Pledge.Clocks;
using Pledge.Tickets;
using static Pledge.Tests.Clocks.ClockKit;

namespace Pledge.Tests.Clocks;

/// <summary>
/// Resolution clocks on hand-checked timelines. Calendar: Monday to Friday 09:00-17:00 Europe/Berlin
/// (2026-03-02 is a Monday, 2026-03-06 a Friday, 2026-03-09 the next Monday). Thresholds P1 2h, P2 4h,
/// P3 8h; waiting-customer and on-hold pause; default warnings at 50%, 75% and 90%.
/// </summary>
public sealed class ResolutionClockTests
{
    private static Ticket WeekendPause() => new Ticket()
        .Created(At(Fri, "15:00"), "P2")
        .Status(At(Fri, "16:00"), "waiting-customer")
        .Status(At(NextMon, "10:00"), "open");

    [Fact]
    public void A_pause_across_the_weekend_moves_the_deadline_to_Monday_13_00_and_resolving_at_12_00_is_met_with_an_hour_to_spare()
    {
        var outcome = WeekendPause().Resolved(At(NextMon, "12:00")).Evaluate(Resolution(), At(NextMon, "18:00"));

        AssertTimeline(
            outcome,
            // 4h from Fri 15:00: Fri 15-17 (2h), weekend closed, Mon 09-11 (2h).
            Step(ClockStepKind.Started, At(Fri, "15:00"), 1, H(0), At(NextMon, "11:00")),
            // Fri 15-16 ran: 1h. Paused: no deadline.
            Step(ClockStepKind.Paused, At(Fri, "16:00"), 1, H(1), null),
            // The pause covered Fri 16-17 and Mon 09-10, both business time, and the closed weekend.
            // 3h left from Mon 10:00: 13:00.
            Step(ClockStepKind.Resumed, At(NextMon, "10:00"), 1, H(1), At(NextMon, "13:00")),
            // 50% = 2h: 1h more after 10:00.
            Step(ClockStepKind.Warning, At(NextMon, "11:00"), 1, H(2), At(NextMon, "13:00")),
            // 75% = 3h: reached exactly at the resolution.
            Step(ClockStepKind.Warning, At(NextMon, "12:00"), 1, H(3), At(NextMon, "13:00")),
            Step(ClockStepKind.Stopped, At(NextMon, "12:00"), 1, H(3), null));
        var measurement = Assert.Single(outcome.Measurements);
        Assert.Equal(new Measurement(1, At(Fri, "15:00"), At(NextMon, "12:00"), "P2", H(4), H(3), null, null, false), measurement);
        Assert.True(measurement.IsMet);
        Assert.Equal(H(1), measurement.Remaining);
        Assert.Equal(ClockState.Stopped, outcome.State);
        Assert.False(outcome.IsBreached);
    }

    [Fact]
    public void A_pause_across_the_weekend_resolved_at_14_00_is_breached_by_an_hour_at_Monday_13_00()
    {
        var outcome = WeekendPause().Resolved(At(NextMon, "14:00")).Evaluate(Resolution(), At(NextMon, "18:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Fri, "15:00"), 1, H(0), At(NextMon, "11:00")),
            Step(ClockStepKind.Paused, At(Fri, "16:00"), 1, H(1), null),
            Step(ClockStepKind.Resumed, At(NextMon, "10:00"), 1, H(1), At(NextMon, "13:00")),
            // From Mon 10:00 with 1h consumed: 2h at 11:00, 3h at 12:00, 3h36m (90%) at 12:36, 4h at 13:00.
            Step(ClockStepKind.Warning, At(NextMon, "11:00"), 1, H(2), At(NextMon, "13:00")),
            Step(ClockStepKind.Warning, At(NextMon, "12:00"), 1, H(3), At(NextMon, "13:00")),
            Step(ClockStepKind.Warning, At(NextMon, "12:36"), 1, Hm(3, 36), At(NextMon, "13:00")),
            Step(ClockStepKind.Breached, At(NextMon, "13:00"), 1, H(4), At(NextMon, "13:00")),
            // 1h (Friday) + Mon 10-14 (4h) = 5h.
            Step(ClockStepKind.Stopped, At(NextMon, "14:00"), 1, H(5), null));
        var measurement = Assert.Single(outcome.Measurements);
        Assert.Equal(new Measurement(1, At(Fri, "15:00"), At(NextMon, "14:00"), "P2", H(4), H(5), At(NextMon, "13:00"), null, false), measurement);
        Assert.False(measurement.IsMet);
        Assert.Equal(-H(1), measurement.Remaining);
        Assert.True(outcome.IsBreached);
    }

    [Fact]
    public void A_clock_created_on_a_Saturday_starts_at_creation_but_consumes_nothing_until_Monday_09_00()
    {
        var ticket = new Ticket().Created(At(Sat, "10:00"), "P1");

        // Before the opening: running, nothing consumed; 2h from Saturday is Mon 09-11.
        var early = ticket.Evaluate(Resolution(), At(NextMon, "08:30"));
        Assert.Equal(ClockState.Running, early.State);
        Assert.Equal(new Measurement(1, At(Sat, "10:00"), null, "P1", H(2), H(0), null, At(NextMon, "11:00"), false), Assert.Single(early.Measurements));
        AssertTimeline(early, Step(ClockStepKind.Started, At(Sat, "10:00"), 1, H(0), At(NextMon, "11:00")));

        // Resolved Mon 10:30: 1h30m consumed (Mon 09:00-10:30); warnings at 1h (10:00) and 1h30m (10:30).
        var resolved = ticket.Resolved(At(NextMon, "10:30")).Evaluate(Resolution(), At(NextMon, "18:00"));
        Assert.Equal(new Measurement(1, At(Sat, "10:00"), At(NextMon, "10:30"), "P1", H(2), Hm(1, 30), null, null, false), Assert.Single(resolved.Measurements));
        AssertWarnings(resolved, At(NextMon, "10:00"), At(NextMon, "10:30"));
    }

    [Fact]
    public void A_clock_created_in_the_evening_counts_from_the_next_morning()
    {
        // Tue 18:30, P1 (2h): Wed 09-11.
        var ticket = new Ticket().Created(At(Tue, "18:30"), "P1");

        Assert.Equal(At(Wed, "11:00"), ticket.Evaluate(Resolution(), At(Tue, "23:00")).Deadline);
        Assert.Equal(H(0), ticket.Evaluate(Resolution(), At(Wed, "09:00")).Open!.Consumed);
        Assert.Equal(M(45), ticket.Evaluate(Resolution(), At(Wed, "09:45")).Open!.Consumed);
    }

    [Fact]
    public void A_ticket_created_in_a_pause_status_has_no_deadline_until_it_leaves_it()
    {
        var ticket = new Ticket()
            .Created(At(Mon, "09:00"), "P2", "waiting-customer")
            .Status(At(Mon, "11:00"), "open");

        var outcome = ticket.Evaluate(Resolution(), At(Mon, "11:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), null),
            // 4h from 11:00: 15:00.
            Step(ClockStepKind.Resumed, At(Mon, "11:00"), 1, H(0), At(Mon, "15:00")));
        Assert.Equal(ClockState.Paused, ticket.Evaluate(Resolution(), At(Mon, "10:59")).State);
    }

    [Fact]
    public void Evaluated_in_the_middle_of_a_ticket_the_open_measurement_shows_the_time_consumed_so_far_and_its_deadline()
    {
        var ticket = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .Status(At(Mon, "10:00"), "waiting-customer")
            .Status(At(Mon, "14:00"), "open")
            .Resolved(At(Tue, "12:00"));

        // Before creation: nothing.
        var before = ticket.Evaluate(Resolution(), At(Mon, "08:00"));
        Assert.Equal(ClockState.NotStarted, before.State);
        Assert.Empty(before.Measurements);
        Assert.Empty(before.Timeline);
        Assert.Null(before.Deadline);

        // 09:45: running, 45m of 4h used, due 13:00.
        var running = ticket.Evaluate(Resolution(), At(Mon, "09:45"));
        Assert.Equal(ClockState.Running, running.State);
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), null, "P2", H(4), M(45), null, At(Mon, "13:00"), false), Assert.Single(running.Measurements));
        Assert.True(running.Open!.IsOpen);
        Assert.Equal(At(Mon, "13:00"), running.Deadline);

        // 11:30: paused since 10:00 with 1h used; a paused clock has no deadline.
        var paused = ticket.Evaluate(Resolution(), At(Mon, "11:30"));
        Assert.Equal(ClockState.Paused, paused.State);
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), null, "P2", H(4), H(1), null, null, false), Assert.Single(paused.Measurements));
        Assert.Null(paused.Deadline);

        // 15:00: 1h + 14-15 = 2h used; 2h left from 15:00 lands on the close, 17:00, not Tuesday 09:00.
        // 50% (2h) was passed exactly at 15:00. The resolution on Tuesday is not seen yet.
        var resumed = ticket.Evaluate(Resolution(), At(Mon, "15:00"));
        Assert.Equal(ClockState.Running, resumed.State);
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), null, "P2", H(4), H(2), null, At(Mon, "17:00"), false), Assert.Single(resumed.Measurements));
        AssertTimeline(
            resumed,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "13:00")),
            Step(ClockStepKind.Paused, At(Mon, "10:00"), 1, H(1), null),
            // 3h from 14:00: 17:00.
            Step(ClockStepKind.Resumed, At(Mon, "14:00"), 1, H(1), At(Mon, "17:00")),
            Step(ClockStepKind.Warning, At(Mon, "15:00"), 1, H(2), At(Mon, "17:00")));
    }

    [Fact]
    public void A_priority_without_a_threshold_gets_no_measurement_only_an_explanation()
    {
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P4")
            .Resolved(At(Mon, "12:00"))
            .Evaluate(Resolution(), At(Mon, "18:00"));

        Assert.Equal(ClockState.NotStarted, outcome.State);
        Assert.Empty(outcome.Measurements);
        var step = Assert.Single(outcome.Timeline);
        Assert.Equal(ClockStepKind.NoThreshold, step.Kind);
        Assert.Equal(At(Mon, "09:00"), step.At);
        Assert.Contains("P4", step.Detail, StringComparison.Ordinal);
        Assert.Null(outcome.Deadline);
        Assert.False(outcome.IsBreached);
    }

    [Fact]
    public void A_merged_ticket_cancels_its_open_measurement_which_is_not_judged_and_later_events_do_nothing()
    {
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .Merged(At(Mon, "10:00"), "T-9")
            .Resolved(At(Mon, "11:00"))
            .Reopened(At(Mon, "12:00"))
            .Evaluate(Resolution(), At(Mon, "18:00"));

        Assert.Equal(ClockState.Cancelled, outcome.State);
        // 09-10: 1h consumed when it was cancelled.
        var measurement = Assert.Single(outcome.Measurements);
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), At(Mon, "10:00"), "P2", H(4), H(1), null, null, true), measurement);
        Assert.False(measurement.IsOpen);
        Assert.False(measurement.IsMet);
        Assert.False(measurement.IsBreached);
        Assert.Null(outcome.Open);
        Assert.Null(outcome.Deadline);
        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "13:00")),
            Step(ClockStepKind.Cancelled, At(Mon, "10:00"), 1, H(1), null));
    }

    [Fact]
    public void Events_out_of_order_and_delivered_twice_give_the_same_clock_as_the_clean_history()
    {
        var clean = WeekendPause().Resolved(At(NextMon, "14:00"));
        var events = clean.Events;
        // Reversed, every event twice (the copy first for odd positions), plus an extra copy of the creation.
        var scrambled = events.Reverse()
            .SelectMany((e, i) => i % 2 == 0 ? new[] { e, e with { } } : [e with { }, e])
            .Append(events[0] with { })
            .ToList();

        var expected = clean.Evaluate(Resolution(), At(NextMon, "18:00"));
        var actual = ClockEvaluator.Evaluate(Resolution(), TicketHistory.Of(scrambled), At(NextMon, "18:00"));

        Assert.Equal(Lines(expected), Lines(actual));
        AssertSameOutcome(expected, actual);
        // And it is the hand-checked answer: 5h consumed, breached at Mon 13:00.
        Assert.Equal(H(5), actual.Measurements.Single().Consumed);
        Assert.Equal(At(NextMon, "13:00"), actual.Measurements.Single().BreachedAt);
    }

    [Fact]
    public void Events_at_the_same_instant_apply_in_kind_order_whatever_their_arrival_order()
    {
        // A ticket created already waiting for the customer and set back to open at the same instant: created
        // first, then the status change, so the clock runs from 09:00 (1h consumed at 10:00) whichever
        // event arrives first.
        var created = new TicketCreated("b", "T-1", At(Mon, "09:00"), "acme", "email", "P2", "waiting-customer");
        var opened = new TicketStatusChanged("a", "T-1", At(Mon, "09:00"), "open");

        var one = ClockEvaluator.Evaluate(Resolution(), TicketHistory.Of([created, opened]), At(Mon, "10:00"));
        var other = ClockEvaluator.Evaluate(Resolution(), TicketHistory.Of([opened, created]), At(Mon, "10:00"));

        Assert.Equal(H(1), one.Open!.Consumed);
        AssertSameOutcome(one, other);
    }
}
