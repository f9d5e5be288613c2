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

/// <summary>Who opened an action.</summary>
public enum ActionOpener
{
    /// <summary><c>hand</c>: a person, through the API.</summary>
    Hand,

    /// <summary><c>policy</c>: an agreement's <c>corrective_actions</c> policy, on a breach or a failing target.</summary>
    Policy,
}

/// <summary>
/// A breach an action answers: a ticket's breach of a target (<paramref name="Ticket"/> set), or a target failing
/// for a period (<paramref name="Period"/> set).
/// </summary>
/// <param name="Target">The target, <c>agreement/target</c>.</param>
/// <param name="Ticket">The ticket whose clock breached it.</param>
/// <param name="Period">The period in which it failed (<c>2026-11</c>).</param>
public sealed record ActionLink(string Target, string? Ticket, string? Period)
{
    /// <summary>The link's identity within its action: <c>ticket:T-1:acme-gold/resolution</c> or <c>period:2026-11:acme-gold/availability</c>.</summary>
    public string Key => Ticket is not null ? $"ticket:{Ticket}:{Target}" : $"period:{Period}:{Target}";
}

/// <summary>One change of an action, kept forever (table <c>action_history</c>).</summary>
/// <param name="Sequence">The order of recording.</param>
/// <param name="ActionId">The action.</param>
/// <param name="At">When (the store's clock).</param>
/// <param name="Actor">Who.</param>
/// <param name="Change"><c>opened</c>, <c>status</c>, <c>updated</c> or <c>linked</c>.</param>
/// <param name="From">The status before (null when opened).</param>
/// <param name="To">The status after.</param>
/// <param name="Detail">What changed, or the note given with a status change.</param>
public sealed record ActionHistoryEntry(long Sequence, string ActionId, Instant At, string Actor, string Change, ActionStatus? From, ActionStatus To, string? Detail);
