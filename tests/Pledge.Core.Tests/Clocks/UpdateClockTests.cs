using Pledge.Clocks;
using static Pledge.Tests.Clocks.ClockKit;

namespace Pledge.Tests.Clocks;

/// <summary>
/// Update clocks ("keep the customer informed") in their three modes. Calendar Mon-Fri 09:00-17:00 Berlin;
/// P1 1h, P2 2h, P3 4h; waiting-customer pauses the pausable modes; default warnings 50/75/90%.
/// </summary>
public sealed class UpdateClockTests
{
    /// <summary>P2 (2h): updates at 10:00, 12:30 and 13:00, waiting for the customer 10:30-11:30, resolved 15:00.</summary>
    private static Ticket Updates() => new Ticket()
        .Created(At(Mon, "09:00"), "P2")
        .AgentReply(At(Mon, "10:00"))
        .Status(At(Mon, "10:30"), "waiting-customer")
        .Status(At(Mon, "11:30"), "open")
        .AgentReply(At(Mon, "12:30"))
        .AgentReply(At(Mon, "13:00"))
        .Resolved(At(Mon, "15:00"));

    [Fact]
    public void Periodic_measures_every_gap_between_public_agent_updates_waiting_or_not()
    {
        var outcome = Updates().Evaluate(Update(UpdateMode.Periodic), At(Mon, "18:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "11:00")),
            // Gap 1, 09:00-10:00: 1h is exactly 50%.
            Step(ClockStepKind.Warning, At(Mon, "10:00"), 1, H(1), At(Mon, "11:00")),
            Step(ClockStepKind.Reset, At(Mon, "10:00"), 1, H(1), null),
            Step(ClockStepKind.Started, At(Mon, "10:00"), 2, H(0), At(Mon, "12:00")),
            // Gap 2, 10:00-12:30: the waiting hour counts; 1h, 1h30m, 1h48m, then 2h at 12:00.
            Step(ClockStepKind.Warning, At(Mon, "11:00"), 2, H(1), At(Mon, "12:00")),
            Step(ClockStepKind.Warning, At(Mon, "11:30"), 2, Hm(1, 30), At(Mon, "12:00")),
            Step(ClockStepKind.Warning, At(Mon, "11:48"), 2, Hm(1, 48), At(Mon, "12:00")),
            Step(ClockStepKind.Breached, At(Mon, "12:00"), 2, H(2), At(Mon, "12:00")),
            Step(ClockStepKind.Reset, At(Mon, "12:30"), 2, Hm(2, 30), null),
            // Gap 3, 12:30-13:00.
            Step(ClockStepKind.Started, At(Mon, "12:30"), 3, H(0), At(Mon, "14:30")),
            Step(ClockStepKind.Reset, At(Mon, "13:00"), 3, M(30), null),
            // Gap 4, 13:00-15:00: exactly the threshold, so met.
            Step(ClockStepKind.Started, At(Mon, "13:00"), 4, H(0), At(Mon, "15:00")),
            Step(ClockStepKind.Warning, At(Mon, "14:00"), 4, H(1), At(Mon, "15:00")),
            Step(ClockStepKind.Warning, At(Mon, "14:30"), 4, Hm(1, 30), At(Mon, "15:00")),
            Step(ClockStepKind.Warning, At(Mon, "14:48"), 4, Hm(1, 48), At(Mon, "15:00")),
            Step(ClockStepKind.Stopped, At(Mon, "15:00"), 4, H(2), null));
        AssertMeasurements(
            outcome,
            new Measurement(1, At(Mon, "09:00"), At(Mon, "10:00"), "P2", H(2), H(1), null, null, false),
            new Measurement(2, At(Mon, "10:00"), At(Mon, "12:30"), "P2", H(2), Hm(2, 30), At(Mon, "12:00"), null, false),
            new Measurement(3, At(Mon, "12:30"), At(Mon, "13:00"), "P2", H(2), M(30), null, null, false),
            new Measurement(4, At(Mon, "13:00"), At(Mon, "15:00"), "P2", H(2), H(2), null, null, false));
        Assert.Equal(Hm(2, 30), outcome.LongestConsumed);
        Assert.True(outcome.IsBreached);
        Assert.True(outcome.Measurements[3].IsMet);
        Assert.Equal(ClockState.Stopped, outcome.State);
    }

    [Fact]
    public void Pausable_leaves_the_time_in_a_pause_status_out_of_the_gap()
    {
        var outcome = Updates().Evaluate(Update(UpdateMode.Pausable), At(Mon, "18:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "11:00")),
            Step(ClockStepKind.Warning, At(Mon, "10:00"), 1, H(1), At(Mon, "11:00")),
            Step(ClockStepKind.Reset, At(Mon, "10:00"), 1, H(1), null),
            Step(ClockStepKind.Started, At(Mon, "10:00"), 2, H(0), At(Mon, "12:00")),
            Step(ClockStepKind.Paused, At(Mon, "10:30"), 2, M(30), null),
            // 1h30m left from 11:30: 13:00.
            Step(ClockStepKind.Resumed, At(Mon, "11:30"), 2, M(30), At(Mon, "13:00")),
            Step(ClockStepKind.Warning, At(Mon, "12:00"), 2, H(1), At(Mon, "13:00")),
            Step(ClockStepKind.Warning, At(Mon, "12:30"), 2, Hm(1, 30), At(Mon, "13:00")),
            // 10:00-10:30 and 11:30-12:30: 1h30m, met.
            Step(ClockStepKind.Reset, At(Mon, "12:30"), 2, Hm(1, 30), null),
            Step(ClockStepKind.Started, At(Mon, "12:30"), 3, H(0), At(Mon, "14:30")),
            Step(ClockStepKind.Reset, At(Mon, "13:00"), 3, M(30), null),
            Step(ClockStepKind.Started, At(Mon, "13:00"), 4, H(0), At(Mon, "15:00")),
            Step(ClockStepKind.Warning, At(Mon, "14:00"), 4, H(1), At(Mon, "15:00")),
            Step(ClockStepKind.Warning, At(Mon, "14:30"), 4, Hm(1, 30), At(Mon, "15:00")),
            Step(ClockStepKind.Warning, At(Mon, "14:48"), 4, Hm(1, 48), At(Mon, "15:00")),
            Step(ClockStepKind.Stopped, At(Mon, "15:00"), 4, H(2), null));
        Assert.Equal([H(1), Hm(1, 30), M(30), H(2)], outcome.Measurements.Select(m => m.Consumed));
        Assert.Equal(H(2), outcome.LongestConsumed);
        Assert.False(outcome.IsBreached);
    }

    [Fact]
    public void After_customer_message_answers_each_customer_message_within_the_threshold_and_leaves_an_unanswered_one_open()
    {
        // P1 (1h). The agent's 09:30 reply answers nothing; the 10:15 note is not an answer; the customer's
        // second message at 11:15 does not restart the gap opened at 11:00.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P1")
            .AgentReply(At(Mon, "09:30"))
            .CustomerReply(At(Mon, "10:00"))
            .AgentNote(At(Mon, "10:15"))
            .AgentReply(At(Mon, "10:30"))
            .CustomerReply(At(Mon, "11:00"))
            .CustomerReply(At(Mon, "11:15"))
            .AgentReply(At(Mon, "12:30"))
            .CustomerReply(At(Mon, "14:00"))
            .Evaluate(Update(UpdateMode.AfterCustomerMessage), At(Mon, "14:45"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "10:00"), 1, H(0), At(Mon, "11:00")),
            Step(ClockStepKind.Warning, At(Mon, "10:30"), 1, M(30), At(Mon, "11:00")),
            Step(ClockStepKind.Stopped, At(Mon, "10:30"), 1, M(30), null),
            Step(ClockStepKind.Started, At(Mon, "11:00"), 2, H(0), At(Mon, "12:00")),
            Step(ClockStepKind.Warning, At(Mon, "11:30"), 2, M(30), At(Mon, "12:00")),
            Step(ClockStepKind.Warning, At(Mon, "11:45"), 2, M(45), At(Mon, "12:00")),
            Step(ClockStepKind.Warning, At(Mon, "11:54"), 2, M(54), At(Mon, "12:00")),
            Step(ClockStepKind.Breached, At(Mon, "12:00"), 2, H(1), At(Mon, "12:00")),
            Step(ClockStepKind.Stopped, At(Mon, "12:30"), 2, Hm(1, 30), null),
            Step(ClockStepKind.Started, At(Mon, "14:00"), 3, H(0), At(Mon, "15:00")),
            Step(ClockStepKind.Warning, At(Mon, "14:30"), 3, M(30), At(Mon, "15:00")),
            // 75% (45m) is reached exactly at the evaluation instant.
            Step(ClockStepKind.Warning, At(Mon, "14:45"), 3, M(45), At(Mon, "15:00")));
        AssertMeasurements(
            outcome,
            new Measurement(1, At(Mon, "10:00"), At(Mon, "10:30"), "P1", H(1), M(30), null, null, false),
            new Measurement(2, At(Mon, "11:00"), At(Mon, "12:30"), "P1", H(1), Hm(1, 30), At(Mon, "12:00"), null, false),
            new Measurement(3, At(Mon, "14:00"), null, "P1", H(1), M(45), null, At(Mon, "15:00"), false));
        Assert.Equal(ClockState.Running, outcome.State);
    }

    [Fact]
    public void After_customer_message_with_no_customer_message_never_starts()
    {
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P1")
            .AgentReply(At(Mon, "10:00"))
            .Resolved(At(Mon, "11:00"))
            .Evaluate(Update(UpdateMode.AfterCustomerMessage), At(Mon, "18:00"));

        Assert.Equal(ClockState.NotStarted, outcome.State);
        Assert.Empty(outcome.Measurements);
        Assert.Empty(outcome.Timeline);
    }

    [Fact]
    public void A_reopen_starts_a_new_update_gap()
    {
        // Periodic P2: gap 1 09:00-10:00 ended by the resolution; reopened 13:00: gap 2, 1h by 14:00, due 15:00.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .Resolved(At(Mon, "10:00"))
            .Reopened(At(Mon, "13:00"))
            .Evaluate(Update(UpdateMode.Periodic), At(Mon, "14:00"));

        AssertMeasurements(
            outcome,
            new Measurement(1, At(Mon, "09:00"), At(Mon, "10:00"), "P2", H(2), H(1), null, null, false),
            new Measurement(2, At(Mon, "13:00"), null, "P2", H(2), H(1), null, At(Mon, "15:00"), false));
    }

    [Fact]
    public void Closing_ends_the_update_clock_and_nothing_after_it_counts()
    {
        // Gap 09:00-10:00 ended by the closing; the reply at 11:00 and the reopen at 12:00 change nothing.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .Closed(At(Mon, "10:00"))
            .AgentReply(At(Mon, "11:00"))
            .Reopened(At(Mon, "12:00"))
            .CustomerReply(At(Mon, "12:30"))
            .Evaluate(Update(UpdateMode.Periodic), At(Mon, "18:00"));

        Assert.Equal(ClockState.Stopped, outcome.State);
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), At(Mon, "10:00"), "P2", H(2), H(1), null, null, false), Assert.Single(outcome.Measurements));
    }

    /// <summary>
    /// Regression (found by this suite, fixed in the engine): An update clock measures
    /// "the gaps between public agent updates while open" (ClockKind.Update). In AfterCustomerMessage mode a
    /// public customer comment on a resolved, not yet closed, ticket ("thanks!") starts a gap that no agent
    /// will answer, so the clock breaches an hour later. The periodic modes start nothing while resolved.
    /// </summary>
    [Fact]
    public void After_customer_message_ignores_a_customer_thank_you_on_a_resolved_ticket()
    {
        // P1 (1h): the 10:00 message is answered at 10:30; resolved 11:00; "thanks" at 11:30.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P1")
            .CustomerReply(At(Mon, "10:00"))
            .AgentReply(At(Mon, "10:30"))
            .Resolved(At(Mon, "11:00"))
            .CustomerReply(At(Mon, "11:30"))
            .Evaluate(Update(UpdateMode.AfterCustomerMessage), At(Tue, "12:00"));

        Assert.Equal(new Measurement(1, At(Mon, "10:00"), At(Mon, "10:30"), "P1", H(1), M(30), null, null, false), Assert.Single(outcome.Measurements));
        Assert.False(outcome.IsBreached);
        Assert.Equal(ClockState.Stopped, outcome.State);
    }
}
