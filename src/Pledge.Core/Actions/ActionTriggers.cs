namespace Pledge.Actions;

/// <summary>What opens a corrective action automatically, by an agreement's policy (<c>corrective_actions.open_on</c>).</summary>
[Flags]
public enum ActionTriggers
{
    /// <summary>Nothing: actions of this agreement are opened by hand only.</summary>
    None = 0,

    /// <summary><c>breach</c>: every breached clock of a ticket opens one action (the live monitor raises it).</summary>
    Breach = 1,

    /// <summary><c>failing_target</c>: a target that fails its objective for a customer in a closed period opens one action.</summary>
    FailingTarget = 2,
}
