namespace Pledge.Storage;

/// <summary>What <see cref="ActionStore.OpenAsync(NewAction, string, CancellationToken)"/> did.</summary>
/// <param name="Action">The action opened, or the one already opened with the same key.</param>
/// <param name="Opened">False when an action with the same open key was already there.</param>
public sealed record ActionOpened(StoredAction Action, bool Opened);
