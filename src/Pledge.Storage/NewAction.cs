using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Storage;

/// <summary>An action to open: by hand through the API, or by an agreement's policy.</summary>
/// <param name="Customer">The customer whose service it improves.</param>
/// <param name="Title">What is to be done.</param>
/// <param name="OpenedBy">Who opens it.</param>
public sealed record NewAction(string Customer, string Title, ActionOpener OpenedBy)
{
    /// <inheritdoc cref="StoredAction.Agreement"/>
    public string? Agreement { get; init; }

    /// <inheritdoc cref="StoredAction.Target"/>
    public string? Target { get; init; }

    /// <inheritdoc cref="StoredAction.Service"/>
    public string? Service { get; init; }

    /// <inheritdoc cref="StoredAction.Owner"/>
    public string? Owner { get; init; }

    /// <inheritdoc cref="StoredAction.Due"/>
    public LocalDate? Due { get; init; }

    /// <inheritdoc cref="StoredAction.RootCause"/>
    public string? RootCause { get; init; }

    /// <summary>Opening is idempotent by this key: a second action with the same key is not opened, the first is returned.</summary>
    public string? OpenKey { get; init; }

    /// <inheritdoc cref="StoredAction.Links"/>
    public ImmutableArray<ActionLink> Links { get; init; } = [];
}

/// <summary>What <see cref="ActionStore.OpenAsync"/> did.</summary>
/// <param name="Action">The action opened, or the one already opened with the same key.</param>
/// <param name="Opened">False when an action with the same open key was already there.</param>
public sealed record ActionOpened(StoredAction Action, bool Opened);

/// <summary>Which actions <see cref="ActionStore.ListAsync"/> returns: every filter given must hold.</summary>
public sealed record ActionQuery
{
    /// <summary>Only these statuses; null or empty: all.</summary>
    public IReadOnlyCollection<Pledge.Actions.ActionStatus>? Statuses { get; init; }

    /// <summary>Only this customer's.</summary>
    public string? Customer { get; init; }

    /// <summary>Only this agreement's.</summary>
    public string? Agreement { get; init; }

    /// <summary>Every action.</summary>
    public static ActionQuery All { get; } = new();
}

/// <summary>The outcome of <see cref="ActionStore.TransitionAsync"/>.</summary>
/// <param name="Action">The action after the call (unchanged when refused); null when there is no such action.</param>
/// <param name="Changed">Whether the status changed.</param>
/// <param name="Refused">Whether the rules refused the change (<see cref="Pledge.Actions.ActionTransitions"/>).</param>
public sealed record ActionTransition(StoredAction? Action, bool Changed, bool Refused);
