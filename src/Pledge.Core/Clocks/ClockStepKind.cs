namespace Pledge.Clocks;

/// <summary>What happened to a clock at one step of its timeline.</summary>
public enum ClockStepKind
{
    /// <summary>A measurement started.</summary>
    Started,

    /// <summary>The ticket entered a pause status.</summary>
    Paused,

    /// <summary>The ticket left a pause status.</summary>
    Resumed,

    /// <summary>A measurement ended.</summary>
    Stopped,

    /// <summary>A measurement ended because the next one starts at once (an update clock's gap closed by an update).</summary>
    Reset,

    /// <summary>A reopen continued the stopped measurement.</summary>
    Continued,

    /// <summary>The priority changed, and with it the threshold.</summary>
    PriorityChanged,

    /// <summary>A warning level was passed.</summary>
    Warning,

    /// <summary>The threshold was passed.</summary>
    Breached,

    /// <summary>The ticket was merged: the open measurement is cancelled.</summary>
    Cancelled,

    /// <summary>The priority has no threshold in the target: no measurement.</summary>
    NoThreshold,
}
