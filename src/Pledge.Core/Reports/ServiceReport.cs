using System.Collections.Immutable;
using NodaTime;
using Pledge.Actions;
using Pledge.Agreements;
using Pledge.Budgets;
using Pledge.Measures;

namespace Pledge.Reports;

/// <summary>
/// The whole report of a period: ticket clocks, every other kind of target, budgets, the trend over the last
/// periods, corrective actions, and the watermelon flags (green on the report, red for the customer).
/// </summary>
/// <param name="Period">The period reported ("2026-11").</param>
/// <param name="AsOf">The instant everything is evaluated at.</param>
/// <param name="Tickets">Ticket clock attainment, breaches and clocks at risk of the period.</param>
/// <param name="Measures">Availability, delivery, satisfaction, compliance and custom targets of the period.</param>
/// <param name="Trend">The same measure rows for the periods before, oldest first (for trends and watermelon detection).</param>
/// <param name="TicketTrend">Ticket attainment of the periods before, oldest first (may be empty).</param>
/// <param name="TicketBudgets">The error budget of each ticket target per customer.</param>
/// <param name="Actions">Corrective actions in their latest state at <paramref name="AsOf"/>, open ones first.</param>
/// <param name="Flags">Watermelon flags.</param>
public sealed record ServiceReport(
    string Period,
    Instant AsOf,
    AttainmentReport Tickets,
    ImmutableArray<MeasureRow> Measures,
    ImmutableArray<MeasureRow> Trend,
    ImmutableArray<AttainmentReport> TicketTrend,
    ImmutableArray<TicketBudget> TicketBudgets,
    ImmutableArray<ActionEntry> Actions,
    ImmutableArray<WatermelonFlag> Flags)
{
    /// <summary>How many breaches (ticket breaches and missed measure targets) make "many" for the no-action flag.</summary>
    public const int ManyBreaches = 5;

    /// <summary>Builds the report from the ticket report(s) already computed and the measure events.</summary>
    /// <param name="repository">The service levels.</param>
    /// <param name="tickets">The ticket report of the period.</param>
    /// <param name="events">Measure events (outages, deliveries, surveys, evidence, samples, actions).</param>
    /// <param name="period">The period reported.</param>
    /// <param name="asOf">The instant evaluated at.</param>
    /// <param name="trendPeriods">How many periods the trend covers, this one included (at least 3 for watermelon detection).</param>
    /// <param name="ticketTrend">Ticket reports of the periods before, oldest first, when the caller has them.</param>
    /// <param name="outcomes">Ticket outcomes collected over the trend periods (<see cref="TicketOutcomes"/>): the ticket trend and burn rates come from them.</param>
    public static ServiceReport Build(
        ServiceLevelRepository repository,
        AttainmentReport tickets,
        MeasureEvents events,
        ReportPeriod period,
        Instant asOf,
        int trendPeriods = 6,
        IReadOnlyList<AttainmentReport>? ticketTrend = null,
        TicketOutcomes? outcomes = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(period);
        var periods = period.LastPeriods(Math.Max(1, trendPeriods));
        var measures = MeasureReport.Build(repository, events, period, asOf);
        var trend = ImmutableArray.CreateBuilder<MeasureRow>();
        foreach (var earlier in periods.Take(periods.Count - 1))
        {
            trend.AddRange(MeasureReport.Build(repository, events, earlier, asOf));
        }

        var budgets = tickets.Rows
            .GroupBy(r => (r.Agreement, r.Target, r.Kind, r.Customer))
            .Select(g =>
            {
                var total = g.Sum(r => r.Total);
                var objective = g.First().Objective;
                return new TicketBudget(g.Key.Customer, g.Key.Agreement, g.Key.Target, g.Key.Kind, g.Sum(r => r.Met), total, objective,
                    ErrorBudget.ForEvents(total, objective).Spend(total - g.Sum(r => r.Met)))
                {
                    Burn = outcomes?.Burn(g.Key.Customer, g.Key.Agreement, g.Key.Target, objective) ?? [],
                    BurnAlert = outcomes?.BurnAlert(g.Key.Customer, g.Key.Agreement, g.Key.Target, objective) ?? false,
                };
            })
            .OrderBy(b => b.Customer, StringComparer.Ordinal).ThenBy(b => b.Agreement, StringComparer.Ordinal).ThenBy(b => b.Target, StringComparer.Ordinal)
            .ToImmutableArray();
        var actions = LatestActions(repository, events.Actions, asOf);
        // The outcomes' last period is this one, which the ticket report itself covers in full.
        var earlierTickets = ticketTrend ?? (outcomes is null ? [] : outcomes.Reports()[..^1]);
        var report = new ServiceReport(period.Name, asOf, tickets, measures, trend.ToImmutable(), [.. earlierTickets], budgets, actions, []);
        return report with { Flags = Watermelons(report, period) };
    }

    /// <summary>The period names of the trend and this period, oldest first.</summary>
    public IEnumerable<string> TrendPeriods => Trend.Select(r => r.Period).Append(Period).Distinct();

    /// <summary>The customers with anything in the report, in order.</summary>
    public IEnumerable<string> Customers =>
        Measures.Select(m => m.Customer)
            .Concat(Tickets.Rows.Select(r => r.Customer))
            .Concat(Actions.Select(a => a.Action.Customer))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static ImmutableArray<ActionEntry> LatestActions(ServiceLevelRepository repository, ImmutableArray<CorrectiveAction> states, Instant asOf) =>
    [
        .. states.Where(a => a.At <= asOf)
            .GroupBy(a => a.Action, StringComparer.Ordinal)
            .Select(g =>
            {
                var latest = g.OrderBy(a => a.At).ThenBy(a => a.Id, StringComparer.Ordinal).Last();
                var opened = g.Min(a => a.At);
                var zone = latest.Agreement is { } id && repository.Agreements.TryGetValue(id, out var agreement) ? agreement.Zone : DateTimeZone.Utc;
                return new ActionEntry(latest, opened, latest.IsOverdueAt(asOf, zone));
            })
            .OrderBy(e => e.Action.IsOpen ? 0 : 1)
            .ThenBy(e => e.Action.Customer, StringComparer.Ordinal)
            .ThenBy(e => e.Action.Due ?? LocalDate.MaxIsoValue)
            .ThenBy(e => e.Action.Action, StringComparer.Ordinal),
    ];

    private static ImmutableArray<WatermelonFlag> Watermelons(ServiceReport report, ReportPeriod period)
    {
        var flags = ImmutableArray.CreateBuilder<WatermelonFlag>();
        foreach (var customer in report.Customers)
        {
            // The agreement is judged as a whole: its operational targets for this customer against its own
            // satisfaction target (the customer's experience of that agreement).
            foreach (var satisfaction in report.Measures.Where(m => m.Customer == customer && m.Kind == TargetKind.Satisfaction))
            {
                var operational = report.Measures
                    .Where(m => m.Customer == customer && m.Agreement == satisfaction.Agreement && m.Kind != TargetKind.Satisfaction && m.Verdict != Verdict.NotEnoughData)
                    .Select(m => m.Verdict == Verdict.Met)
                    .Concat(report.Tickets.Rows.Where(r => r.Customer == customer && r.Agreement == satisfaction.Agreement)
                        .GroupBy(r => r.Target)
                        .Select(g => (double)g.Sum(r => r.Met) / Math.Max(1, g.Sum(r => r.Total)) >= g.First().Objective))
                    .ToList();
                // A period without enough responses has no value for the trend (SatisfactionTrend skips it).
                var history = report.Trend.Where(t => t.Customer == customer && t.QualifiedTarget == satisfaction.QualifiedTarget)
                    .Append(satisfaction)
                    .Select(t => t.Verdict == Verdict.NotEnoughData ? null : t.Value)
                    .ToList();
                var falling = Pledge.Satisfaction.SatisfactionTrend.IsFalling(history);
                var missed = satisfaction.Verdict == Verdict.Missed;
                if (operational.Count > 0 && operational.All(met => met) && (missed || falling))
                {
                    var why = missed ? $"{satisfaction.QualifiedTarget} missed ({satisfaction.Explanation})" : $"{satisfaction.QualifiedTarget} falling over three periods";
                    var values = string.Join(" → ", history.TakeLast(3).Select(v => ValueText(v, satisfaction)));
                    flags.Add(new WatermelonFlag(customer, satisfaction.Agreement, WatermelonKind.GreenButUnsatisfied,
                        $"all {operational.Count} operational targets of {satisfaction.Agreement} met, but {why}; satisfaction over the last periods: {values}"));
                }
            }

            var operationalMisses = report.Measures.Count(m => m.Customer == customer && m.Kind != TargetKind.Satisfaction && m.Verdict == Verdict.Missed);
            var breaches = report.Tickets.Breaches.Count(b => b.Customer == customer) + operationalMisses;
            var interval = period.In(DateTimeZone.Utc, report.AsOf);
            var acted = report.Actions.Any(a => a.Action.Customer == customer && (a.Action.IsOpen || a.Opened >= interval.Start - Duration.FromDays(7)));
            if (breaches >= ManyBreaches && !acted)
            {
                flags.Add(new WatermelonFlag(customer, null, WatermelonKind.BreachesWithoutAction,
                    $"{breaches} breaches in {period.Name} and no corrective action recorded"));
            }
        }

        return flags.ToImmutable();
    }

    /// <summary>A row's value as the report prints it: a percentage for shares, a number otherwise.</summary>
    public static string ValueText(double? value, MeasureRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.ValueIsShare ? Formats.ReportText.Percent(value) : Formats.ReportText.Number(value);
    }
}

/// <summary>The error budget of one ticket target for one customer in the period, and how fast it burns.</summary>
public sealed record TicketBudget(string Customer, string Agreement, string Target, string Kind, int Met, int Total, double Objective, BudgetStatus Budget)
{
    /// <summary>Burn rates over the standard windows before the report's instant (empty when not collected).</summary>
    public ImmutableArray<WindowBurn> Burn { get; init; } = [];

    /// <summary>Whether the fast multi-window burn alert fires.</summary>
    public bool BurnAlert { get; init; }
}

/// <summary>A corrective action in its latest state, when it was first recorded, and whether it is overdue.</summary>
public sealed record ActionEntry(CorrectiveAction Action, Instant Opened, bool Overdue);

/// <summary>What a watermelon flag says.</summary>
public enum WatermelonKind
{
    /// <summary>The operational targets are met while satisfaction fails or falls.</summary>
    GreenButUnsatisfied,

    /// <summary>Many breaches, and no corrective action recorded.</summary>
    BreachesWithoutAction,
}

/// <summary>A sign that the report is greener than the customer's experience.</summary>
public sealed record WatermelonFlag(string Customer, string? Agreement, WatermelonKind Kind, string Message);
