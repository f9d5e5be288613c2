using Pledge.Clocks;
using static Pledge.Tests.Clocks.ClockKit;

namespace Pledge.Tests.Clocks;

/// <summary>
/// First response clocks: from creation to the first public agent comment (or the resolution).
/// Calendar Mon-Fri 09:00-17:00 Berlin; P1 30m, P2 1h, P3 4h; default warnings 50/75/90%.
/// </summary>
public sealed class ResponseClockTests
{
    [Fact]
    public void The_first_public_agent_comment_stops_the_response_clock_but_an_internal_note_or_a_customer_comment_does_not()
    {
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .AgentNote(At(Mon, "09:10"))
            .CustomerReply(At(Mon, "09:20"))
            .AgentReply(At(Mon, "09:40"))
            .AgentReply(At(Mon, "10:30"))
            .Evaluate(Response(), At(Mon, "18:00"));

        AssertTimeline(
            outcome,
            Step(ClockStepKind.Started, At(Mon, "09:00"), 1, H(0), At(Mon, "10:00")),
            // 50% of 1h = 30m.
            Step(ClockStepKind.Warning, At(Mon, "09:30"), 1, M(30), At(Mon, "10:00")),
            Step(ClockStepKind.Stopped, At(Mon, "09:40"), 1, M(40), null));
        var measurement = Assert.Single(outcome.Measurements);
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), At(Mon, "09:40"), "P2", H(1), M(40), null, null, false), measurement);
        Assert.Equal(M(20), measurement.Remaining);
        Assert.Equal(ClockState.Stopped, outcome.State);
    }

    [Fact]
    public void Before_the_first_response_the_clock_is_running_with_the_time_so_far()
    {
        // The note and the customer comment have happened, the agent's reply not yet: 35m used, due 10:00.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .AgentNote(At(Mon, "09:10"))
            .CustomerReply(At(Mon, "09:20"))
            .AgentReply(At(Mon, "09:40"))
            .Evaluate(Response(), At(Mon, "09:35"));

        Assert.Equal(ClockState.Running, outcome.State);
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), null, "P2", H(1), M(35), null, At(Mon, "10:00"), false), Assert.Single(outcome.Measurements));
    }

    [Fact]
    public void A_late_first_response_is_breached_at_the_threshold()
    {
        // P1 (30m) from 09:00: warnings at 15m, 22m30s and 27m; breached 09:30; answered 10:00 (1h): 30m over.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P1")
            .AgentReply(At(Mon, "10:00"))
            .Evaluate(Response(), At(Mon, "18:00"));

        AssertWarnings(outcome, At(Mon, "09:15"), At(Mon, "09:22:30"), At(Mon, "09:27"));
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), At(Mon, "10:00"), "P1", M(30), H(1), At(Mon, "09:30"), null, false), Assert.Single(outcome.Measurements));
        Assert.Equal(-M(30), outcome.Measurements.Single().Remaining);
    }

    [Fact]
    public void A_resolution_before_any_response_stops_the_response_clock_which_never_restarts()
    {
        // Resolved 09:30 (30m, exactly 50%); the reopen and the reply after it start nothing.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .Resolved(At(Mon, "09:30"))
            .Reopened(At(Mon, "10:00"))
            .AgentReply(At(Mon, "10:30"))
            .Evaluate(Response(), At(Mon, "18:00"));

        Assert.Equal(ClockState.Stopped, outcome.State);
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), At(Mon, "09:30"), "P2", H(1), M(30), null, null, false), Assert.Single(outcome.Measurements));
        Assert.Equal([ClockStepKind.Started, ClockStepKind.Warning, ClockStepKind.Stopped], outcome.Timeline.Select(s => s.Kind));
    }

    [Fact]
    public void Waiting_for_the_customer_does_not_pause_a_response_clock()
    {
        // The response factory has no pause statuses: 09:00-09:50 counts whole.
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .Status(At(Mon, "09:10"), "waiting-customer")
            .AgentReply(At(Mon, "09:50"))
            .Evaluate(Response(), At(Mon, "18:00"));

        Assert.Equal(M(50), outcome.Measurements.Single().Consumed);
        AssertWarnings(outcome, At(Mon, "09:30"), At(Mon, "09:45"));
    }

    [Fact]
    public void A_response_given_before_a_merge_stays_judged()
    {
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .AgentReply(At(Mon, "09:30"))
            .Merged(At(Mon, "10:00"), "T-9")
            .Evaluate(Response(), At(Mon, "18:00"));

        Assert.Equal(ClockState.Stopped, outcome.State);
        var measurement = Assert.Single(outcome.Measurements);
        Assert.False(measurement.IsCancelled);
        Assert.True(measurement.IsMet);
    }

    [Fact]
    public void A_merge_before_any_response_cancels_the_response_clock()
    {
        var outcome = new Ticket()
            .Created(At(Mon, "09:00"), "P2")
            .Merged(At(Mon, "09:20"), "T-9")
            .AgentReply(At(Mon, "09:30"))
            .Evaluate(Response(), At(Mon, "18:00"));

        Assert.Equal(ClockState.Cancelled, outcome.State);
        Assert.Equal(new Measurement(1, At(Mon, "09:00"), At(Mon, "09:20"), "P2", H(1), M(20), null, null, true), Assert.Single(outcome.Measurements));
    }
}
