using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Agreements;

/// <summary>
/// A documented agreement between the provider and a party (a customer, an internal team, a supplier),
/// with its versions.
/// </summary>
public sealed record Agreement
{
    /// <summary>Unique in the repository ("acme-gold").</summary>
    public required string Id { get; init; }

    /// <summary>SLA, OLA or UC.</summary>
    public required AgreementKind Kind { get; init; }

    /// <summary>How widely it applies.</summary>
    public required AgreementLevel Level { get; init; }

    /// <summary>The customer, for customer and customer-service levels.</summary>
    public string? Customer { get; init; }

    /// <summary>The internal team of an OLA.</summary>
    public string? Team { get; init; }

    /// <summary>The supplier of a UC.</summary>
    public string? Supplier { get; init; }

    /// <summary>The services covered; empty means all (corporate and customer levels only).</summary>
    public ImmutableArray<string> Services { get; init; } = [];

    /// <summary>The zone in which effective dates are read.</summary>
    public required DateTimeZone Zone { get; init; }

    /// <summary>The versions, newest first.</summary>
    public required ImmutableArray<AgreementVersion> Versions { get; init; }

    /// <summary>When corrective actions open by themselves (<c>corrective_actions</c>); null: by hand only.</summary>
    public Pledge.Actions.CorrectiveActionPolicy? CorrectiveActions { get; init; }

    /// <summary>Which file it came from, for messages.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The version in force at <paramref name="instant"/>, if any (the highest number when several are).</summary>
    public AgreementVersion? VersionAt(Instant instant)
    {
        AgreementVersion? found = null;
        foreach (var version in Versions)
        {
            if (version.IsInForceAt(instant) && (found is null || version.Number > found.Number))
            {
                found = version;
            }
        }

        return found;
    }

    /// <summary>Whether the agreement covers <paramref name="customer"/> and <paramref name="service"/> by its level, parties and services.</summary>
    public bool Covers(string customer, string service)
    {
        var serviceCovered = Services.IsEmpty || Services.Contains(service, StringComparer.OrdinalIgnoreCase);
        return Level switch
        {
            AgreementLevel.Corporate => serviceCovered,
            AgreementLevel.Service => serviceCovered,
            _ => string.Equals(Customer, customer, StringComparison.OrdinalIgnoreCase) && serviceCovered,
        };
    }
}
