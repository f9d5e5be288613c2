using System.Collections.Immutable;
using NodaTime;
using Pledge.Calendars;

namespace Pledge.Agreements;

/// <summary>
/// A provider's written-down service levels: the catalogue, the customers, the calendars and the agreements.
/// Resolves which targets are in force for a ticket.
/// </summary>
public sealed class ServiceLevelRepository
{
    /// <summary>Creates a repository from loaded parts; <see cref="ServiceLevelRepositoryReader"/> reads one from files.</summary>
    public ServiceLevelRepository(
        IEnumerable<CatalogueService> services,
        IEnumerable<Customer> customers,
        IReadOnlyDictionary<string, BusinessCalendar> calendars,
        IEnumerable<Agreement> agreements,
        IEnumerable<string>? teams = null,
        IEnumerable<string>? suppliers = null)
    {
        Services = services.ToImmutableDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        Customers = customers.ToImmutableDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        Calendars = calendars.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
        Agreements = agreements.ToImmutableDictionary(a => a.Id, StringComparer.OrdinalIgnoreCase);
        Teams = (teams ?? []).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
        Suppliers = (suppliers ?? []).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The catalogue by service id.</summary>
    public ImmutableDictionary<string, CatalogueService> Services { get; }

    /// <summary>Customers by id.</summary>
    public ImmutableDictionary<string, Customer> Customers { get; }

    /// <summary>Calendars by id.</summary>
    public ImmutableDictionary<string, BusinessCalendar> Calendars { get; }

    /// <summary>Agreements by id.</summary>
    public ImmutableDictionary<string, Agreement> Agreements { get; }

    /// <summary>Internal teams (parties of OLAs).</summary>
    public ImmutableHashSet<string> Teams { get; }

    /// <summary>Suppliers (parties of UCs).</summary>
    public ImmutableHashSet<string> Suppliers { get; }

    /// <summary>
    /// The SLA targets in force for a ticket of <paramref name="customer"/> on <paramref name="service"/> with
    /// <paramref name="priority"/> at <paramref name="at"/>, one per kind: from every level, the most specific
    /// target with a threshold for the priority winning, using each agreement's version in force at that instant.
    /// </summary>
    public ImmutableArray<TargetResolution> Resolve(string customer, string service, string priority, Instant at)
    {
        var candidates = new List<TargetSource>();
        foreach (var agreement in Agreements.Values)
        {
            if (agreement.Kind != AgreementKind.Sla || !agreement.Covers(customer, service))
            {
                continue;
            }

            if (agreement.VersionAt(at) is not { } version)
            {
                continue;
            }

            foreach (var target in version.Targets)
            {
                candidates.Add(new TargetSource(agreement, version, target));
            }
        }

        var resolutions = ImmutableArray.CreateBuilder<TargetResolution>();
        foreach (var byKind in candidates.GroupBy(c => c.Target.Kind).OrderBy(g => g.Key))
        {
            // Most specific level first; ties broken by agreement id so the answer never depends on file order.
            var ordered = byKind
                .OrderByDescending(c => c.Agreement.Level)
                .ThenBy(c => c.Agreement.Id, StringComparer.Ordinal)
                .ToList();
            var winnerIndex = ordered.FindIndex(c => c.Target.Thresholds.ContainsKey(priority));
            if (winnerIndex < 0)
            {
                continue;
            }

            resolutions.Add(new TargetResolution(
                byKind.Key,
                priority,
                ordered[winnerIndex],
                [.. ordered.Skip(winnerIndex + 1).Where(c => c.Target.Thresholds.ContainsKey(priority))],
                [.. ordered.Take(winnerIndex)]));
        }

        return resolutions.ToImmutable();
    }

    /// <summary>Finds a target by its qualified id <c>agreement-id/target-id</c> in the version in force at <paramref name="at"/>.</summary>
    public TargetSource? FindTarget(string qualifiedId, Instant at)
    {
        var slash = qualifiedId.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !Agreements.TryGetValue(qualifiedId[..slash], out var agreement) || agreement.VersionAt(at) is not { } version)
        {
            return null;
        }

        var target = version.Targets.FirstOrDefault(t => string.Equals(t.Id, qualifiedId[(slash + 1)..], StringComparison.OrdinalIgnoreCase));
        return target is null ? null : new TargetSource(agreement, version, target);
    }
}
