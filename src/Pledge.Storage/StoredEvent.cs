using NodaTime;

namespace Pledge.Storage;

/// <summary>An event as stored.</summary>
/// <param name="Id">Its unique id.</param>
/// <param name="Type">Its type: <c>created</c>, <c>outage</c>, ….</param>
/// <param name="Subject">What it is about: a ticket, service, customer, term, series or action.</param>
/// <param name="At">When it happened.</param>
/// <param name="ReceivedAt">When the store received it (from the store's clock).</param>
/// <param name="Sequence">Its place in the order of appends: events at the same instant read in this order.</param>
/// <param name="Body">The event as it arrived.</param>
public sealed record StoredEvent(string Id, string Type, string Subject, Instant At, Instant ReceivedAt, long Sequence, string Body);
