using NodaTime;

namespace Pledge.Storage;

/// <summary>Which alerts to read, one page at a time. Every condition given must hold; an unset one selects everything.</summary>
public sealed record AlertQuery
{
    /// <summary>The most alerts one page holds.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Only this kind (<see cref="AlertKinds"/>).</summary>
    public string? Kind { get; init; }

    /// <summary>Only alerts about this customer.</summary>
    public string? Customer { get; init; }

    /// <summary>Only alerts about customers in this set (null: every customer). How access control narrows a read.</summary>
    public IReadOnlyCollection<string>? Customers { get; init; }

    /// <summary>Only alerts about targets of this agreement.</summary>
    public string? Agreement { get; init; }

    /// <summary>Only alerts about this ticket.</summary>
    public string? Ticket { get; init; }

    /// <summary>Only alerts raised at or after this instant.</summary>
    public Instant? Since { get; init; }

    /// <summary>Only alerts recorded after this one (its <see cref="AlertRecord.Sequence"/>): the cursor of the next page.</summary>
    public long? After { get; init; }

    /// <summary>How many alerts at most, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;
}
