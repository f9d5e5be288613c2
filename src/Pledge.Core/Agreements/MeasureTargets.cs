using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Agreements;

/// <summary>
/// A measure target (availability, delivery, satisfaction, compliance, custom) in force for one customer: the
/// winning target, the services it won for, and the more general targets it overrode.
/// </summary>
/// <param name="Customer">The customer measured.</param>
/// <param name="Source">The winning target and its agreement version.</param>
/// <param name="Services">The customer's services this target is measured on (where no more specific one won).</param>
/// <param name="Overridden">Targets of the same kind in more general agreements that it overrides, most specific first.</param>
public sealed record MeasureAssignment(string Customer, TargetSource Source, ImmutableArray<string> Services, ImmutableArray<TargetSource> Overridden);

/// <summary>Resolves the measure targets in force for a customer, the way ticket clocks are resolved across levels.</summary>
/// <remarks>
/// <para>A customer's services are those customers.yaml lists for it (<c>services</c>), or the whole catalogue.</para>
/// <para>For each of those services, every SLA that covers (customer, service) offers the measure targets of its
/// version in force; per kind (and per series for custom targets) the most specific level wins, ties broken by
/// agreement id, as for clocks. A target is then measured once for all the services it won, except availability,
/// which is measured per service.</para>
/// </remarks>
public static class MeasureTargets
{
    /// <summary>The measure targets in force for <paramref name="customer"/> at <paramref name="at"/>, ordered by agreement, then target.</summary>
    public static ImmutableArray<MeasureAssignment> InForce(ServiceLevelRepository repository, string customer, Instant at)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(customer);
        var won = new Dictionary<TargetSource, (SortedSet<string> Services, List<TargetSource> Overridden)>();
        foreach (var service in ServicesOf(repository, customer))
        {
            var candidates = new List<TargetSource>();
            foreach (var agreement in repository.Agreements.Values)
            {
                if (agreement.Kind != AgreementKind.Sla || !agreement.Covers(customer, service) || agreement.VersionAt(at) is not { } version)
                {
                    continue;
                }

                candidates.AddRange(version.Targets.Where(t => !t.IsClock).Select(t => new TargetSource(agreement, version, t)));
            }

            foreach (var group in candidates.GroupBy(c => (c.Target.Kind, c.Target.Series?.Series)))
            {
                var ordered = group
                    .OrderByDescending(c => c.Agreement.Level)
                    .ThenBy(c => c.Agreement.Id, StringComparer.Ordinal)
                    .ToList();
                var winner = ordered[0];
                if (!won.TryGetValue(winner, out var entry))
                {
                    entry = won[winner] = (new SortedSet<string>(StringComparer.Ordinal), []);
                }

                entry.Services.Add(service);

                // What it overrides on every service it won, not only on the first (a service-level target loses on its service only).
                entry.Overridden.AddRange(ordered.Skip(1).Where(o => !entry.Overridden.Contains(o)));
            }
        }

        return
        [
            .. won.Select(w => new MeasureAssignment(customer, w.Key, [.. w.Value.Services], [.. w.Value.Overridden
                    .OrderByDescending(o => o.Agreement.Level)
                    .ThenBy(o => o.Agreement.Id, StringComparer.Ordinal)]))
                .OrderBy(a => a.Source.Agreement.Id, StringComparer.Ordinal)
                .ThenBy(a => a.Source.Target.Kind)
                .ThenBy(a => a.Source.Target.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>The services <paramref name="customer"/> receives: those customers.yaml lists for it, or every service of the catalogue.</summary>
    public static ImmutableArray<string> ServicesOf(ServiceLevelRepository repository, string customer)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var listed = repository.Customers.TryGetValue(customer, out var found) ? found.Services : [];
        return [.. repository.Services.Keys.Where(s => listed.IsEmpty || listed.Contains(s, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];
    }
}
