using NodaTime;

namespace Pledge.Availability;

/// <summary>
/// An outage record: the service (for a customer or at a site) was down, partly down or degraded over
/// [<see cref="Start"/>, <see cref="End"/>). Read from a <c>"type":"outage"</c> event, or derived from
/// monitoring by <see cref="CheckOutages"/>.
/// </summary>
/// <remarks>An outage without an end is ongoing: it counts up to the instant it is evaluated at (a report's instant,
/// or the end of the period measured, whichever comes first). A later <c>"type":"outage_end"</c> event
/// (<see cref="OutageEnd"/>) ends it; <see cref="Measures.MeasureEvents"/> joins the two.</remarks>
/// <param name="Id">The event's id; it names the outage in explanations.</param>
/// <param name="Service">The service that was out.</param>
/// <param name="Start">When the outage began (inclusive).</param>
/// <param name="End">When it ended (exclusive); not before <paramref name="Start"/>. Null while it is ongoing.</param>
public sealed record Outage(string Id, string Service, Instant Start, Instant? End)
{
    /// <summary>Whether no end is known yet: the outage still goes on.</summary>
    public bool IsOngoing => End is null;

    /// <summary>Its end, or, while it is ongoing, <paramref name="evaluatedAt"/> (never before its start): how far it counts there.</summary>
    public Instant EndAsOf(Instant evaluatedAt) => End ?? Instant.Max(evaluatedAt, Start);

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
