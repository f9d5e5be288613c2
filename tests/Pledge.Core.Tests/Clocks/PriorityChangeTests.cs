using Pledge.Clocks;
using static Pledge.Tests.Clocks.ClockKit;

namespace Pledge.Tests.Clocks;

/// <summary>
/// A priority change on a running resolution clock under the three policies leading products disagree on.
/// Calendar Mon-Fri 09:00-17:00 Berlin; P1 2h, P2 4h, P3 8h, P4 none; default warnings 50/75/90%.
/// The common case: created Mon 09:00 as P3 (8h), raised to P2 (4h) at 11:00 with 2h consumed, resolved 14:30.
/// </summary>
public sealed class PriorityChangeTests
{
    private static Ticket RaisedAtEleven() => new Ticket()
        .Created(At(Mon, "09:00"), "P3")
        .Priority(At(Mon, "11:00"), "P2")
        .Resolved(At(Mon, "14:30"));

    [Fact]
    public void Recompute_keeps_the_consumed_time_and_applies_the_new_threshold_as_if_it_had_always_been()
    {
        var outcome = RaisedAtEleven().Evaluate(Resolution(change: PriorityChangePolicy.Recompute), At(Mon, "18:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "17:00")),
            // 2h consumed of 4h: 2h left from 11:00, due 13:00. The new 50% level (2h) is already passed
            // at the change and is not raised.
            Step(ClockStepKind.PriorityChanged, At(Mon, "11:00"), 1, H(2), At(Mon, "13:00")),
            Step(ClockStepKind.Warning, At(Mon, "12:00"), 1, H(3), At(Mon, "13:00")),
            Step(ClockStepKind.Warning, At(Mon, "12:36"), 1, Hm(3, 36), At(Mon, "13:00")),
            Step(ClockStepKind.Breached, At(Mon, "13:00"), 1, H(4), At(Mon, "13:00")),
            // 09:00-14:30 = 5h30m.
            Step(ClockStepKind.Stopped, At(Mon, "14:30"), 1, Hm(5, 30), null));
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), At(Mon, "14:30"), "P2", H(4), Hm(5, 30), At(Mon, "13:00"), null, false), outcome.Measurements.Single());
        Assert.Equal(-Hm(1, 30), outcome.Measurements.Single().Remaining);
    }

    [Fact]
    public void Restart_at_change_starts_from_zero_at_the_change_with_the_new_threshold()
    {
        var outcome = RaisedAtEleven().Evaluate(Resolution(change: PriorityChangePolicy.RestartAtChange), At(Mon, "18:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "17:00")),
            // 0 of 4h from 11:00: due 15:00.
            Step(ClockStepKind.PriorityChanged, At(Mon, "11:00"), 1, H(0), At(Mon, "15:00")),
            Step(ClockStepKind.Warning, At(Mon, "13:00"), 1, H(2), At(Mon, "15:00")),
            Step(ClockStepKind.Warning, At(Mon, "14:00"), 1, H(3), At(Mon, "15:00")),
            // 11:00-14:30 = 3h30m: met with 30m to spare.
            Step(ClockStepKind.Stopped, At(Mon, "14:30"), 1, Hm(3, 30), null));
        var measurement = outcome.Measurements.Single();
        // The measurement keeps its start (09:00); only its count of business time restarts at 11:00.
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), At(Mon, "14:30"), "P2", H(4), Hm(3, 30), null, null, false), measurement);
        Assert.True(measurement.IsMet);
    }

    [Fact]
    public void Carry_share_carries_the_consumed_share_of_the_old_threshold_over_to_the_new_one()
    {
        var outcome = RaisedAtEleven().Evaluate(Resolution(change: PriorityChangePolicy.CarryShare), At(Mon, "18:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "17:00")),
            // 2h of 8h is 25%; 25% of 4h is 1h; 3h left from 11:00: due 14:00.
            Step(ClockStepKind.PriorityChanged, At(Mon, "11:00"), 1, H(1), At(Mon, "14:00")),
            Step(ClockStepKind.Warning, At(Mon, "12:00"), 1, H(2), At(Mon, "14:00")),
            Step(ClockStepKind.Warning, At(Mon, "13:00"), 1, H(3), At(Mon, "14:00")),
            Step(ClockStepKind.Warning, At(Mon, "13:36"), 1, Hm(3, 36), At(Mon, "14:00")),
            Step(ClockStepKind.Breached, At(Mon, "14:00"), 1, H(4), At(Mon, "14:00")),
            // 1h + 11:00-14:30 (3h30m) = 4h30m: breached by 30m.
            Step(ClockStepKind.Stopped, At(Mon, "14:30"), 1, Hm(4, 30), null));
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), At(Mon, "14:30"), "P2", H(4), Hm(4, 30), At(Mon, "14:00"), null, false), outcome.Measurements.Single());
    }

    [Theory]
    // Evaluated at 12:00, an hour after the change: consumed so far and the deadline under each policy.
    // Recompute: 2h + 1h = 3h, due 13:00. Restart: 1h since 11:00, due 15:00. Carry: 1h + 1h = 2h, due 14:00.
    [InlineData(PriorityChangePolicy.Recompute, 180, "13:00")]
    [InlineData(PriorityChangePolicy.RestartAtChange, 60, "15:00")]
    [InlineData(PriorityChangePolicy.CarryShare, 120, "14:00")]
    public void An_hour_after_the_change_each_policy_shows_its_own_consumed_time_and_deadline(PriorityChangePolicy policy, int consumedMinutes, string deadline)
    {
        var outcome = RaisedAtEleven().Evaluate(Resolution(change: policy), At(Mon, "12:00"));

        var open = outcome.Open!;
        Assert.Equal(M(consumedMinutes), open.Consumed);
        Assert.Equal(H(4), open.Threshold);
        Assert.Equal("P2", open.Priority);
        Assert.Equal(At(Mon, deadline), open.Deadline);
    }

    [Fact]
    public void Carry_share_to_a_longer_threshold_carries_the_share_up_too()
    {
        // P1 (2h) from Mon 09:00; 50% (1h) reached at 10:00, when it becomes P3 (8h): 50% of 8h = 4h,
        // 4h left from 10:00: due 14:00. The new 50% level (4h) is passed; 75% (6h) comes at 12:00.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P1")
            .Priority(At(Mon, "10:00"), "P3")
            .Evaluate(Resolution(change: PriorityChangePolicy.CarryShare), At(Mon, "13:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "11:00")),
            Step(ClockStepKind.Warning, At(Mon, "10:00"), 1, H(1), At(Mon, "11:00")),
            Step(ClockStepKind.PriorityChanged, At(Mon, "10:00"), 1, H(4), At(Mon, "14:00")),
            Step(ClockStepKind.Warning, At(Mon, "12:00"), 1, H(6), At(Mon, "14:00")));
        // 4h + 10:00-13:00 (3h) = 7h of 8h.
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), null, "P3", H(8), H(7), null, At(Mon, "14:00"), false), outcome.Measurements.Single());
    }

    [Fact]
    public void Raising_the_priority_past_the_time_already_consumed_breaches_at_the_change()
    {
        // P3 from Mon 09:00; at 12:30 (3h30m consumed) it becomes P1 (2h): over the new threshold at once.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P3")
            .Priority(At(Mon, "12:30"), "P1")
            .Evaluate(Resolution(), At(Mon, "12:45"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "17:00")),
            // No time left: due at once.
            Step(ClockStepKind.PriorityChanged, At(Mon, "12:30"), 1, Hm(3, 30), At(Mon, "12:30")),
            Step(ClockStepKind.Breached, At(Mon, "12:30"), 1, Hm(3, 30), At(Mon, "12:30")));
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), null, "P1", H(2), Hm(3, 45), At(Mon, "12:30"), At(Mon, "12:30"), false), outcome.Measurements.Single());
    }

    [Fact]
    public void A_breach_at_the_change_stays_raised_when_a_later_change_gives_more_time_again()
    {
        // As above, then back to P3 at 14:00 and resolved at 15:00 with 6h used of 8h: still breached.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P3")
            .Priority(At(Mon, "12:30"), "P1")
            .Priority(At(Mon, "14:00"), "P3")
            .Resolved(At(Mon, "15:00"))
            .Evaluate(Resolution(), At(Mon, "18:00"));

        var measurement = outcome.Measurements.Single();
        Assert.Equal(H(8), measurement.Threshold);
        Assert.Equal(H(6), measurement.Consumed);
        Assert.Equal(At(Mon, "12:30"), measurement.BreachedAt);
        Assert.True(measurement.IsBreached);
        Assert.False(measurement.IsMet);
    }

    /// <summary>
    /// Regression (found by this suite, fixed in the engine): A measurement that breached and then
    /// ended under its (raised again) threshold is stopped with "breached by {-Remaining}", which here reads
    /// "breached by -2h": 6h used of 8h, breached at 12:30 when the threshold was 2h.
    /// </summary>
    [Fact]
    public void The_explanation_of_a_breach_that_ended_under_a_raised_threshold_never_says_breached_by_a_negative_time()
    {
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P3")
            .Priority(At(Mon, "12:30"), "P1")
            .Priority(At(Mon, "14:00"), "P3")
            .Resolved(At(Mon, "15:00"))
            .Evaluate(Resolution(), At(Mon, "18:00"));

        var stopped = outcome.Timeline.Single(s => s.Kind == ClockStepKind.Stopped);
        Assert.Contains("breached", stopped.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("by -", stopped.Detail, StringComparison.Ordinal);
    }

    [Theory]
    // The same raise to P1 at 12:30 under the other policies does not breach.
    // Carry: 3h30m of 8h is 43.75%; of 2h that is 52m30s; 1h07m30s left from 12:30: due 13:37:30.
    [InlineData(PriorityChangePolicy.CarryShare, 52.5, "13:37:30")]
    // Restart: 0 of 2h from 12:30: due 14:30.
    [InlineData(PriorityChangePolicy.RestartAtChange, 0, "14:30")]
    public void Raising_the_priority_late_does_not_breach_under_carry_share_or_restart(PriorityChangePolicy policy, double consumedMinutes, string deadline)
    {
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P3")
            .Priority(At(Mon, "12:30"), "P1")
            .Evaluate(Resolution(change: policy), At(Mon, "12:30"));

        var open = outcome.Open!;
        Assert.Null(open.BreachedAt);
        Assert.Equal(Pledge.Tests.Calendars.Iso.Minutes(consumedMinutes), open.Consumed);
        Assert.Equal(At(Mon, deadline), open.Deadline);
    }

    [Fact]
    public void A_change_to_a_priority_without_a_threshold_keeps_the_old_threshold()
    {
        // P2 from 09:00; P4 (no threshold) at 10:00: the 4h threshold still applies, due 13:00.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .Priority(At(Mon, "10:00"), "P4")
            .Evaluate(Resolution(), At(Mon, "11:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "13:00")),
            Step(ClockStepKind.PriorityChanged, At(Mon, "10:00"), 1, H(1), At(Mon, "13:00")),
            // 50% of the 4h still in force, reached at the evaluation instant.
            Step(ClockStepKind.Warning, At(Mon, "11:00"), 1, H(2), At(Mon, "13:00")));
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), null, "P4", H(4), H(2), null, At(Mon, "13:00"), false), outcome.Measurements.Single());
    }

    [Fact]
    public void A_priority_change_while_paused_changes_the_threshold_but_shows_no_deadline_until_resumed()
    {
        // P3 from 09:00, waiting from 10:00 (1h consumed), P2 at 11:00, open again at 12:00:
        // 3h left of 4h from 12:00, due 15:00.
        var ticket = new Ticket()
            .Created(At(Mon, "09:00"), "P3")
            .Status(At(Mon, "10:00"), "waiting-customer")
            .Priority(At(Mon, "11:00"), "P2")
            .Status(At(Mon, "12:00"), "open");

        var paused = ticket.Evaluate(Resolution(), At(Mon, "11:30"));
        Assert.Equal(ClockState.Paused, paused.State);
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), null, "P2", H(4), H(1), null, null, false), paused.Measurements.Single());
        Assert.Null(paused.Timeline.Single(s => s.Kind == ClockStepKind.PriorityChanged).Deadline);

        Assert.Equal(At(Mon, "15:00"), ticket.Evaluate(Resolution(), At(Mon, "12:00")).Deadline);
    }

    /// <summary>
    /// Regression (found by this suite, fixed in the engine): The evaluator's remarks: "A breach once raised stays raised, even
    /// if a later priority change gives more time." Under RestartAtChange the change clears the breach
    /// (<c>_breachedAt = null</c>), so the measurement is reported met although the timeline shows it
    /// breached.
    /// </summary>
    [Fact]
    public void Restart_at_change_does_not_erase_a_breach_raised_before_the_change()
    {
        // P1 (2h) from Mon 09:00: breached at 11:00. At 12:00 it becomes P3 and restarts from zero;
        // resolved at 13:00 with 1h used since the restart. The breach at 11:00 stands.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P1")
            .Priority(At(Mon, "12:00"), "P3")
            .Resolved(At(Mon, "13:00"))
            .Evaluate(Resolution(change: PriorityChangePolicy.RestartAtChange), At(Mon, "18:00"));

        Assert.Contains(outcome.Timeline, s => s.Kind == ClockStepKind.Breached && s.At == At(Mon, "11:00"));
        var measurement = outcome.Measurements.Single();
        Assert.Equal(H(1), measurement.Consumed);
        Assert.Equal(At(Mon, "11:00"), measurement.BreachedAt);
        Assert.False(measurement.IsMet);
    }
}
