using NodaTime;

namespace Pledge.Availability;

/// <summary>
/// An outage record: the service (for a customer or at a site) was down, partly down or degraded over
/// [<see cref="Start"/>, <see cref="End"/>). Read from a <c>"type":"outage"</c> event, or derived from
/// monitoring by <see cref="CheckOutages"/>.
/// </summary>
/// <param name="Id">The event's id; it names the outage in explanations.</param>
/// <param name="Service">The service that was out.</param>
/// <param name="Start">When the outage began (inclusive).</param>
/// <param name="End">When it ended (exclusive); not before <paramref name="Start"/>.</param>
public sealed record Outage(string Id, string Service, Instant Start, Instant End)
{
    /// <summary>How badly the service was hit.</summary>
    public OutageImpact Impact { get; init; } = OutageImpact.Full;

    /// <summary>The customer it affected; null when it affected every customer of the service.</summary>
    public string? Customer { get; init; }

    /// <summary>The site it affected; null when it affected every site.</summary>
    public string? Site { get; init; }

    /// <summary>Whether it was planned maintenance (which the agreement may exclude).</summary>
    public bool Planned { get; init; }

    /// <summary>When planned maintenance was announced; judged against <see cref="AvailabilityRules.MinimumNotice"/>.</summary>
    public Instant? AnnouncedAt { get; init; }

    /// <summary>What happened, for reports.</summary>
    public string? Description { get; init; }
}
