namespace Pledge.Storage;

/// <summary>Who opened an action.</summary>
public enum ActionOpener
{
    /// <summary><c>hand</c>: a person, through the API.</summary>
    Hand,

    /// <summary><c>policy</c>: an agreement's <c>corrective_actions</c> policy, on a breach or a failing target.</summary>
    Policy,
}
