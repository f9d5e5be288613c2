using NodaTime;

namespace Pledge.Tickets;

/// <summary>
/// Something that happened to a ticket, as the provider's helpdesk recorded it. Events are immutable facts:
/// a ticket's state, and every clock on it, is a fold over its events in time order.
/// </summary>
/// <param name="Id">Unique across all events: a repeated id is the same event delivered twice.</param>
/// <param name="TicketId">The ticket it happened to.</param>
/// <param name="At">When it happened.</param>
public abstract record TicketEvent(string Id, string TicketId, Instant At)
{
    /// <summary>The event's kind as written in event files: <c>created</c>, <c>status_changed</c>, ….</summary>
    public abstract TicketEventKind Kind { get; }
}

/// <summary>The ticket was opened.</summary>
public sealed record TicketCreated(string Id, string TicketId, Instant At, string Customer, string Service, string Priority, string Status)
    : TicketEvent(Id, TicketId, At)
{
    public override TicketEventKind Kind => TicketEventKind.Created;
}

/// <summary>The ticket's status changed (for example to <c>waiting-customer</c>).</summary>
public sealed record TicketStatusChanged(string Id, string TicketId, Instant At, string Status)
    : TicketEvent(Id, TicketId, At)
{
    public override TicketEventKind Kind => TicketEventKind.StatusChanged;
}

/// <summary>The ticket's priority changed.</summary>
public sealed record TicketPriorityChanged(string Id, string TicketId, Instant At, string Priority)
    : TicketEvent(Id, TicketId, At)
{
    public override TicketEventKind Kind => TicketEventKind.PriorityChanged;
}

/// <summary>The ticket moved to another service.</summary>
public sealed record TicketServiceChanged(string Id, string TicketId, Instant At, string Service)
    : TicketEvent(Id, TicketId, At)
{
    public override TicketEventKind Kind => TicketEventKind.ServiceChanged;
}

/// <summary>The ticket was assigned to a team.</summary>
public sealed record TicketAssigned(string Id, string TicketId, Instant At, string Team)
    : TicketEvent(Id, TicketId, At)
{
    public override TicketEventKind Kind => TicketEventKind.Assigned;
}

/// <summary>Someone wrote on the ticket: an agent or the customer, publicly or as an internal note.</summary>
public sealed record TicketCommented(string Id, string TicketId, Instant At, CommentAuthor Author, bool IsPublic)
    : TicketEvent(Id, TicketId, At)
{
    public override TicketEventKind Kind => TicketEventKind.Commented;
}

/// <summary>The ticket was resolved.</summary>
public sealed record TicketResolved(string Id, string TicketId, Instant At) : TicketEvent(Id, TicketId, At)
{
    public override TicketEventKind Kind => TicketEventKind.Resolved;
}

/// <summary>A resolved ticket was reopened.</summary>
public sealed record TicketReopened(string Id, string TicketId, Instant At) : TicketEvent(Id, TicketId, At)
{
    public override TicketEventKind Kind => TicketEventKind.Reopened;
}

/// <summary>The ticket was closed for good.</summary>
public sealed record TicketClosed(string Id, string TicketId, Instant At) : TicketEvent(Id, TicketId, At)
{
    public override TicketEventKind Kind => TicketEventKind.Closed;
}

/// <summary>The ticket was merged into another one, which carries on.</summary>
public sealed record TicketMerged(string Id, string TicketId, Instant At, string Into) : TicketEvent(Id, TicketId, At)
{
    public override TicketEventKind Kind => TicketEventKind.Merged;
}
