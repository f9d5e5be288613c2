namespace Pledge.Storage;

/// <summary>An event as a follower of the log sees it: where it was appended and what it is about, not its body.</summary>
/// <param name="Sequence">Its place in the order of appends (<see cref="StoredEvent.Sequence"/>).</param>
/// <param name="Id">Its unique id.</param>
/// <param name="Type">Its type: <c>created</c>, <c>outage</c>, ….</param>
/// <param name="Subject">What it is about: a ticket, service, customer, term, series or action.</param>
public sealed record AppendedEvent(long Sequence, string Id, string Type, string Subject);
