namespace Pledge.Clocks;

/// <summary>Where a clock stands at the instant it was evaluated.</summary>
public enum ClockState
{
    /// <summary>Nothing has started it yet (or its priority has no threshold).</summary>
    NotStarted,

    /// <summary>A measurement is running.</summary>
    Running,

    /// <summary>A measurement is open but paused by the ticket's status.</summary>
    Paused,

    /// <summary>No measurement is open; the last one ended.</summary>
    Stopped,

    /// <summary>The ticket was merged into another: its open measurement is cancelled, not judged.</summary>
    Cancelled,
}
