using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Clocks;

/// <summary>A clock evaluated on one ticket at one instant: its measurements and the timeline that explains them.</summary>
public sealed record ClockOutcome(
    ClockDefinition Definition,
    string TicketId,
    Instant AsOf,
    ClockState State,
    ImmutableArray<Measurement> Measurements,
    ImmutableArray<ClockStep> Timeline)
{
    /// <summary>The open measurement, if any.</summary>
    public Measurement? Open => Measurements.LastOrDefault(m => m.IsOpen);

    /// <summary>Whether any measurement passed its threshold.</summary>
    public bool IsBreached => Measurements.Any(m => m.IsBreached);

    /// <summary>The deadline of the open, running measurement.</summary>
    public Instant? Deadline => Open?.Deadline;

    /// <summary>The largest business time any measurement used (for update clocks: the longest gap).</summary>
    public Duration LongestConsumed => Measurements.IsEmpty ? Duration.Zero : Measurements.Max(m => m.Consumed);
}
