using NodaTime;

namespace Pledge.Clocks;

/// <summary>
/// One stretch of a clock judged against its threshold: a whole resolution, one gap between updates, one
/// cycle after a reopen that restarts.
/// </summary>
/// <param name="Number">1 for the first measurement of the clock, then 2, 3, ….</param>
/// <param name="Start">When it started.</param>
/// <param name="End">When it ended; null while open.</param>
/// <param name="Priority">The ticket's priority when it ended (or now, while open).</param>
/// <param name="Threshold">The business time allowed.</param>
/// <param name="Consumed">The business time used (to the evaluation instant while open).</param>
/// <param name="BreachedAt">When the consumed time passed the threshold; null if it has not.</param>
/// <param name="Deadline">While open and running: when it breaches if nothing pauses or stops it.</param>
/// <param name="IsCancelled">Ended by a merge: not judged.</param>
public sealed record Measurement(
    int Number,
    Instant Start,
    Instant? End,
    string Priority,
    Duration Threshold,
    Duration Consumed,
    Instant? BreachedAt,
    Instant? Deadline,
    bool IsCancelled)
{
    /// <summary>Whether it is still open.</summary>
    public bool IsOpen => End is null && !IsCancelled;

    /// <summary>Whether the threshold was passed (a cancelled measurement is not judged, so never breached).</summary>
    public bool IsBreached => BreachedAt is not null && !IsCancelled;

    /// <summary>Ended, not cancelled, and within the threshold.</summary>
    public bool IsMet => End is not null && !IsCancelled && !IsBreached;

    /// <summary>Business time left (negative: by how much it is over).</summary>
    public Duration Remaining => Threshold - Consumed;

    /// <summary>The share of the threshold consumed (1.0 = all of it).</summary>
    public double ConsumedShare => Consumed.TotalTicks / Threshold.TotalTicks;
}
