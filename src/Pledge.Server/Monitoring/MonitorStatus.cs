using NodaTime;

namespace Pledge.Server.Monitoring;

/// <summary>The live monitor at the end of its last round of work: a snapshot, safe to read from any thread.</summary>
/// <param name="State"><c>starting</c>, <c>running</c>, <c>no-repository</c> (nothing to watch until one is stored)
/// or <c>failing</c> (the database cannot be read or written: it retries).</param>
/// <param name="OpenClocks">Clocks with an open measurement (running or paused).</param>
/// <param name="Queued">Clocks with an alert still to raise: the entries of the timer queue.</param>
/// <param name="NextDue">When the earliest of them falls due (the instant the timer is armed for).</param>
/// <param name="LastDue">The due instant of the latest alert of the last firing.</param>
/// <param name="LastFired">When the last firing raised alerts.</param>
/// <param name="LastLag">How late the last firing was: its latest alert's due instant to the firing.</param>
/// <param name="Raised">Alerts raised (newly recorded) since the monitor started.</param>
/// <param name="RebuiltAt">When the monitor last rebuilt its queue from the database.</param>
internal sealed record MonitorStatus(
    string State,
    int OpenClocks,
    int Queued,
    Instant? NextDue,
    Instant? LastDue,
    Instant? LastFired,
    Duration? LastLag,
    long Raised,
    Instant? RebuiltAt)
{
    /// <summary>Before the first rebuild.</summary>
    public static MonitorStatus Starting { get; } = new("starting", 0, 0, null, null, null, null, 0, null);
}
