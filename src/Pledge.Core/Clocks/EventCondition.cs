using Pledge.Tickets;

namespace Pledge.Clocks;

/// <summary>
/// Which events start, stop or reset a clock: an event kind, narrowed by author, visibility or status.
/// </summary>
/// <param name="Kind">The event kind.</param>
/// <param name="Author">For comments: who wrote it (null: anyone).</param>
/// <param name="IsPublic">For comments: public or internal (null: either).</param>
/// <param name="Status">For status changes: the new status (null: any).</param>
public sealed record EventCondition(TicketEventKind Kind, CommentAuthor? Author = null, bool? IsPublic = null, string? Status = null)
{
    /// <summary>A public comment by an agent: what customers count as a response or an update.</summary>
    public static EventCondition PublicAgentComment { get; } = new(TicketEventKind.Commented, CommentAuthor.Agent, IsPublic: true);

    /// <summary>A public comment by the customer.</summary>
    public static EventCondition PublicCustomerComment { get; } = new(TicketEventKind.Commented, CommentAuthor.Customer, IsPublic: true);

    /// <summary>Whether <paramref name="ticketEvent"/> meets the condition.</summary>
    public bool Matches(TicketEvent ticketEvent)
    {
        ArgumentNullException.ThrowIfNull(ticketEvent);
        if (ticketEvent.Kind != Kind)
        {
            return false;
        }

        return MatchesOfItsKind(ticketEvent);
    }

    /// <summary>Whether every event of <see cref="Kind"/> meets the condition (nothing narrows it).</summary>
    internal bool MatchesEveryEventOfItsKind => Kind switch
    {
        TicketEventKind.Commented => Author is null && IsPublic is null,
        TicketEventKind.StatusChanged => Status is null,
        _ => true,
    };

    /// <summary><see cref="Matches"/> for an event already known to be of <see cref="Kind"/>.</summary>
    internal bool MatchesOfItsKind(TicketEvent ticketEvent) => ticketEvent switch
    {
        TicketCommented comment => (Author is null || comment.Author == Author) && (IsPublic is null || comment.IsPublic == IsPublic),
        TicketStatusChanged change => Status is null || string.Equals(change.Status, Status, StringComparison.OrdinalIgnoreCase),
        _ => true,
    };

    /// <summary>Written as in agreement files: <c>commented(agent, public)</c>, <c>status_changed(solved)</c>, <c>resolved</c>.</summary>
    public override string ToString()
    {
        var details = new List<string>();
        if (Author is { } author)
        {
            details.Add(author == CommentAuthor.Agent ? "agent" : "customer");
        }

        if (IsPublic is { } isPublic)
        {
            details.Add(isPublic ? "public" : "internal");
        }

        if (Status is not null)
        {
            details.Add(Status);
        }

        var name = TicketEventNames.Of(Kind);
        return details.Count == 0 ? name : $"{name}({string.Join(", ", details)})";
    }
}
