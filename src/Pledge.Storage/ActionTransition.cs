namespace Pledge.Storage;

/// <summary>The outcome of <see cref="ActionStore.TransitionAsync"/>.</summary>
/// <param name="Action">The action after the call (unchanged when refused); null when there is no such action.</param>
/// <param name="Changed">Whether the status changed.</param>
/// <param name="Refused">Whether the rules refused the change (<see cref="Pledge.Actions.ActionTransitions"/>).</param>
public sealed record ActionTransition(StoredAction? Action, bool Changed, bool Refused);
