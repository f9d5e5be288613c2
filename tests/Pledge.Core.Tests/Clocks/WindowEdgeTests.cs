using Pledge.Clocks;
using static Pledge.Tests.Clocks.ClockKit;

namespace Pledge.Tests.Clocks;

/// <summary>
/// A threshold used up exactly at a window's close (Friday 17:00 on the 8x5 Berlin calendar). The design
/// fixes "a due time that lands exactly at the end of a window is that end", so the deadline is Friday
/// 17:00. The measurement is breached only once it runs past the threshold, which is Monday 09:00, the
/// first instant it runs again (resolved over the weekend it is met). Events that no clock rule reacts to
/// must change neither instant.
/// </summary>
public sealed class WindowEdgeTests
{
    // P2 (4h) from Fri 13:00: Fri 13-17 is exactly 4h.
    private static Ticket FridayAfternoon() => new Ticket().Created(At(Fri, "13:00"), "P2");

    [Fact]
    public void A_threshold_used_up_at_the_close_breaches_at_the_close_when_the_clock_runs_on()
    {
        var outcome = FridayAfternoon().Evaluate(Resolution(), At(NextMon, "10:00"));

        Assert.Equal(At(Fri, "17:00"), outcome.Timeline[0].Deadline);
        // Fri 4h + Mon 09-10 1h = 5h; past the threshold from Mon 09:00, the deadline still Fri 17:00.
        Assert.Equal(new Measurement(1, At(Fri, "13:00"), null, "P2", H(4), H(5), At(NextMon, "09:00"), At(Fri, "17:00"), false), outcome.Measurements.Single());
    }

    [Fact]
    public void A_ticket_resolved_over_the_weekend_after_using_exactly_its_threshold_is_met()
    {
        var outcome = FridayAfternoon().Resolved(At(Sat, "10:00")).Evaluate(Resolution(), At(NextMon, "10:00"));

        var measurement = outcome.Measurements.Single();
        Assert.Equal(H(4), measurement.Consumed);
        Assert.True(measurement.IsMet);
    }

    /// <summary>
    /// Regression: the breach instant was Due(last event, threshold - consumed), so an unrelated event (an
    /// assignment, an internal note) between the close at which the threshold was used up and the next opening
    /// moved it from the close to the next opening. Now both are the first instant the clock runs past it.
    /// </summary>
    [Theory]
    [InlineData("2026-03-07T12:00+01:00")] // Saturday noon
    [InlineData("2026-03-06T17:00+01:00")] // exactly at Friday's close
    public void An_assignment_after_the_threshold_is_used_up_at_the_close_does_not_move_the_breach(string assignedAt)
    {
        var clean = FridayAfternoon().Evaluate(Resolution(), At(NextMon, "10:00"));
        var withAssignment = FridayAfternoon()
            .Assigned(Pledge.Tests.Calendars.Iso.Instant(assignedAt))
            .Evaluate(Resolution(), At(NextMon, "10:00"));

        Assert.Equal(At(NextMon, "09:00"), clean.Measurements.Single().BreachedAt);
        Assert.Equal(At(NextMon, "09:00"), withAssignment.Measurements.Single().BreachedAt);
        Assert.Equal(clean.Measurements.ToArray(), withAssignment.Measurements.ToArray());
    }

    /// <summary>
    /// Regression, same cause: evaluated on Saturday, with the threshold used up
    /// exactly at Friday's close, the open measurement's deadline is Due(Saturday, 0) = Mon 09:00, although
    /// it was Fri 17:00 on Friday and the breach, once Monday comes, is dated Fri 17:00. Nothing happened in
    /// between: the deadline moved only because the evaluation instant did.
    /// </summary>
    [Fact]
    public void The_deadline_of_a_clock_that_used_its_threshold_up_at_the_close_does_not_move_over_the_weekend()
    {
        var friday = FridayAfternoon().Evaluate(Resolution(), At(Fri, "16:00"));
        var saturday = FridayAfternoon().Evaluate(Resolution(), At(Sat, "12:00"));

        Assert.Equal(At(Fri, "17:00"), friday.Deadline);
        Assert.Equal(H(4), saturday.Open!.Consumed);
        Assert.Null(saturday.Open.BreachedAt);
        Assert.Equal(At(Fri, "17:00"), saturday.Deadline);
    }
}
