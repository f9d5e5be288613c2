namespace Pledge.Clocks;

/// <summary>What a reopen does to a resolution clock stopped by the resolution.</summary>
public enum ReopenPolicy
{
    /// <summary>The clock carries on from the business time already consumed.</summary>
    Continue,

    /// <summary>A new measurement starts at the reopen, from zero; the first one stands as it was.</summary>
    Restart,
}
