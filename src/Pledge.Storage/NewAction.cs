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
