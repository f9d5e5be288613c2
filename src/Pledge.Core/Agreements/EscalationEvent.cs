namespace Pledge.Agreements;

/// <summary>What an escalation rule reacts to: the alerts the live monitor fires.</summary>
public enum EscalationEvent
{
    /// <summary>A clock passed a warning share of its allowed time (at risk).</summary>
    Warning,

    /// <summary>A clock passed all of its allowed time, or a target failed.</summary>
    Breach,

    /// <summary>A target's error budget was spent down to an alert level.</summary>
    Budget,
}
