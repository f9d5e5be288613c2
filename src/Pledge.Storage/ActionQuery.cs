namespace Pledge.Storage;

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
