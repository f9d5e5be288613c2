namespace Pledge.Tickets;

/// <summary>The kinds of ticket event, named in event files in snake case (<c>status_changed</c>).</summary>
public enum TicketEventKind
{
    /// <summary><c>created</c></summary>
    Created,

    /// <summary><c>status_changed</c></summary>
    StatusChanged,

    /// <summary><c>priority_changed</c></summary>
    PriorityChanged,

    /// <summary><c>service_changed</c></summary>
    ServiceChanged,

    /// <summary><c>assigned</c></summary>
    Assigned,

    /// <summary><c>commented</c></summary>
    Commented,

    /// <summary><c>resolved</c></summary>
    Resolved,

    /// <summary><c>reopened</c></summary>
    Reopened,

    /// <summary><c>closed</c></summary>
    Closed,

    /// <summary><c>merged</c></summary>
    Merged,
}
