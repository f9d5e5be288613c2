using NodaTime;
using Pledge.Agreements;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Reports.Formats;
using Pledge.Server.Api;
using Pledge.Storage;
using Pledge.Tickets;

namespace Pledge.Server.Monitoring;

/// <summary>
/// The live monitor's budget alerts (<see cref="BudgetPlanner"/>): which budgets must be planned again, the watches
/// planned last (in the monitor's one timer queue beside the clocks'), and the budget alerts known to be stored.
/// Owned by the monitor's loop.
/// </summary>
/// <remarks>
/// <para>Measure budgets are planned again in the round after measure events were stored (an outage, its end, a
/// check…), ticket budgets after ticket events were stored or a breach was raised; both after a rebuild and when the
/// period turns. Planning reads the period's events from the database, as a report does.</para>
/// <para>Ticket budgets are read from every ticket's clocks, the cost of a report: under a stream of ticket events
/// they are planned at most once per <see cref="TicketInterval"/> of the monitor's time (the first change after a
/// quiet spell at once), so ingestion never waits for them. A breach the monitor raises is planned at once only when
/// it may reach a share not raised yet (<see cref="TicketScope.MayCross"/>, from the counts last planned): a stream
/// of breaches of a budget already spent costs nothing.</para>
/// </remarks>
internal sealed class BudgetWatches
{
    /// <summary>The least time between two plannings of the ticket budgets for ticket events (breaches that may cross
    /// a share are planned at once).</summary>
    public static readonly Duration TicketInterval = Duration.FromMinutes(1);

    private static readonly HashSet<string> TicketTypes = new(TicketEventNames.All, StringComparer.Ordinal);
    private static readonly HashSet<string> MeasureTypes = new(MeasureEventReader.Types, StringComparer.Ordinal);

    private readonly HashSet<string> _raised = new(StringComparer.Ordinal);
    private bool _measuresChanged = true;
    private bool _ticketsChanged = true;
    private bool _breachMayCross;
    private Dictionary<(string Agreement, string Target, string Customer), TicketScope> _ticketScopes = [];
    private readonly Dictionary<(string Agreement, string Target, string Customer), int> _breachesSince = [];
    private Instant? _ticketsPlannedAt;
    private Instant? _periodEnd;
    private Instant? _measuresAgainAt;

    /// <summary>The measure budgets' watches as last planned.</summary>
    public ClockWatch[] Measures { get; private set; } = [];

    /// <summary>The ticket budgets' watches as last planned.</summary>
    public ClockWatch[] Tickets { get; private set; } = [];

    /// <summary>When the loop must wake for the budgets even if no alert falls due: the period's end, an outage
    /// recorded ahead starting or ending, or a ticket planning held back by <see cref="TicketInterval"/>.</summary>
    public Instant? WakeAt
    {
        get
        {
            Instant? held = !_ticketsChanged ? null : _ticketsPlannedAt is { } last && !_breachMayCross ? last + TicketInterval : Instant.MinValue;
            return new[] { held, _periodEnd, _measuresAgainAt }.Min();
        }
    }

    /// <summary>What the stored <paramref name="types"/> call for: (measure budgets, ticket budgets) to plan again.</summary>
    public static (bool Measures, bool Tickets) Affected(IEnumerable<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var (measures, tickets) = (false, false);
        foreach (var type in types)
        {
            measures |= MeasureTypes.Contains(type);
            tickets |= TicketTypes.Contains(type);
        }

        return (measures, tickets);
    }

    /// <summary>Events were stored, or breaches raised: plan those budgets again.</summary>
    public void Changed(bool measures, bool tickets)
    {
        _measuresChanged |= measures;
        _ticketsChanged |= tickets;
    }

    /// <summary>The monitor cleared its queue: everything is planned again.</summary>
    public void Reset()
    {
        Measures = [];
        Tickets = [];
        _measuresAgainAt = null;
        _measuresChanged = _ticketsChanged = true;
        _ticketsPlannedAt = null;
        _ticketScopes = [];
        _breachesSince.Clear();
    }

    /// <summary>Alerts were stored (or found stored): their budget alerts are not planned again; a breach changes the ticket budgets.</summary>
    public void Recorded(IEnumerable<AlertRecord> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var alert in alerts)
        {
            if (alert.Kind == AlertKinds.Budget)
            {
                _raised.Add(alert.Id);
            }
            else if (alert.Kind == AlertKinds.Breach)
            {
                // A breach spends its target's budget: planned at once when it may reach a share not raised yet (a
                // target or customer not seen before always may); otherwise it is only counted, so the bound stays.
                var key = (alert.Agreement, alert.Target, alert.Customer);
                var breaches = _breachesSince[key] = _breachesSince.GetValueOrDefault(key) + 1;
                if (!_ticketScopes.TryGetValue(key, out var scope) || scope.MayCross(breaches, _raised))
                {
                    _ticketsChanged = _breachMayCross = true;
                }
            }
        }
    }

    /// <summary>
    /// Plans again what changed, replacing the watches: <paramref name="retire"/> gets the old ones, <paramref name="install"/>
    /// the new (alerts already due among them, raised by the monitor in the same round).
    /// </summary>
    public async Task PlanAsync(PledgeStore store, ServiceLevelRepository? repository, Instant now, Action<ClockWatch[]> retire, Action<ClockWatch[]> install, CancellationToken cancellationToken)
    {
        if (_periodEnd is { } end && now >= end)
        {
            _measuresChanged = _ticketsChanged = true;
        }

        if (_measuresAgainAt is { } planAgain && now >= planAgain)
        {
            _measuresChanged = true;
        }

        if (repository is null)
        {
            _measuresChanged = _ticketsChanged = false;
            _periodEnd = null;
            return;
        }

        var period = BudgetPlanner.CurrentPeriod(repository, now);
        _periodEnd = period.In(ReportText.ReportZone(repository), now).End;
        var raised = _raised;
        if (_measuresChanged)
        {
            var builder = new MeasureEvents.Builder();
            await foreach (var e in store.Events.ReadAsync(EventQuery.OfTypes([.. MeasureEventReader.Types]), cancellationToken).ConfigureAwait(false))
            {
                // Stored events were read by the same reader when they came in, so each reads again.
                if (MeasureEventReader.ReadLine(e.Body, 1).Event is { } measure)
                {
                    builder.Add(measure);
                }
            }

            var events = builder.Build();
            var (planned, again) = await Task.Run(() => BudgetPlanner.PlanMeasures(repository, events, now, raised), cancellationToken).ConfigureAwait(false);
            _measuresChanged = false;
            _measuresAgainAt = again;
            retire(Measures);
            Measures = [.. planned];
            install(Measures);
        }

        if (_ticketsChanged && (_breachMayCross || _ticketsPlannedAt is not { } last || now >= last + TicketInterval))
        {
            _ticketsPlannedAt = now;
            var planned = await Task.Run(() =>
            {
                using var lines = new StoredLines(store.Events.ReadAsync(EventQuery.OfTypes([.. TicketEventNames.All]), cancellationToken)
                    .ToBlockingEnumerable(cancellationToken));
                var events = TicketEventReader.ReadJsonLines(lines).Where(r => r.IsEvent).Select(r => r.Event!);
                // Just past now, so a breach raised at this very instant is counted.
                var asOf = now + Duration.FromTicks(1);
                var outcomes = new TicketOutcomes(repository, period.LastPeriods(2), asOf);
                var tickets = AttainmentReport.Build(repository, new TicketAssembler(ReportInputs.Grace).Assemble(events), period, asOf, outcomes);
                return BudgetPlanner.PlanTickets(repository, tickets, outcomes, now, raised);
            }, cancellationToken).ConfigureAwait(false);
            _ticketsChanged = _breachMayCross = false;
            _ticketScopes = planned.Scopes;
            _breachesSince.Clear();
            retire(Tickets);
            Tickets = [.. planned.Watches];
            install(Tickets);
        }
    }
}
