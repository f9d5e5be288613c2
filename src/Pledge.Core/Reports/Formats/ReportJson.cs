using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using Pledge.Agreements;
using Pledge.Availability;
using Pledge.Budgets;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Satisfaction;
using Pledge.Series;

namespace Pledge.Reports.Formats;

/// <summary>
/// The report as JSON: every target grouped by customer and agreement with its value, verdict, explanation,
/// budget, burn rates and the details of its measurement; the ticket attainment, breaches and clocks at risk;
/// the trend; corrective actions; watermelon flags. Instants carry the offset of the agreement's zone.
/// </summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report as an indented JSON document.</summary>
    public static string Write(ServiceReport report, ServiceLevelRepository repository)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(repository);
        string At(Instant instant, string agreement) => ReportText.Instant(instant, ReportText.ZoneOf(repository, agreement));
        var lines = ReportLines.Of(report);
        var tickets = report.Tickets;
        return JsonSerializer.Serialize(new
        {
            period = report.Period,
            asOf = ReportText.Instant(report.AsOf, ReportText.ReportZone(repository)),
            tickets = tickets.Tickets,
            customers = lines.GroupBy(l => l.Customer).Select(customer => new
            {
                id = customer.Key,
                name = repository.Customers.TryGetValue(customer.Key, out var c) ? c.Name : customer.Key,
                agreements = customer.GroupBy(l => l.Agreement).Select(agreement => new
                {
                    id = agreement.Key,
                    targets = agreement.Select(l => Line(l, agreement.Key, At)),
                }),
                actions = report.Actions.Where(a => a.Action.Customer == customer.Key).Select(a => Action(a, repository)),
                flags = report.Flags.Where(f => f.Customer == customer.Key).Select(f => new { kind = Kind(f.Kind), agreement = f.Agreement, message = f.Message }),
            }),
            targets = tickets.ByTarget().Select(Row),
            attainment = tickets.Rows.Select(Row),
            breaches = tickets.Breaches.Select(b => new
            {
                ticket = b.Ticket, agreement = b.Agreement, target = b.Target, kind = b.Kind, customer = b.Customer, service = b.Service, priority = b.Priority,
                breachedAt = At(b.BreachedAt, b.Agreement), thresholdMinutes = b.Threshold.TotalMinutes, consumedMinutes = b.Consumed.TotalMinutes, stillOpen = b.StillOpen, explanation = b.Explanation,
            }),
            atRisk = tickets.AtRisk.Select(a => new
            {
                ticket = a.Ticket, agreement = a.Agreement, target = a.Target, kind = a.Kind, customer = a.Customer, service = a.Service, priority = a.Priority,
                consumedShare = Math.Round(a.ConsumedShare, 4), deadline = a.Deadline is { } d ? At(d, a.Agreement) : null,
            }),
            trend = report.Trend.Concat(report.Measures).Select(r => new
            {
                period = r.Period, customer = r.Customer, agreement = r.Agreement, target = r.Target, kind = TargetKindNames.Of(r.Kind), service = r.Service,
                value = Round(r.Value), objective = r.Objective, verdict = ReportText.Verdict(r.Verdict),
            }),
            ticketTrend = report.TicketTrend.Select(t => new { period = t.Period, targets = t.ByTarget().Select(Row) }),
            actions = report.Actions.Select(a => Action(a, repository)),
            flags = report.Flags.Select(f => new { customer = f.Customer, agreement = f.Agreement, kind = Kind(f.Kind), message = f.Message }),
        }, Options) + "\n";
    }

    private static object Line(TargetLine l, string agreement, Func<Instant, string, string> at) => new
    {
        target = l.Target,
        kind = TargetKindNames.Of(l.Kind),
        service = l.Service,
        value = Round(l.Value),
        valueText = l.ValueText,
        objective = l.Objective,
        objectiveText = l.ObjectiveText,
        verdict = l.VerdictText,
        explanation = l.Explanation,
        budget = l.Budget is { } b ? new
        {
            unit = b.Unit == BudgetUnit.Minutes ? "minutes" : "events",
            allowed = Math.Round(b.Allowed, 4),
            spent = Math.Round(b.Spent, 4),
            remaining = Math.Round(b.Remaining, 4),
            remainingShare = Round(b.RemainingShare),
        } : null,
        burn = l.Burn.IsDefaultOrEmpty ? null : l.Burn.Select(w => new { window = ReportText.Window(w.Window), rate = Round(w.Rate) }),
        burnAlert = l.BurnAlert,
        detail = Detail(l.Detail, agreement, at),
    };

    private static object? Detail(object? detail, string agreement, Func<Instant, string, string> at) => detail switch
    {
        AvailabilityResult a => new
        {
            serviceMinutes = a.ServiceTime.TotalMinutes,
            downMinutes = Math.Round(a.Downtime.TotalMinutes, 4),
            unknownMinutes = a.Unknown.TotalMinutes,
            excludedMinutes = a.Excluded.TotalMinutes,
            outages = a.Outages.Select(o => new
            {
                id = o.Outage.Id, start = at(o.Outage.Start, agreement), end = o.Outage.End is { } end ? at(end, agreement) : null, ongoing = o.Outage.IsOngoing, impact = o.Outage.Impact.ToString().ToLowerInvariant(),
                planned = o.Outage.Planned, treatment = Treatment(o.Treatment), weight = o.Weight, countedMinutes = Math.Round(o.Counted.TotalMinutes, 4),
            }),
            unknown = a.UnknownIntervals.Select(u => new { start = at(u.Start, agreement), end = at(u.End, agreement) }),
        },
        DeliveryResult d => new
        {
            scheduled = d.Scheduled,
            onTime = d.OnTime,
            late = d.Late,
            @short = d.Count(DeliveryOutcome.Short),
            missed = d.Count(DeliveryOutcome.Missed),
            slots = d.Slots.Select(s => new
            {
                date = s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), slot = s.Slot, service = s.Service, outcome = Outcome(s.Outcome),
                delivery = s.Delivery?.Id, at = s.Delivery is { } x ? at(x.At, agreement) : null, lateMinutes = s.Late.TotalMinutes,
            }),
            unscheduled = d.Unscheduled.Select(u => new { id = u.Id, service = u.Service, at = at(u.At, agreement), quantity = u.Quantity }),
        },
        SatisfactionResult s => new
        {
            responses = s.Responses,
            csat = Round(s.Csat),
            average = Round(s.Average),
            nps = Round(s.Nps),
            unsatisfied = s.Unsatisfied.Select(u => new { id = u.Id, score = u.Score, ticket = u.Ticket, comment = u.Comment }),
        },
        ComplianceResult c => new
        {
            subjects = c.Subjects,
            compliant = c.Compliant,
            terms = c.Terms.Select(t => new { term = t.Term, subjects = t.Subjects, compliant = t.Compliant }),
            nonCompliant = c.NonCompliant.Select(n => new { term = n.Term, subject = n.Subject, evidenceAt = at(n.EvidenceAt, agreement), reason = n.Reason, detail = n.Detail }),
        },
        SeriesResult r => new { samples = r.Samples, value = Round(r.Value), violations = r.Violations },
        _ => null,
    };

    private static object Action(ActionEntry a, ServiceLevelRepository repository)
    {
        var zone = a.Action.Agreement is { } id ? ReportText.ZoneOf(repository, id) : DateTimeZone.Utc;
        return new
        {
            action = a.Action.Action,
            customer = a.Action.Customer,
            agreement = a.Action.Agreement,
            target = a.Action.Target,
            title = a.Action.Title,
            status = ActionText.Status(a.Action.Status),
            owner = a.Action.Owner,
            due = a.Action.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            overdue = a.Overdue,
            opened = ReportText.Instant(a.Opened, zone),
            updated = ReportText.Instant(a.Action.At, zone),
            rootCause = a.Action.RootCause,
            outcome = a.Action.Outcome,
            breaches = a.Action.Breaches,
        };
    }

    private static object Row(AttainmentRow r) => new
    {
        agreement = r.Agreement, target = r.Target, kind = r.Kind, customer = r.Customer, service = r.Service, priority = r.Priority,
        met = r.Met, total = r.Total, attainment = Math.Round(r.Attainment, 4), objective = r.Objective, meetsObjective = r.MeetsObjective,
    };

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static string Kind(WatermelonKind kind) => kind == WatermelonKind.GreenButUnsatisfied ? "green-but-unsatisfied" : "breaches-without-action";

    internal static string Treatment(OutageTreatment treatment) => treatment switch
    {
        OutageTreatment.Counted => "counted",
        OutageTreatment.IgnoredShort => "ignored-short",
        OutageTreatment.ExcludedPlanned => "excluded-planned",
        _ => "outside-service-hours",
    };

    internal static string Outcome(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.OnTime => "on-time",
        DeliveryOutcome.Late => "late",
        DeliveryOutcome.Short => "short",
        _ => "missed",
    };
}

/// <summary>How actions are written.</summary>
public static class ActionText
{
    /// <summary>"open", "in-progress", "done", "verified".</summary>
    public static string Status(Actions.ActionStatus status) => status switch
    {
        Actions.ActionStatus.Open => "open",
        Actions.ActionStatus.InProgress => "in-progress",
        Actions.ActionStatus.Done => "done",
        _ => "verified",
    };
}
