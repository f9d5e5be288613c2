using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Pledge.Clocks;
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

    private readonly ConcurrentDictionary<(string Customer, string Service), Coverage> _coverage = new(PartyComparer.Instance);
    private readonly ConcurrentDictionary<Target, ClockDefinition> _clocks = new(ReferenceEqualityComparer.Instance);

    // Bounded: strings that are not shared would add an entry per call.
    private const int MaxByReference = 4096;
    private readonly ConcurrentDictionary<PartyKey, PartyResults> _byReference = new(PartyKey.ByReference);
    private int _byReferenceCount;

    /// <summary>Internal teams (parties of OLAs).</summary>
    public ImmutableHashSet<string> Teams { get; }

    /// <summary>Suppliers (parties of UCs).</summary>
    public ImmutableHashSet<string> Suppliers { get; }

    /// <summary>The contacts of each team that lists some in teams.yaml, by team id.</summary>
    public ImmutableDictionary<string, ImmutableArray<Contact>> TeamContacts { get; init; } = ImmutableDictionary.Create<string, ImmutableArray<Contact>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The contacts of each supplier that lists some in suppliers.yaml, by supplier id.</summary>
    public ImmutableDictionary<string, ImmutableArray<Contact>> SupplierContacts { get; init; } = ImmutableDictionary.Create<string, ImmutableArray<Contact>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The SLA targets in force for a ticket of <paramref name="customer"/> on <paramref name="service"/> with
    /// <paramref name="priority"/> at <paramref name="at"/>, one per kind: from every level, the most specific
    /// target with a threshold for the priority winning, using each agreement's version in force at that instant.
    /// </summary>
    public ImmutableArray<TargetResolution> Resolve(string customer, string service, string priority, Instant at)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(priority);

        // The answer changes only where a covering agreement's version starts or ends: cache it per
        // (customer, service, priority) and stretch between those boundaries. Event readers share the strings
        // of repeated customers, services and priorities, so the cache is first asked by reference, which
        // hashes no text (issue 3: a report resolves for every ticket).
        var key = new PartyKey(customer, service, priority);
        if (!_byReference.TryGetValue(key, out var party))
        {
            party = new PartyResults(CoverageOf(customer, service));
            if (Volatile.Read(ref _byReferenceCount) < MaxByReference)
            {
                var added = _byReference.GetOrAdd(key, party);
                if (ReferenceEquals(added, party))
                {
                    Interlocked.Increment(ref _byReferenceCount);
                }

                party = added;
            }
        }

        var segment = party.Coverage.SegmentOf(at);
        var results = party.Results;
        var found = Volatile.Read(ref results[segment]);
        if (found is null)
        {
            found = new StrongBox<ImmutableArray<TargetResolution>>(Resolve(party.Coverage, priority, segment, at));
            Volatile.Write(ref results[segment], found);
        }

        return found.Value;
    }

    private Coverage CoverageOf(string customer, string service) =>
        _coverage.GetOrAdd((customer, service), static (key, repository) => Coverage.Of(repository.Agreements.Values, key.Customer, key.Service), this);

    private static ImmutableArray<TargetResolution> Resolve(Coverage coverage, string priority, int segment, Instant at) =>
        coverage.Results.GetOrAdd((priority, segment), static (key, state) => Compute(state.Coverage.Agreements, key.Priority, state.At), (Coverage: coverage, At: at));

    /// <summary>The clock that measures <paramref name="source"/>'s target on its calendar; built once per target.</summary>
    public ClockDefinition ClockFor(TargetSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _clocks.GetOrAdd(source.Target, static (target, state) => target.ToClock(state.Source.QualifiedId, state.Calendars[target.CalendarId]), (Source: source, Calendars));
    }

    private static ImmutableArray<TargetResolution> Compute(Agreement[] covering, string priority, Instant at)
    {
        var candidates = new List<TargetSource>();
        foreach (var agreement in covering)
        {
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

    /// <summary>The SLAs covering one (customer, service), the instants where any of their versions starts or ends, and cached answers.</summary>
    private sealed class Coverage
    {
        private Coverage(Agreement[] agreements, Instant[] boundaries)
        {
            Agreements = agreements;
            Boundaries = boundaries;
        }

        public Agreement[] Agreements { get; }

        private Instant[] Boundaries { get; }

        public ConcurrentDictionary<(string Priority, int Segment), ImmutableArray<TargetResolution>> Results { get; } = new(PriorityComparer.Instance);

        public static Coverage Of(IEnumerable<Agreement> all, string customer, string service)
        {
            var covering = all.Where(a => a.Kind == AgreementKind.Sla && a.Covers(customer, service)).ToArray();
            var boundaries = covering.SelectMany(a => a.Versions)
                .SelectMany(v => v.EffectiveUntil is { } until ? new[] { v.EffectiveFrom, until } : [v.EffectiveFrom])
                .Distinct()
                .Order()
                .ToArray();
            return new Coverage(covering, boundaries);
        }

        /// <summary>How many segments the boundaries cut time into.</summary>
        public int Segments => Boundaries.Length + 1;

        /// <summary>The number of boundaries at or before <paramref name="at"/>: constant between two boundaries.</summary>
        public int SegmentOf(Instant at)
        {
            var index = Array.BinarySearch(Boundaries, at);
            return index >= 0 ? index + 1 : ~index;
        }
    }

    /// <summary>The strings a ticket names its customer, service and priority with, compared by reference.</summary>
    private readonly record struct PartyKey(string Customer, string Service, string Priority)
    {
        public static IEqualityComparer<PartyKey> ByReference { get; } = new ReferenceComparer();

        private sealed class ReferenceComparer : IEqualityComparer<PartyKey>
        {
            public bool Equals(PartyKey x, PartyKey y) =>
                ReferenceEquals(x.Customer, y.Customer) && ReferenceEquals(x.Service, y.Service) && ReferenceEquals(x.Priority, y.Priority);

            public int GetHashCode(PartyKey key) =>
                HashCode.Combine(RuntimeHelpers.GetHashCode(key.Customer), RuntimeHelpers.GetHashCode(key.Service), RuntimeHelpers.GetHashCode(key.Priority));
        }
    }

    /// <summary>The coverage of one (customer, service) and the answers for one priority, one slot per segment, filled on first use.</summary>
    private sealed class PartyResults(Coverage coverage)
    {
        public Coverage Coverage { get; } = coverage;

        /// <summary>The answers taken from <see cref="Coverage.Results"/>, so both give the same instances.</summary>
        public StrongBox<ImmutableArray<TargetResolution>>?[] Results { get; } = new StrongBox<ImmutableArray<TargetResolution>>?[coverage.Segments];
    }

    private sealed class PriorityComparer : IEqualityComparer<(string Priority, int Segment)>
    {
        public static PriorityComparer Instance { get; } = new();

        public bool Equals((string Priority, int Segment) x, (string Priority, int Segment) y) =>
            x.Segment == y.Segment && string.Equals(x.Priority, y.Priority, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Priority, int Segment) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Priority), obj.Segment);
    }

    private sealed class PartyComparer : IEqualityComparer<(string Customer, string Service)>
    {
        public static PartyComparer Instance { get; } = new();

        public bool Equals((string Customer, string Service) x, (string Customer, string Service) y) =>
            string.Equals(x.Customer, y.Customer, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Service, y.Service, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Customer, string Service) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Customer), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Service));
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
