namespace Pledge.Agreements;

/// <summary>What a target measures: a clock on tickets (response, update, resolution) or a measure of the period.</summary>
public enum TargetKind
{
    /// <summary><c>response</c>: time to first response.</summary>
    Response,

    /// <summary><c>update</c>: the longest gap between updates to the customer while a ticket is open.</summary>
    Update,

    /// <summary><c>resolution</c>: time to resolve.</summary>
    Resolution,

    /// <summary><c>availability</c>: the share of agreed service time the service was up.</summary>
    Availability,

    /// <summary><c>delivery</c>: scheduled deliveries on time.</summary>
    Delivery,

    /// <summary><c>satisfaction</c>: survey scores (CSAT, average, NPS).</summary>
    Satisfaction,

    /// <summary><c>compliance</c>: terms kept, checked against evidence.</summary>
    Compliance,

    /// <summary><c>custom</c>: any numeric series against a threshold.</summary>
    Custom,
}
