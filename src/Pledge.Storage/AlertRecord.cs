using NodaTime;

namespace Pledge.Storage;

/// <summary>
/// An alert the live monitor raised: a warning that a clock is at risk, a breach, or an error-budget alert.
/// Stored once per <see cref="Id"/> (docs/monitor.md).
/// </summary>
/// <param name="Id">What the alert is about, unique for ever: the clock (ticket and target), the measurement (the
/// clock's cycle) and the threshold, such as <c>T-1|acme-gold/resolution|1|75%</c>. The same id is never
/// recorded twice.</param>
/// <param name="Kind"><c>warning</c>, <c>breach</c> or <c>budget</c> (<see cref="AlertKinds"/>).</param>
/// <param name="DueAt">The instant the alert was due.</param>
/// <param name="FiredAt">The instant the monitor raised it (at or after <paramref name="DueAt"/>).</param>
/// <param name="Agreement">The agreement whose target it concerns.</param>
/// <param name="Target">The target's id within the agreement.</param>
/// <param name="Customer">The customer.</param>
/// <param name="Service">The service.</param>
/// <param name="Priority">The ticket's priority; null for alerts not about a ticket.</param>
/// <param name="Ticket">The ticket; null for alerts not about a ticket.</param>
/// <param name="Threshold">Which threshold was passed: <c>50%</c>, <c>1h before</c>, <c>breach</c>.</param>
/// <param name="Text">What happened, in words.</param>
/// <param name="Sequence">The order of recording (0 until stored): stable, for paging.</param>
public sealed record AlertRecord(
    string Id,
    string Kind,
    Instant DueAt,
    Instant FiredAt,
    string Agreement,
    string Target,
    string Customer,
    string Service,
    string? Priority,
    string? Ticket,
    string Threshold,
    string Text,
    long Sequence = 0);
