using NodaTime;

namespace Pledge.Storage;

/// <summary>Which events to read. Every condition given must hold; an unset one selects everything.</summary>
public sealed record EventQuery
{
    /// <summary>Every event.</summary>
    public static EventQuery All { get; } = new();

    /// <summary>The types to read (<c>created</c>, <c>outage</c>, …); null reads every type, an empty list none.</summary>
    public IReadOnlyCollection<string>? Types { get; init; }

    /// <summary>Reads events at or after this instant.</summary>
    public Instant? From { get; init; }

    /// <summary>Reads only events about this subject (a ticket, a service, …).</summary>
    public string? Subject { get; init; }

    /// <summary>Events of <paramref name="types"/>.</summary>
    public static EventQuery OfTypes(params IReadOnlyCollection<string> types) => new() { Types = types };
}
