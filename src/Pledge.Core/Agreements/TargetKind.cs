namespace Pledge.Agreements;

/// <summary>What a target measures. Ticket clocks for now; availability, delivery and others follow.</summary>
public enum TargetKind
{
    /// <summary><c>response</c>: time to first response.</summary>
    Response,

    /// <summary><c>update</c>: the longest gap between updates to the customer while a ticket is open.</summary>
    Update,

    /// <summary><c>resolution</c>: time to resolve.</summary>
    Resolution,
}
