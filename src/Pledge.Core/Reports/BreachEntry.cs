using NodaTime;

namespace Pledge.Reports;

/// <summary>A breached measurement in the period, with why.</summary>
public sealed record BreachEntry(string Ticket, string Agreement, string Target, string Kind, string Customer, string Service, string Priority, Instant BreachedAt, Duration Threshold, Duration Consumed, bool StillOpen, string Explanation);
