namespace Pledge.Clocks;

/// <summary>What a priority change does to a running clock: the three behaviours leading products disagree on.</summary>
public enum PriorityChangePolicy
{
    /// <summary>The new priority's threshold applies as if it had been the priority from the start: consumed time is kept.</summary>
    Recompute,

    /// <summary>The clock restarts at the change, from zero, with the new threshold.</summary>
    RestartAtChange,

    /// <summary>The share of the old threshold already consumed is carried over to the new one (half of 8 h becomes half of 4 h).</summary>
    CarryShare,
}
