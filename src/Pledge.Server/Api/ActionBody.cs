using NodaTime;
using NodaTime.Text;
using Pledge.Actions;
using Pledge.Agreements;
using Pledge.Server.Actions;
using Pledge.Storage;

namespace Pledge.Server.Api;

/// <summary>A corrective action as the API writes it.</summary>
/// <param name="Id">Its id (<c>CA-12</c>).</param>
/// <param name="Customer">The customer whose service it improves.</param>
/// <param name="Agreement">The agreement it answers.</param>
/// <param name="Target">The target it answers (its id in the agreement).</param>
/// <param name="Service">The service concerned.</param>
/// <param name="Title">What is done.</param>
/// <param name="Owner">Who carries it out.</param>
/// <param name="Due">The day it is due (YYYY-MM-DD, in the agreement's zone).</param>
/// <param name="Status"><c>open</c>, <c>in-progress</c>, <c>done</c> or <c>verified</c>.</param>
/// <param name="Overdue">Whether it is past its due day and not done or verified, at the instant asked.</param>
/// <param name="RootCause">The root cause found.</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="OpenedBy"><c>hand</c> or <c>policy</c>.</param>
/// <param name="Links">The breaches it answers.</param>
/// <param name="Next">The statuses it may go to next (for the caller asking).</param>
/// <param name="CreatedAt">When it was opened (UTC).</param>
/// <param name="CreatedBy">Who opened it.</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Version">1 when opened, one more at each change.</param>
internal sealed record ActionBody(
    string Id,
    string Customer,
    string? Agreement,
    string? Target,
    string? Service,
    string Title,
    string? Owner,
    string? Due,
    string Status,
    bool Overdue,
    string? RootCause,
    string? Outcome,
    string OpenedBy,
    IReadOnlyList<ActionLinkBody> Links,
    IReadOnlyList<string> Next,
    string CreatedAt,
    string CreatedBy,
    string UpdatedAt,
    int Version)
{
    /// <summary>The body of <paramref name="action"/>, overdue judged at <paramref name="at"/> in its agreement's zone.</summary>
    public static ActionBody Of(StoredAction action, Instant at, ServiceLevelRepository? repository, bool byManager) =>
        new(
            action.Id,
            action.Customer,
            action.Agreement,
            action.Target,
            action.Service,
            action.Title,
            action.Owner,
            action.Due is { } due ? LocalDatePattern.Iso.Format(due) : null,
            ActionTransitions.Name(action.Status),
            IsOverdue(action, at, repository),
            action.RootCause,
            action.Outcome,
            action.OpenedBy == ActionOpener.Policy ? "policy" : "hand",
            [.. action.Links.Select(l => new ActionLinkBody(l.Target, l.Ticket, l.Period))],
            [.. ActionTransitions.Next(action.Status, byManager).Select(ActionTransitions.Name)],
            InstantPattern.ExtendedIso.Format(action.CreatedAt),
            action.CreatedBy,
            InstantPattern.ExtendedIso.Format(action.UpdatedAt),
            action.Version);

    /// <summary>Whether <paramref name="action"/> is past its due day at <paramref name="at"/> and still open or in progress.</summary>
    public static bool IsOverdue(StoredAction action, Instant at, ServiceLevelRepository? repository)
    {
        var zone = action.Agreement is { } id && repository?.Agreements.TryGetValue(id, out var agreement) == true ? agreement.Zone : DateTimeZone.Utc;
        return ActionStates.Current(action).IsOverdueAt(at, zone);
    }
}

/// <summary>A breach an action answers: <c>{target, ticket}</c> or <c>{target, period}</c>.</summary>
internal sealed record ActionLinkBody(string Target, string? Ticket, string? Period);

/// <summary>One change of an action.</summary>
internal sealed record ActionHistoryBody(long Sequence, string At, string Actor, string Change, string? From, string To, string? Detail)
{
    public static ActionHistoryBody Of(ActionHistoryEntry e) =>
        new(e.Sequence, InstantPattern.ExtendedIso.Format(e.At), e.Actor, e.Change, e.From is { } f ? ActionTransitions.Name(f) : null, ActionTransitions.Name(e.To), e.Detail);
}

/// <summary>A list of actions.</summary>
internal sealed record ActionList(string AsOf, int Count, int Overdue, IReadOnlyList<ActionBody> Actions);

/// <summary>What <c>POST /api/v1/actions/evaluate</c> did.</summary>
/// <param name="Period">The period evaluated.</param>
/// <param name="Failing">Failing targets found (of agreements with or without a policy).</param>
/// <param name="Opened">Actions opened by this call.</param>
/// <param name="Actions">The action of each failing target whose agreement opens on failing targets.</param>
internal sealed record EvaluationBody(string Period, int Failing, int Opened, IReadOnlyList<ActionBody> Actions);
