using NodaTime;

namespace Pledge.Reports;

/// <summary>An open measurement past a warning level at the report's instant.</summary>
public sealed record AtRiskEntry(string Ticket, string Agreement, string Target, string Kind, string Customer, string Service, string Priority, double ConsumedShare, Instant? Deadline);
