using System.Collections.Immutable;
using NodaTime;
using Pledge.Calendars;

namespace Pledge.Availability;

/// <summary>
/// Measures the availability of one scope (a service for a customer) in one period against the agreed
/// service hours. Pure: the same inputs give the same result, whatever their order.
/// </summary>
/// <remarks>
/// <para>How the rules combine, for each instant of the period inside the service hours:</para>
/// <list type="number">
/// <item>Outages that meet the period are classified, first rule that applies: no service time of the period
/// inside → <see cref="OutageTreatment.OutsideServiceHours"/>; planned, <see cref="AvailabilityRules.ExcludePlanned"/>,
/// and announced in time when <see cref="AvailabilityRules.MinimumNotice"/> is set → <see cref="OutageTreatment.ExcludedPlanned"/>
/// (planned maintenance without the notice counts like any outage); real length under
/// <see cref="AvailabilityRules.MinimumOutage"/> → <see cref="OutageTreatment.IgnoredShort"/>; otherwise
/// <see cref="OutageTreatment.Counted"/>.</item>
/// <item>An instant inside excluded maintenance counts as available, whatever else happened then (checks
/// that saw the maintenance as down included).</item>
/// <item>Otherwise an instant inside counted outages is down with the heaviest weight among them (full 1,
/// partial <see cref="AvailabilityRules.PartialWeight"/>, degraded <see cref="AvailabilityRules.DegradedWeight"/>),
/// so overlaps never count twice. The record is evidence: such an instant is known even without check data.</item>
/// <item>Otherwise, when check results were given, an instant no result holds is unknown
/// (<see cref="CheckOutages"/> states the rule); its time counts as <see cref="AvailabilityRules.Unknown"/> says.</item>
/// <item>Otherwise the instant is up.</item>
/// </list>
/// <para>Without any check result the scope counts as unmonitored: outage records alone leave no unknown time.
/// Outages derived from checks are merged with the records by the same rules.</para>
/// </remarks>
public static class AvailabilityCalculator
{
    /// <summary>Measures one scope in one period.</summary>
    /// <param name="serviceHours">The agreed service hours; durations are business time of this calendar.</param>
    /// <param name="period">The period, [start, end); bounded.</param>
    /// <param name="outages">Outage records of the scope (any order; those outside the period are left out of the result).
    /// An ongoing one (no end) counts up to the end of <paramref name="period"/>: pass the period as measured so far.</param>
    /// <param name="rules">The agreement's rules.</param>
    /// <param name="checks">Check results of the scope, if it is monitored; include the ones just before the period, which may hold into it.</param>
    /// <exception cref="ArgumentException">An outage ends before it starts, the period is unbounded, or a rule is out of range.</exception>
    public static AvailabilityResult Measure(
        BusinessCalendar serviceHours,
        Interval period,
        IEnumerable<Outage> outages,
        AvailabilityRules rules,
        IEnumerable<CheckResult>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(serviceHours);
        ArgumentNullException.ThrowIfNull(outages);
        AvailabilityGuard.Bounded(period, nameof(period));
        AvailabilityGuard.Rules(rules, nameof(rules));

        var all = new List<Outage>();
        foreach (var outage in outages)
        {
            if (outage is null)
            {
                throw new ArgumentException("The outages must not contain null.", nameof(outages));
            }

            if (outage.End is { } end && end < outage.Start)
            {
                throw new ArgumentException($"Outage '{outage.Id}' ends ({outage.End}) before it starts ({outage.Start}).", nameof(outages));
            }

            all.Add(outage);
        }

        var unknownFromChecks = ImmutableArray<Interval>.Empty;
        if (checks is not null)
        {
            var list = checks.ToList();
            if (list.Count > 0)
            {
                var findings = CheckOutages.Derive(list, period, rules.CheckValidity);
                all.AddRange(findings.Outages);
                unknownFromChecks = findings.Unknown;
            }
        }

        // A total order, so that the explanation and the attribution of overlaps do not depend on the input order.
        all.Sort(CompareOutages);
        var sweep = new Sweep(serviceHours, period, rules);
        foreach (var outage in all)
        {
            sweep.Add(outage);
        }

        foreach (var gap in unknownFromChecks)
        {
            sweep.AddUnknown(gap);
        }

        return sweep.Run();
    }

    /// <summary>The weight the rules give an impact.</summary>
    internal static double WeightOf(OutageImpact impact, AvailabilityRules rules) => impact switch
    {
        OutageImpact.Partial => rules.PartialWeight,
        OutageImpact.Degraded => rules.DegradedWeight,
        _ => 1.0,
    };

    /// <summary>Whether the rules exclude the outage as planned maintenance.</summary>
    internal static bool IsExcludedMaintenance(Outage outage, AvailabilityRules rules) =>
        rules.ExcludePlanned && outage.Planned
        && (rules.MinimumNotice is not { } notice || (outage.AnnouncedAt is { } announced && announced <= outage.Start - notice));

    private static int CompareOutages(Outage a, Outage b)
    {
        var c = a.Start.CompareTo(b.Start);
        if (c == 0) { c = Nullable.Compare(a.End, b.End); }
        if (c == 0) { c = string.CompareOrdinal(a.Id, b.Id); }
        if (c == 0) { c = a.Impact.CompareTo(b.Impact); }
        if (c == 0) { c = a.Planned.CompareTo(b.Planned); }
        if (c == 0) { c = Nullable.Compare(a.AnnouncedAt, b.AnnouncedAt); }
        if (c == 0) { c = string.CompareOrdinal(a.Service, b.Service); }
        if (c == 0) { c = string.CompareOrdinal(a.Customer, b.Customer); }
        if (c == 0) { c = string.CompareOrdinal(a.Site, b.Site); }
        if (c == 0) { c = string.CompareOrdinal(a.Description, b.Description); }
        return c;
    }

    /// <summary>One pass over the period's elementary stretches, between which nothing changes.</summary>
    private sealed class Sweep(BusinessCalendar calendar, Interval period, AvailabilityRules rules)
    {
        private readonly long _from = period.Start.ToUnixTimeTicks();
        private readonly long _to = period.End.ToUnixTimeTicks();
        private readonly List<Classified> _outages = [];
        private readonly List<Edge> _edges = [];

        private bool _monitored;

        private enum EdgeKind
        {
            MaskOpen,
            MaskClose,
            CountOpen,
            CountClose,
            UnknownOpen,
            UnknownClose,
        }

        public void Add(Outage outage)
        {
            var start = Math.Max(outage.Start.ToUnixTimeTicks(), _from);
            // An ongoing outage counts up to the end of what is measured (the report's instant or the period's end).
            var end = Math.Min(outage.End?.ToUnixTimeTicks() ?? _to, _to);
            if (start >= end)
            {
                return;
            }

            var treatment =
                calendar.ElapsedTicks(start, end) == 0 ? OutageTreatment.OutsideServiceHours
                : IsExcludedMaintenance(outage, rules) ? OutageTreatment.ExcludedPlanned
                : outage.EndAsOf(period.End) - outage.Start < rules.MinimumOutage ? OutageTreatment.IgnoredShort
                : OutageTreatment.Counted;
            var index = _outages.Count;
            _outages.Add(new Classified(outage, treatment, WeightOf(outage.Impact, rules)));
            if (treatment == OutageTreatment.ExcludedPlanned)
            {
                _edges.Add(new Edge(start, EdgeKind.MaskOpen, index));
                _edges.Add(new Edge(end, EdgeKind.MaskClose, index));
            }
            else if (treatment == OutageTreatment.Counted)
            {
                _edges.Add(new Edge(start, EdgeKind.CountOpen, index));
                _edges.Add(new Edge(end, EdgeKind.CountClose, index));
            }
        }

        public void AddUnknown(Interval gap)
        {
            _monitored = true;
            _edges.Add(new Edge(gap.Start.ToUnixTimeTicks(), EdgeKind.UnknownOpen, -1));
            _edges.Add(new Edge(gap.End.ToUnixTimeTicks(), EdgeKind.UnknownClose, -1));
        }

        public AvailabilityResult Run()
        {
            // Rank the counted outages: heaviest first, then in the total order (earliest start first).
            var counted = Enumerable.Range(0, _outages.Count).Where(i => _outages[i].Treatment == OutageTreatment.Counted).ToArray();
            Array.Sort(counted, (a, b) =>
            {
                var c = _outages[b].Weight.CompareTo(_outages[a].Weight);
                return c != 0 ? c : a.CompareTo(b);
            });
            var rank = new int[_outages.Count];
            for (var r = 0; r < counted.Length; r++)
            {
                rank[counted[r]] = r;
            }

            _edges.Sort(static (a, b) => a.At.CompareTo(b.At));

            var active = new SortedSet<int>();
            var attributed = new long[_outages.Count];
            var masks = 0;
            var unknownDepth = 0;
            long excluded = 0, unknown = 0, full = 0, partial = 0, degraded = 0;
            var segments = new Coalescer<double>();
            var gaps = new Coalescer<bool>();
            var down = rules.Unknown == UnknownPolicy.Down;

            var next = 0;
            var cursor = _from;
            while (cursor < _to)
            {
                for (; next < _edges.Count && _edges[next].At <= cursor; next++)
                {
                    var edge = _edges[next];
                    switch (edge.Kind)
                    {
                        case EdgeKind.MaskOpen: masks++; break;
                        case EdgeKind.MaskClose: masks--; break;
                        case EdgeKind.CountOpen: active.Add(rank[edge.Index]); break;
                        case EdgeKind.CountClose: active.Remove(rank[edge.Index]); break;
                        case EdgeKind.UnknownOpen: unknownDepth++; break;
                        case EdgeKind.UnknownClose: unknownDepth--; break;
                    }
                }

                var until = next < _edges.Count ? Math.Min(_edges[next].At, _to) : _to;
                var business = calendar.ElapsedTicks(cursor, until);
                var weight = 0.0;
                var isUnknown = false;
                if (masks > 0)
                {
                    excluded += business;
                }
                else if (active.Count > 0)
                {
                    var winner = counted[active.Min];
                    attributed[winner] += business;
                    weight = _outages[winner].Weight;
                    switch (_outages[winner].Outage.Impact)
                    {
                        case OutageImpact.Partial: partial += business; break;
                        case OutageImpact.Degraded: degraded += business; break;
                        default: full += business; break;
                    }
                }
                else if (unknownDepth > 0)
                {
                    isUnknown = true;
                    unknown += business;
                    if (down)
                    {
                        full += business;
                        weight = 1.0;
                    }
                }

                segments.Add(cursor, until, business, weight > 0 ? weight : null);
                gaps.Add(cursor, until, business, isUnknown ? true : null);
                cursor = until;
            }

            var service = calendar.ElapsedTicks(_from, _to);
            var weighted = full + (partial * rules.PartialWeight) + (degraded * rules.DegradedWeight);
            var availability = AvailabilityFormula.Ratio(service, unknown, weighted, rules.Unknown);
            var effects = ImmutableArray.CreateBuilder<OutageEffect>(_outages.Count);
            for (var i = 0; i < _outages.Count; i++)
            {
                var o = _outages[i];
                var charged = o.Treatment == OutageTreatment.Counted ? Ticks(attributed[i] * o.Weight) : Duration.Zero;
                effects.Add(new OutageEffect(o.Outage, o.Treatment, o.Weight, charged));
            }

            return new AvailabilityResult(
                period,
                Duration.FromTicks(service),
                Ticks(weighted),
                Duration.FromTicks(unknown),
                Duration.FromTicks(excluded),
                availability,
                AvailabilityFormula.Judge(service, unknown, availability, rules.Objective),
                effects.MoveToImmutable(),
                [.. segments.Finish().Select(s => new DowntimeSegment(Instant.FromUnixTimeTicks(s.Start), Instant.FromUnixTimeTicks(s.End), s.Value))],
                _monitored ? [.. gaps.Finish().Select(s => new Interval(Instant.FromUnixTimeTicks(s.Start), Instant.FromUnixTimeTicks(s.End)))] : []);
        }

        private static Duration Ticks(double ticks) => Duration.FromTicks((long)Math.Round(ticks, MidpointRounding.AwayFromZero));

        private readonly record struct Classified(Outage Outage, OutageTreatment Treatment, double Weight);

        private readonly record struct Edge(long At, EdgeKind Kind, int Index);
    }

    /// <summary>Joins touching stretches of equal value; drops the joined stretches that hold no business time.</summary>
    private sealed class Coalescer<T>
        where T : struct
    {
        private readonly List<(long Start, long End, T Value)> _done = [];
        private long _start;
        private long _end;
        private long _business;
        private T? _value;

        public void Add(long start, long end, long business, T? value)
        {
            if (_value is { } current && value is { } next && _end == start && EqualityComparer<T>.Default.Equals(current, next))
            {
                _end = end;
                _business += business;
                return;
            }

            Flush();
            _value = value;
            _start = start;
            _end = end;
            _business = business;
        }

        public List<(long Start, long End, T Value)> Finish()
        {
            Flush();
            return _done;
        }

        private void Flush()
        {
            if (_value is { } value && _business > 0)
            {
                _done.Add((_start, _end, value));
            }

            _value = null;
        }
    }
}
