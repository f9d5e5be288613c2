using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Pledge.Actions;

namespace Pledge.Storage;

/// <summary>A corrective action as the store keeps it (table <c>actions</c>, with its <c>action_links</c>).</summary>
/// <param name="Id">Its id, <c>CA-</c> and a number the store gives.</param>
/// <param name="Customer">The customer whose service it improves.</param>
/// <param name="Title">What is done.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="OpenedBy">Whether a person or an agreement's policy opened it.</param>
/// <param name="CreatedAt">When it was opened (the store's clock).</param>
/// <param name="CreatedBy">Who opened it (a user, an API key, <c>policy</c>).</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">1 when opened, one more at each change.</param>
public sealed record StoredAction(
    string Id,
    string Customer,
    string Title,
    ActionStatus Status,
    ActionOpener OpenedBy,
    Instant CreatedAt,
    string CreatedBy,
    Instant UpdatedAt,
    int Version)
{
    /// <summary>The prefix of every stored action's id.</summary>
    public const string IdPrefix = "CA-";

    /// <summary>The agreement it answers.</summary>
    public string? Agreement { get; init; }

    /// <summary>The target it answers (its id in the agreement).</summary>
    public string? Target { get; init; }

    /// <summary>The service concerned.</summary>
    public string? Service { get; init; }

    /// <summary>Who carries it out.</summary>
    public string? Owner { get; init; }

    /// <summary>The day it is due, in its agreement's zone.</summary>
    public LocalDate? Due { get; init; }

    /// <summary>The root cause found.</summary>
    public string? RootCause { get; init; }

    /// <summary>What came of it.</summary>
    public string? Outcome { get; init; }

    /// <summary>What made a policy open it (one action per breach, or per failing target and period); null for actions opened by hand.</summary>
    public string? OpenKey { get; init; }

    /// <summary>The breaches it answers.</summary>
    public ImmutableArray<ActionLink> Links { get; init; } = [];

    internal long Number => ParseNumber(Id) ?? 0;

    /// <summary>Equal when every field is, links compared item by item (an immutable array alone compares by reference).</summary>
    public bool Equals(StoredAction? other) =>
        other is not null
        && Id == other.Id && Customer == other.Customer && Title == other.Title && Status == other.Status && OpenedBy == other.OpenedBy
        && CreatedAt == other.CreatedAt && CreatedBy == other.CreatedBy && UpdatedAt == other.UpdatedAt && Version == other.Version
        && Agreement == other.Agreement && Target == other.Target && Service == other.Service && Owner == other.Owner && Due == other.Due
        && RootCause == other.RootCause && Outcome == other.Outcome && OpenKey == other.OpenKey
        && Links.AsSpan().SequenceEqual(other.Links.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Version, UpdatedAt);

    /// <summary>The store's number in an id such as <c>CA-12</c>; null when it is not one.</summary>
    public static long? ParseNumber(string? id) =>
        id is not null && id.StartsWith(IdPrefix, StringComparison.OrdinalIgnoreCase)
        && long.TryParse(id.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : null;

    internal static string IdOf(long number) => IdPrefix + number.ToString(CultureInfo.InvariantCulture);
}
