using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NodaTime;
using Pledge.Agreements;
using Pledge.Budgets;
using Pledge.Clocks;
using Pledge.Tickets;

namespace Pledge.Reports;

/// <summary>
/// Ticket clock outcomes over the trend periods and the last days before the report's instant: attainment per
/// earlier period (for trends) and the recent met and breached measurements (for burn rates). Fed one ticket at a
/// time, so it can ride along the stream that builds the period's <see cref="AttainmentReport"/>; it keeps
/// counts, and single outcomes only for the longest burn window.
/// </summary>
/// <remarks>
/// <para>A measurement is judged where <see cref="AttainmentReport"/> judges it: when it ended, or when an open one breached.</para>
/// <para>Fed either by <see cref="AttainmentReport.Build(ServiceLevelRepository, IEnumerable{TicketHistory}, ReportPeriod, Instant, TicketOutcomes)"/>,
/// from the measurements the report takes anyway (each clock measured once), or on its own through <see cref="Add"/>
/// or <see cref="Observe"/>, which measure every clock themselves; not both, or every outcome counts twice.</para>
/// </remarks>
public sealed class TicketOutcomes
{
    // Bounded, should a repository ever hand out new resolutions for every ticket.
    private const int MaxCachedTargets = 4096;

    private readonly ServiceLevelRepository _repository;
    private readonly IReadOnlyList<ReportPeriod> _periods;
    private readonly Instant _asOf;
    private readonly long _asOfTicks;
    private readonly long _recentFromTicks;
    private readonly Dictionary<DateTimeZone, (long[] Starts, long[] Ends)> _bounds = [];
    private readonly Dictionary<TargetResolution, OutcomeTarget> _targets = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string Agreement, string Target, string Kind), OutcomeGroup> _groups = [];
    private readonly RowIndex<OutcomeGroup, OutcomeRow> _rows;
    private readonly Dictionary<(string Customer, string Agreement, string Target), List<(Instant At, bool Bad)>> _recent = [];
    private readonly List<MeasurementTicks> _measurements = new(8);
    private readonly int[] _tickets;

    // The ticket being added (numbered from 1), and the last ticket counted in each period: a ticket counts once per period.
    private readonly int[] _countedTicket;
    private int _ticket;
    private long _createdAt;

    /// <summary>Collects outcomes for <paramref name="periods"/> (oldest first) as of <paramref name="asOf"/>.</summary>
    public TicketOutcomes(ServiceLevelRepository repository, IReadOnlyList<ReportPeriod> periods, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(periods);
        _repository = repository;
        _periods = periods;
        _asOf = asOf;
        _asOfTicks = asOf.ToUnixTimeTicks();
        _recentFromTicks = (asOf - BurnWindows.Standard.Max()).ToUnixTimeTicks();
        _tickets = new int[periods.Count];
        _countedTicket = new int[periods.Count];
        _rows = new((group, customer, service, priority) => new OutcomeRow(group, customer, service, priority, periods.Count, RecentOf(customer, group)));
    }

    /// <summary>Passes every history through, recording its outcomes on the way (see <see cref="Add"/>).</summary>
    public IEnumerable<TicketHistory> Observe(IEnumerable<TicketHistory> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        foreach (var history in histories)
        {
            Add(history);
            yield return history;
        }
    }

    /// <summary>Measures every clock of one ticket and records the outcomes.</summary>
    /// <remarks>A report that builds its <see cref="AttainmentReport"/> anyway should hand it this collector instead: the clocks are then measured once for both.</remarks>
    public void Add(TicketHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Created is not { } created)
        {
            return;
        }

        Begin(created);
        foreach (var resolution in _repository.Resolve(created.Customer, created.Service, created.Priority, created.At))
        {
            var target = Target(resolution);
            _measurements.Clear();
            _ = ClockEvaluator.Measure(target.Clock, history, _asOf, _measurements);
            foreach (ref readonly var measured in CollectionsMarshal.AsSpan(_measurements))
            {
                if (!measured.IsCancelled && (measured.End ?? (measured.IsBreached ? measured.BreachedAt : null)) is { } judgedAt)
                {
                    target.Count(created.Customer, created.Service, measured.Priority, judgedAt, measured.IsBreached);
                }
            }
        }
    }

    /// <summary>Ticket attainment of each period collected, oldest first (rows only: breaches and clocks at risk belong to the period's own report).</summary>
    public ImmutableArray<AttainmentReport> Reports() =>
    [
        .. _periods.Select((period, index) => new AttainmentReport(
            period.Name,
            _asOf,
            _tickets[index],
            [
                .. _rows.All.Where(r => r.Total[index] > 0)
                    .Select(r => new AttainmentRow(r.Group.Agreement, r.Group.Target, r.Group.Kind, r.Customer, r.Service, r.Priority, r.Met[index], r.Total[index], r.Objective[index]))
                    .OrderBy(r => r.Agreement, StringComparer.Ordinal).ThenBy(r => r.Target, StringComparer.Ordinal).ThenBy(r => r.Customer, StringComparer.Ordinal)
                    .ThenBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.Priority, StringComparer.Ordinal),
            ],
            [],
            [])),
    ];

    /// <summary>Burn rates over the standard windows before the report's instant, for one customer's ticket target.</summary>
    public ImmutableArray<WindowBurn> Burn(string customer, string agreement, string target, double objective) =>
        BurnReport.At(Source(customer, agreement, target), objective, _asOf).Windows;

    /// <summary>Whether the SRE workbook's fast multi-window rule fires for one customer's ticket target.</summary>
    public bool BurnAlert(string customer, string agreement, string target, double objective) =>
        MultiWindowAlertRule.FastPage.Fires(Source(customer, agreement, target), objective, _asOf);

    /// <summary>Starts the outcomes of the ticket <paramref name="created"/> opened; <see cref="OutcomeTarget.Count"/> follows for its measurements.</summary>
    internal void Begin(TicketCreated created)
    {
        _ticket++;
        _createdAt = created.At.ToUnixTimeTicks();
    }

    /// <summary>Where the outcomes of a resolved target are counted; the same instance for the same resolution.</summary>
    internal OutcomeTarget Target(TargetResolution resolution)
    {
        if (_targets.TryGetValue(resolution, out var target))
        {
            return target;
        }

        var source = resolution.Winner;
        var kind = TargetKindNames.Of(resolution.Kind);
        if (!_groups.TryGetValue((source.Agreement.Id, source.Target.Id, kind), out var group))
        {
            group = _groups[(source.Agreement.Id, source.Target.Id, kind)] = new OutcomeGroup(source.Agreement.Id, source.Target.Id, kind);
        }

        if (!_bounds.TryGetValue(source.Agreement.Zone, out var bounds))
        {
            var intervals = _periods.Select(p => p.In(source.Agreement.Zone, _asOf)).ToArray();
            bounds = _bounds[source.Agreement.Zone] = (
                [.. intervals.Select(i => i.HasStart ? i.Start.ToUnixTimeTicks() : long.MinValue)],
                [.. intervals.Select(i => i.HasEnd ? i.End.ToUnixTimeTicks() : long.MaxValue)]);
        }

        target = new OutcomeTarget(this, source, group, bounds.Starts, bounds.Ends);
        if (_targets.Count < MaxCachedTargets)
        {
            _targets[resolution] = target;
        }

        return target;
    }

    private List<(Instant At, bool Bad)> RecentOf(string customer, OutcomeGroup group)
    {
        var key = (customer, group.Agreement, group.Target);
        if (!_recent.TryGetValue(key, out var list))
        {
            _recent[key] = list = [];
        }

        return list;
    }

    private EventSeriesBadness Source(string customer, string agreement, string target) =>
        new(_recent.GetValueOrDefault((customer, agreement, target)) ?? []);

    /// <summary>Counts the ticket being added in <paramref name="period"/>, once, if it was created before <paramref name="end"/>.</summary>
    private void CountTicket(int period, long end)
    {
        if (_countedTicket[period] != _ticket && _createdAt < end)
        {
            _countedTicket[period] = _ticket;
            _tickets[period]++;
        }
    }

    /// <summary>A resolved target: its group of rows, its periods in its agreement's zone, its objective and clock.</summary>
    internal sealed class OutcomeTarget
    {
        private readonly TicketOutcomes _outcomes;
        private readonly TargetSource _source;
        private readonly OutcomeGroup _group;
        private readonly long[] _starts;
        private readonly long[] _ends;
        private readonly double _objective;
        private readonly RecentRows<OutcomeRow> _recentRows = new();
        private ClockDefinition? _clock;

        public OutcomeTarget(TicketOutcomes outcomes, TargetSource source, OutcomeGroup group, long[] starts, long[] ends)
        {
            _outcomes = outcomes;
            _source = source;
            _group = group;
            _starts = starts;
            _ends = ends;
            _objective = source.Target.Objective;
        }

        /// <summary>Built when first needed (a report measures with its own).</summary>
        public ClockDefinition Clock => _clock ??= _outcomes._repository.ClockFor(_source);

        /// <summary>Counts one judged measurement of the ticket being added.</summary>
        /// <param name="customer">The ticket's customer.</param>
        /// <param name="service">The ticket's service.</param>
        /// <param name="priority">The measurement's priority.</param>
        /// <param name="judgedAt">When it ended, or breached while open (ticks).</param>
        /// <param name="bad">Whether it breached.</param>
        public void Count(string customer, string service, string priority, long judgedAt, bool bad)
        {
            var period = PeriodOf(judgedAt);
            var recent = judgedAt >= _outcomes._recentFromTicks && judgedAt < _outcomes._asOfTicks;
            if (period < 0 && !recent)
            {
                return;
            }

            var row = _recentRows.Find(customer, service, priority)
                ?? _recentRows.Keep(customer, service, priority, _outcomes._rows.Find(_group, customer, service, priority));
            if (period >= 0)
            {
                row.Count(period, bad, _objective);
                _outcomes.CountTicket(period, _ends[period]);
            }

            if (recent)
            {
                row.Recent.Add((Instant.FromUnixTimeTicks(judgedAt), bad));
            }
        }

        /// <summary>The period that holds <paramref name="at"/>, or -1; the latest first, where most measurements fall.</summary>
        private int PeriodOf(long at)
        {
            for (var i = _starts.Length - 1; i >= 0; i--)
            {
                if (at >= _starts[i] && at < _ends[i])
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>Agreement, target and kind of rows: one instance for each, so rows can be told apart by reference.</summary>
    internal sealed class OutcomeGroup(string agreement, string target, string kind)
    {
        public string Agreement { get; } = agreement;

        public string Target { get; } = target;

        public string Kind { get; } = kind;
    }

    /// <summary>One (customer, service, priority) of a group: its counts per period, and the customer's recent outcomes of the target.</summary>
    internal sealed class OutcomeRow(OutcomeGroup group, string customer, string service, string priority, int periods, List<(Instant At, bool Bad)> recent)
    {
        public OutcomeGroup Group { get; } = group;

        public string Customer { get; } = customer;

        public string Service { get; } = service;

        public string Priority { get; } = priority;

        public int[] Met { get; } = new int[periods];

        public int[] Total { get; } = new int[periods];

        /// <summary>The objective of the last target counted in each period (versions of one target may differ).</summary>
        public double[] Objective { get; } = new double[periods];

        /// <summary>Shared by every row of the customer's target: burn rates are per customer and target.</summary>
        public List<(Instant At, bool Bad)> Recent { get; } = recent;

        public void Count(int period, bool bad, double objective)
        {
            Total[period]++;
            if (!bad)
            {
                Met[period]++;
            }

            Objective[period] = objective;
        }
    }
}
