using System.Collections.Immutable;
using NodaTime;
using Pledge.Agreements;
using Pledge.Budgets;
using Pledge.Clocks;
using Pledge.Tickets;

namespace Pledge.Reports;

/// <summary>
/// Ticket clock outcomes over the trend periods and the last days before the report's instant: attainment per
/// earlier period (for trends) and the recent met and breached measurements (for burn rates). Fed one history
/// at a time, so it can ride along the stream that builds the period's <see cref="AttainmentReport"/>; it keeps
/// counts, and single outcomes only for the longest burn window.
/// </summary>
/// <remarks>A measurement is judged where <see cref="AttainmentReport"/> judges it: when it ended, or when an open one breached.</remarks>
public sealed class TicketOutcomes
{
    private readonly ServiceLevelRepository _repository;
    private readonly IReadOnlyList<ReportPeriod> _periods;
    private readonly Instant _asOf;
    private readonly Instant _recentFrom;
    private readonly Dictionary<DateTimeZone, Interval[]> _intervals = [];
    private readonly Dictionary<(int Period, string Agreement, string Target, string Kind, string Customer, string Service, string Priority), (int Met, int Total, double Objective)> _counts = [];
    private readonly Dictionary<(string Customer, string Agreement, string Target), List<(Instant At, bool Bad)>> _recent = [];
    private readonly int[] _tickets;

    /// <summary>Collects outcomes for <paramref name="periods"/> (oldest first) as of <paramref name="asOf"/>.</summary>
    public TicketOutcomes(ServiceLevelRepository repository, IReadOnlyList<ReportPeriod> periods, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(periods);
        _repository = repository;
        _periods = periods;
        _asOf = asOf;
        _recentFrom = asOf - BurnWindows.Standard.Max();
        _tickets = new int[periods.Count];
    }

    /// <summary>Passes every history through, recording its outcomes on the way.</summary>
    public IEnumerable<TicketHistory> Observe(IEnumerable<TicketHistory> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        foreach (var history in histories)
        {
            Add(history);
            yield return history;
        }
    }

    /// <summary>Records the outcomes of one ticket.</summary>
    public void Add(TicketHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Created is not { } created)
        {
            return;
        }

        var counted = new bool[_periods.Count];
        foreach (var resolution in _repository.Resolve(created.Customer, created.Service, created.Priority, created.At))
        {
            var source = resolution.Winner;
            var intervals = IntervalsIn(source.Agreement.Zone);
            var outcome = ClockEvaluator.Evaluate(_repository.ClockFor(source), history, _asOf, explain: false);
            foreach (var measurement in outcome.Measurements)
            {
                if (measurement.IsCancelled || (measurement.End ?? (measurement.IsBreached ? measurement.BreachedAt : null)) is not { } judgedAt)
                {
                    continue;
                }

                var bad = measurement.IsBreached;
                var period = Array.FindIndex(intervals, i => i.Contains(judgedAt));
                if (period >= 0)
                {
                    var key = (period, source.Agreement.Id, source.Target.Id, TargetKindNames.Of(resolution.Kind), created.Customer, created.Service, measurement.Priority);
                    var (met, total, _) = _counts.GetValueOrDefault(key);
                    _counts[key] = (met + (bad ? 0 : 1), total + 1, source.Target.Objective);
                    if (!counted[period] && created.At < intervals[period].End)
                    {
                        counted[period] = true;
                        _tickets[period]++;
                    }
                }

                if (judgedAt >= _recentFrom && judgedAt < _asOf)
                {
                    var recentKey = (created.Customer, source.Agreement.Id, source.Target.Id);
                    if (!_recent.TryGetValue(recentKey, out var list))
                    {
                        _recent[recentKey] = list = [];
                    }

                    list.Add((judgedAt, bad));
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
                .. _counts.Where(c => c.Key.Period == index)
                    .Select(c => new AttainmentRow(c.Key.Agreement, c.Key.Target, c.Key.Kind, c.Key.Customer, c.Key.Service, c.Key.Priority, c.Value.Met, c.Value.Total, c.Value.Objective))
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

    private EventSeriesBadness Source(string customer, string agreement, string target) =>
        new(_recent.GetValueOrDefault((customer, agreement, target)) ?? []);

    private Interval[] IntervalsIn(DateTimeZone zone)
    {
        if (!_intervals.TryGetValue(zone, out var intervals))
        {
            _intervals[zone] = intervals = [.. _periods.Select(p => p.In(zone, _asOf))];
        }

        return intervals;
    }
}
