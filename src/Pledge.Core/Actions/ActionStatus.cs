namespace Pledge.Actions;

/// <summary>Where a corrective action stands.</summary>
public enum ActionStatus
{
    /// <summary><c>open</c>: recorded, not started.</summary>
    Open,

    /// <summary><c>in-progress</c>: being worked on.</summary>
    InProgress,

    /// <summary><c>done</c>: carried out, its effect not yet checked.</summary>
    Done,

    /// <summary><c>verified</c>: carried out and shown to work.</summary>
    Verified,
}
