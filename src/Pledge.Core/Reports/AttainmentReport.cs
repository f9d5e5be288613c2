using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using NodaTime;
using Pledge.Agreements;
using Pledge.Clocks;
using Pledge.Tickets;

namespace Pledge.Reports;

/// <summary>
/// Attainment of every ticket target in a period: per agreement, target, customer, service and priority,
/// the breaches with their explanations, and the open clocks at risk.
/// </summary>
/// <remarks>
/// A measurement belongs to the period in which it ended; an open measurement already breached counts
/// as a miss in the period of its breach. Open measurements not breached are not judged yet; those past a
/// warning level are listed as at risk. Periods are read in each agreement's zone.
/// </remarks>
public sealed record AttainmentReport(
    string Period,
    Instant AsOf,
    int Tickets,
    ImmutableArray<AttainmentRow> Rows,
    ImmutableArray<BreachEntry> Breaches,
    ImmutableArray<AtRiskEntry> AtRisk)
{
    /// <summary>Histories without a creation event (it never came, or came so late it was split off): not measured.</summary>
    public int WithoutCreation { get; init; }

    /// <summary>Evaluates every ticket's clocks and builds the report.</summary>
    /// <param name="repository">The service levels.</param>
    /// <param name="histories">Ticket histories; read once, in any order.</param>
    /// <param name="period">The period reported.</param>
    /// <param name="asOf">The instant clocks are evaluated at (the end of the period, or now).</param>
    public static AttainmentReport Build(ServiceLevelRepository repository, IEnumerable<TicketHistory> histories, ReportPeriod period, Instant asOf) =>
        Build(repository, histories, period, asOf, outcomes: null);

    /// <summary>
    /// Evaluates every ticket's clocks once, builds the report, and records the same measurements in
    /// <paramref name="outcomes"/> (the ticket trend and burn rates), so the clocks are not measured a second time for them.
    /// </summary>
    /// <param name="repository">The service levels.</param>
    /// <param name="histories">Ticket histories; read once, in any order.</param>
    /// <param name="period">The period reported.</param>
    /// <param name="asOf">The instant clocks are evaluated at (the end of the period, or now); <paramref name="outcomes"/> must be collected as of the same instant.</param>
    /// <param name="outcomes">Where the outcomes of every measurement go, whatever its period; null for none. Not fed otherwise (<see cref="TicketOutcomes.Observe"/>), or it counts twice.</param>
    public static AttainmentReport Build(ServiceLevelRepository repository, IEnumerable<TicketHistory> histories, ReportPeriod period, Instant asOf, TicketOutcomes? outcomes)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(period);
        var builder = new Builder(repository, period, asOf, outcomes);
        foreach (var history in histories)
        {
            builder.Add(history);
        }

        return builder.ToReport();
    }

    /// <summary>Rows summed over customers, services and priorities: one per agreement target.</summary>
    public IEnumerable<AttainmentRow> ByTarget() =>
        Rows.GroupBy(r => (r.Agreement, r.Target, r.Kind))
            .Select(g => new AttainmentRow(g.Key.Agreement, g.Key.Target, g.Key.Kind, "*", "*", "*", g.Sum(r => r.Met), g.Sum(r => r.Total), g.First().Objective));

    /// <summary>
    /// The breaches by time, then ticket (ordinal), ties in arrival order: what a stable sort on those keys gives,
    /// here a merge sort of our own rather than LINQ's, whose generic code a report runs only once, unoptimised,
    /// over some 160,000 breaches for a million tickets (issue 3).
    /// </summary>
    private static ImmutableArray<BreachEntry> InTimeOrder(List<BreachEntry> breaches)
    {
        var items = breaches.ToArray();
        var other = new BreachEntry[items.Length];
        for (var width = 1; width < items.Length; width *= 2)
        {
            for (var from = 0; from < items.Length; from += 2 * width)
            {
                var middle = Math.Min(from + width, items.Length);
                Merge(items, from, middle, Math.Min(from + (2 * width), items.Length), other);
            }

            (items, other) = (other, items);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(items);
    }

    /// <summary>Merges the sorted runs [from, middle) and [middle, to) of <paramref name="source"/> into <paramref name="target"/>, left first on ties.</summary>
    private static void Merge(BreachEntry[] source, int from, int middle, int to, BreachEntry[] target)
    {
        var (left, right, next) = (from, middle, from);
        while (left < middle && right < to)
        {
            target[next++] = Precedes(source[right], source[left]) ? source[right++] : source[left++];
        }

        source.AsSpan(left, middle - left).CopyTo(target.AsSpan(next));
        next += middle - left;
        source.AsSpan(right, to - right).CopyTo(target.AsSpan(next));
    }

    /// <summary>Whether <paramref name="a"/> sorts strictly before <paramref name="b"/>: earlier, or at the same instant of a ticket before.</summary>
    private static bool Precedes(BreachEntry a, BreachEntry b)
    {
        var byTime = a.BreachedAt.CompareTo(b.BreachedAt);
        return byTime < 0 || (byTime == 0 && string.CompareOrdinal(a.Ticket, b.Ticket) < 0);
    }

    private static bool IsAtRisk(ClockOutcome outcome, int measurement)
    {
        foreach (var step in outcome.Timeline)
        {
            if (step.Measurement == measurement && step.Kind == ClockStepKind.Warning)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"4h for P2 from customer SLA acme-gold v2; 5h 10m used; 1 pause(s); …" from the measurement's steps.</summary>
    /// <param name="text">Reused for the text.</param>
    /// <param name="outcome">The clock's outcome with (at least) its pauses, priority changes and continuations; null when it has none.</param>
    /// <param name="measurement">The breached measurement.</param>
    /// <param name="source">Where the target comes from ("customer SLA acme-gold v2").</param>
    private static string Explain(StringBuilder text, ClockOutcome? outcome, Measurement measurement, string source)
    {
        var pauses = 0;
        List<string>? details = null;
        foreach (var step in outcome?.Timeline ?? [])
        {
            if (step.Measurement != measurement.Number)
            {
                continue;
            }

            if (step.Kind == ClockStepKind.Paused)
            {
                pauses++;
            }
            else if (step.Kind is ClockStepKind.PriorityChanged or ClockStepKind.Continued)
            {
                (details ??= []).Add(step.Detail);
            }
        }

        text.Clear().Append(Durations.Format(measurement.Threshold)).Append(" for ").Append(measurement.Priority).Append(" from ").Append(source)
            .Append("; ").Append(Durations.Format(measurement.Consumed)).Append(" used");
        if (pauses > 0)
        {
            text.Append("; ").Append(pauses.ToString(CultureInfo.InvariantCulture)).Append(" pause(s)");
        }

        foreach (var detail in details ?? [])
        {
            text.Append("; ").Append(detail);
        }

        return text.ToString();
    }

    /// <summary>
    /// The report so far, one ticket at a time. A method per ticket (rather than one loop over them all) lets the
    /// runtime optimise the per-ticket work as it runs, which a method called once never is (issue 3).
    /// </summary>
    private sealed class Builder(ServiceLevelRepository repository, ReportPeriod period, Instant asOf, TicketOutcomes? outcomes)
    {
        private readonly RowIndex<RowTarget, RowCount> _rows = new(static (target, customer, service, priority) => new RowCount(target, customer, service, priority));
        private readonly List<BreachEntry> _breaches = [];
        private readonly List<AtRiskEntry> _atRisk = [];
        private readonly ReportTargets _targets = new(repository, period, asOf, outcomes);
        private readonly List<MeasurementTicks> _measurements = new(8);
        private readonly StringBuilder _text = new();
        private int _tickets;
        private int _withoutCreation;

        public void Add(TicketHistory history)
        {
            if (history.Created is not { } created)
            {
                _withoutCreation++;
                return;
            }

            _tickets++;
            outcomes?.Begin(created);
            foreach (var target in _targets.For(created))
            {
                if (created.At < target.Interval.End)
                {
                    Measure(history, created, target);
                }
                else if (target.Outcomes is { } later)
                {
                    // The period is over for this ticket, the trend's and burn windows' may not be.
                    MeasureOutcomes(history, created, target.Clock, later);
                }
            }
        }

        public AttainmentReport ToReport() => new(
            period.Name,
            asOf,
            _tickets,
            [.. _rows.All.Select(r => new AttainmentRow(r.Target.Agreement, r.Target.Target, r.Target.Kind, r.Customer, r.Service, r.Priority, r.Met, r.Total, r.Objective))
                .OrderBy(r => r.Agreement, StringComparer.Ordinal).ThenBy(r => r.Target, StringComparer.Ordinal).ThenBy(r => r.Customer, StringComparer.Ordinal)
                .ThenBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.Priority, StringComparer.Ordinal)],
            InTimeOrder(_breaches),
            [.. _atRisk.OrderByDescending(a => a.ConsumedShare).ThenBy(a => a.Ticket, StringComparer.Ordinal)])
        {
            WithoutCreation = _withoutCreation,
        };

        private void Measure(TicketHistory history, TicketCreated created, ReportTarget target)
        {
            var interval = target.Interval;
            var clock = target.Clock;
            // Measurements need no explanation (nor outcome: measured into a reused buffer); only breaches and
            // clocks at risk are explained, so only their clocks are evaluated again with the timeline.
            _measurements.Clear();
            var noteworthy = ClockEvaluator.Measure(clock, history, asOf, _measurements);
            ClockOutcome? explained = null;
            ClockOutcome? noted = null;
            foreach (ref readonly var measured in CollectionsMarshal.AsSpan(_measurements))
            {
                if (measured.IsCancelled)
                {
                    continue;
                }

                var judgedAt = measured.End ?? (measured.IsBreached ? measured.BreachedAt : null);
                if (judgedAt is { } judged)
                {
                    target.Outcomes?.Count(created.Customer, created.Service, measured.Priority, judged, measured.IsBreached);
                }

                if (judgedAt is { } at && interval.Contains(Instant.FromUnixTimeTicks(at)))
                {
                    target.RowOf(_rows, created.Customer, created.Service, measured.Priority).Count(met: !measured.IsBreached, target.Source.Target.Objective);
                    if (measured.IsBreached)
                    {
                        // A breach's explanation quotes pauses, priority changes and continuations: the full timeline
                        // has them too, but costs several times as much; when there were none, neither is needed.
                        var measurement = measured.ToMeasurement();
                        var steps = explained ?? (noteworthy ? noted ??= ClockEvaluator.EvaluateForBreaches(clock, history, asOf) : null);
                        _breaches.Add(new BreachEntry(
                            history.TicketId, target.Row.Agreement, target.Row.Target, target.Row.Kind, created.Customer, created.Service, measurement.Priority,
                            measurement.BreachedAt!.Value, measurement.Threshold, measurement.Consumed, measurement.IsOpen, Explain(_text, steps, measurement, target.Description)));
                    }
                }
                else if (measured.IsOpen && !measured.IsBreached && IsAtRisk(explained ??= ClockEvaluator.Evaluate(clock, history, asOf), measured.Number))
                {
                    var measurement = measured.ToMeasurement();
                    _atRisk.Add(new AtRiskEntry(history.TicketId, target.Row.Agreement, target.Row.Target, target.Row.Kind, created.Customer, created.Service, measurement.Priority, measurement.ConsumedShare, measurement.Deadline));
                }
            }
        }

        /// <summary>Measures a clock for <paramref name="into"/> only.</summary>
        private void MeasureOutcomes(TicketHistory history, TicketCreated created, ClockDefinition clock, TicketOutcomes.OutcomeTarget into)
        {
            _measurements.Clear();
            _ = ClockEvaluator.Measure(clock, history, asOf, _measurements);
            foreach (ref readonly var measured in CollectionsMarshal.AsSpan(_measurements))
            {
                if (!measured.IsCancelled && (measured.End ?? (measured.IsBreached ? measured.BreachedAt : null)) is { } judgedAt)
                {
                    into.Count(created.Customer, created.Service, measured.Priority, judgedAt, measured.IsBreached);
                }
            }
        }
    }

    /// <summary>
    /// The resolved targets as the report uses them, prepared once per resolution the repository hands out (it
    /// caches them, so a report sees a few dozen): period bounds, clock, row and description at hand (issue 3).
    /// </summary>
    private sealed class ReportTargets(ServiceLevelRepository repository, ReportPeriod period, Instant asOf, TicketOutcomes? outcomes)
    {
        // Bounded, should a repository ever hand out new resolutions for every ticket.
        private const int MaxCached = 4096;

        private readonly Dictionary<TargetResolution[], ReportTarget[]> _byResolutions = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, Interval> _bounds = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Agreement, string Target, string Kind), RowTarget> _rows = [];

        /// <summary>The targets in force for the ticket <paramref name="created"/> opened, in the repository's order.</summary>
        public ReportTarget[] For(TicketCreated created)
        {
            var resolutions = ImmutableCollectionsMarshal.AsArray(repository.Resolve(created.Customer, created.Service, created.Priority, created.At)) ?? [];
            if (_byResolutions.TryGetValue(resolutions, out var targets))
            {
                return targets;
            }

            targets = new ReportTarget[resolutions.Length];
            for (var i = 0; i < resolutions.Length; i++)
            {
                var resolution = resolutions[i];
                var source = resolution.Winner;
                if (!_bounds.TryGetValue(source.Agreement.Id, out var interval))
                {
                    interval = _bounds[source.Agreement.Id] = period.In(source.Agreement.Zone, asOf);
                }

                var kind = TargetKindNames.Of(resolution.Kind);
                if (!_rows.TryGetValue((source.Agreement.Id, source.Target.Id, kind), out var row))
                {
                    row = _rows[(source.Agreement.Id, source.Target.Id, kind)] = new RowTarget(source.Agreement.Id, source.Target.Id, kind);
                }

                targets[i] = new ReportTarget(repository, source, row, interval, outcomes?.Target(resolution));
            }

            if (_byResolutions.Count < MaxCached)
            {
                _byResolutions[resolutions] = targets;
            }

            return targets;
        }
    }

    /// <summary>A target in force, with what the report needs of it.</summary>
    private sealed class ReportTarget(ServiceLevelRepository repository, TargetSource source, RowTarget row, Interval interval, TicketOutcomes.OutcomeTarget? outcomes)
    {
        private readonly RecentRows<RowCount> _recent = new();
        private ClockDefinition? _clock;
        private string? _description;

        public TargetSource Source { get; } = source;

        /// <summary>Where its measurements are counted.</summary>
        public RowTarget Row { get; } = row;

        /// <summary>The period in its agreement's zone.</summary>
        public Interval Interval { get; } = interval;

        /// <summary>Where its measurements' outcomes go for trends and burn rates, if anywhere.</summary>
        public TicketOutcomes.OutcomeTarget? Outcomes { get; } = outcomes;

        /// <summary>Built when first needed (a target whose period is over for the ticket needs none).</summary>
        public ClockDefinition Clock => _clock ??= repository.ClockFor(Source);

        /// <summary>"customer SLA acme-gold v2", for explanations.</summary>
        public string Description => _description ??= Source.Describe();

        /// <summary>
        /// The row of this target for the given strings. A target serves one customer, service and priority (as
        /// resolved), so the few rows it counts into are kept at hand and found by reference, hashing nothing.
        /// </summary>
        public RowCount RowOf(RowIndex<RowTarget, RowCount> rows, string customer, string service, string priority) =>
            _recent.Find(customer, service, priority) ?? _recent.Keep(customer, service, priority, rows.Find(Row, customer, service, priority));
    }

    /// <summary>Agreement, target and kind of a row: one instance for each, so rows can be told apart by reference.</summary>
    private sealed class RowTarget(string agreement, string target, string kind)
    {
        public string Agreement { get; } = agreement;

        public string Target { get; } = target;

        public string Kind { get; } = kind;
    }

    /// <summary>One row's count so far.</summary>
    private sealed class RowCount(RowTarget target, string customer, string service, string priority)
    {
        public RowTarget Target { get; } = target;

        public string Customer { get; } = customer;

        public string Service { get; } = service;

        public string Priority { get; } = priority;

        public int Met { get; private set; }

        public int Total { get; private set; }

        /// <summary>The objective of the last target counted (versions of one target may differ).</summary>
        public double Objective { get; private set; }

        /// <summary>Counts a measurement judged in the period.</summary>
        public void Count(bool met, double objective)
        {
            Total++;
            if (met)
            {
                Met++;
            }

            Objective = objective;
        }
    }
}
