using System.Globalization;
using System.Text;
using Pledge.Actions;
using Pledge.Agreements;
using Pledge.Availability;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Measures;
using Pledge.Satisfaction;
using Pledge.Series;
using static Pledge.Reports.Formats.HtmlText;

namespace Pledge.Reports.Formats;

/// <summary>The tables of the HTML report; every cell's text is encoded here.</summary>
internal static class HtmlTables
{
    /// <summary>"customer SLA, Europe/Berlin": what an agreement is and the zone its instants are read in.</summary>
    public static string Describe(HtmlContext context, string agreement, IReadOnlyList<MeasureRow> rows)
    {
        if (!context.Repository.Agreements.TryGetValue(agreement, out var found))
        {
            return rows.Count > 0 ? rows[0].Source : "not in the repository";
        }

        var source = rows.Select(r => r.Source).FirstOrDefault(s => s.Length > 0)
            ?? $"{TargetSource.LevelName(found.Level)} {found.Kind.ToString().ToUpperInvariant()} {found.Id}";
        return $"{source}, times in {found.Zone.Id}";
    }

    /// <summary>Every target of the customer, one body per agreement: ticket clocks summed over services and priorities, then the measures.</summary>
    public static void Summary(StringBuilder html, HtmlContext context, string customer, IReadOnlyList<string> agreements)
    {
        var report = context.Report;
        html.Append(CultureInfo.InvariantCulture,
            $"<table class=\"summary\">\n<caption>Targets of {E(context.CustomerName(customer))} in {E(report.Period)}</caption>\n<thead><tr><th scope=\"col\">Target</th><th scope=\"col\">Kind</th><th scope=\"col\">Service</th><th scope=\"col\" class=\"n\">Value</th><th scope=\"col\" class=\"n\">Objective</th><th scope=\"col\">Verdict</th><th scope=\"col\">Error budget left</th><th scope=\"col\">Burn rate 1h · 6h · 1d · 3d</th><th scope=\"col\">Explanation</th></tr></thead>\n");
        var any = false;
        foreach (var agreement in agreements)
        {
            var tickets = report.Tickets.Rows.Where(r => r.Customer == customer && r.Agreement == agreement)
                .GroupBy(r => (r.Target, r.Kind))
                .OrderBy(g => g.Key.Target, StringComparer.Ordinal)
                .ToList();
            var measures = report.Measures.Where(m => m.Customer == customer && m.Agreement == agreement).ToList();
            if (tickets.Count == 0 && measures.Count == 0)
            {
                continue;
            }

            any = true;
            html.Append(CultureInfo.InvariantCulture,
                $"<tbody>\n<tr class=\"agreement\"><th colspan=\"9\" scope=\"colgroup\">{E(agreement)} <span class=\"muted\">{E(Describe(context, agreement, measures))}</span></th></tr>\n");
            foreach (var group in tickets)
            {
                var (met, total) = (group.Sum(r => r.Met), group.Sum(r => r.Total));
                var objective = group.First().Objective;
                var attainment = (double)met / Math.Max(1, total);
                var verdict = attainment >= objective ? Verdict.Met : Verdict.Missed;
                var breaches = report.Tickets.Breaches.Where(b => b.Customer == customer && b.Agreement == agreement && b.Target == group.Key.Target).ToList();
                var atRisk = report.Tickets.AtRisk.Count(a => a.Customer == customer && a.Agreement == agreement && a.Target == group.Key.Target);
                var budget = report.TicketBudgets.FirstOrDefault(b => b.Customer == customer && b.Agreement == agreement && b.Target == group.Key.Target);
                var services = string.Join(", ", group.Select(r => r.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                var open = breaches.Count(b => b.StillOpen);
                var explanation = string.Create(CultureInfo.InvariantCulture,
                    $"{met} of {total} ticket measurement(s) within the threshold; {breaches.Count} breach(es){(open > 0 ? $" ({open} still open)" : string.Empty)}; {atRisk} open clock(s) at risk");
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(group.Key.Target)}</td><td>{E(group.Key.Kind)}</td><td>{E(services)}</td><td class=\"n\">{E(Percent(attainment))} <span class=\"muted\">({met}/{total})</span></td><td class=\"n\">{E(Percent(objective))}</td><td class=\"{Css(verdict)}\">{E(VerdictText(verdict))}</td><td>{(budget is null ? "—" : E(Budget(budget.Budget)))}</td><td class=\"muted\">—</td><td>{E(explanation)}</td></tr>\n");
            }

            foreach (var row in measures)
            {
                var unit = row.Unit is null ? string.Empty : " " + row.Unit;
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(row.Target)}</td><td>{E(TargetKindNames.Of(row.Kind))}</td><td>{E(row.Service == "*" ? "all" : row.Service)}</td><td class=\"n\">{E(ServiceReport.ValueText(row.Value, row) + (row.Value is null ? string.Empty : unit))}</td><td class=\"n\">{E(Objective(context, row))}</td><td class=\"{Css(row.Verdict)}\">{E(VerdictText(row.Verdict))}</td><td>{(row.Budget is null ? "—" : E(Budget(row.Budget)))}</td><td>{Burn(row)}</td><td>{E(row.Explanation)}</td></tr>\n");
            }

            html.Append("</tbody>\n");
        }

        if (!any)
        {
            html.Append("<tbody><tr><td colspan=\"9\" class=\"nodata\">No target measured in the period.</td></tr></tbody>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>Ticket attainment by agreement, target, service and priority; breaches with why; open clocks at risk.</summary>
    public static void Tickets(StringBuilder html, HtmlContext context, string customer)
    {
        var report = context.Report.Tickets;
        var rows = report.Rows.Where(r => r.Customer == customer).ToList();
        var breaches = report.Breaches.Where(b => b.Customer == customer).ToList();
        var atRisk = report.AtRisk.Where(a => a.Customer == customer).ToList();
        if (rows.Count == 0 && breaches.Count == 0 && atRisk.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"tickets\">\n<h3>Tickets</h3>\n");
        if (rows.Count > 0)
        {
            html.Append("<table class=\"ticket-attainment\">\n<caption>Ticket attainment by service and priority</caption>\n<thead><tr><th scope=\"col\">Target</th><th scope=\"col\">Kind</th><th scope=\"col\">Service</th><th scope=\"col\">Priority</th><th scope=\"col\" class=\"n\">Met / total</th><th scope=\"col\" class=\"n\">Attainment</th><th scope=\"col\" class=\"n\">Objective</th><th scope=\"col\">Verdict</th></tr></thead>\n<tbody>\n");
            foreach (var r in rows)
            {
                var verdict = r.MeetsObjective ? Verdict.Met : Verdict.Missed;
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(r.Agreement)}/{E(r.Target)}</td><td>{E(r.Kind)}</td><td>{E(r.Service)}</td><td>{E(r.Priority)}</td><td class=\"n\">{r.Met} / {r.Total}</td><td class=\"n\">{E(Percent(r.Attainment))}</td><td class=\"n\">{E(Percent(r.Objective))}</td><td class=\"{Css(verdict)}\">{E(VerdictText(verdict))}</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<table class=\"breaches\">\n<caption>Breaches ({breaches.Count})</caption>\n");
        if (breaches.Count == 0)
        {
            html.Append("<tbody><tr><td class=\"met\">No breach in the period.</td></tr></tbody>\n");
        }
        else
        {
            html.Append("<thead><tr><th scope=\"col\">Ticket</th><th scope=\"col\">Target</th><th scope=\"col\">Service</th><th scope=\"col\">Priority</th><th scope=\"col\">Breached at</th><th scope=\"col\" class=\"n\">Over by</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
            foreach (var b in breaches)
            {
                var open = b.StillOpen ? " <span class=\"missed\">(still open)</span>" : string.Empty;
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(b.Ticket)}</td><td>{E(b.Agreement)}/{E(b.Target)}</td><td>{E(b.Service)}</td><td>{E(b.Priority)}</td><td>{E(When(b.BreachedAt, context.ZoneOf(b.Agreement)))}{open}</td><td class=\"n\">{E(Span(b.Consumed - b.Threshold))}</td><td>{E(b.Explanation)}</td></tr>\n");
            }

            html.Append("</tbody>\n");
        }

        html.Append("</table>\n");
        if (atRisk.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<table class=\"at-risk\">\n<caption>Open clocks at risk ({atRisk.Count})</caption>\n<thead><tr><th scope=\"col\">Ticket</th><th scope=\"col\">Target</th><th scope=\"col\">Service</th><th scope=\"col\">Priority</th><th scope=\"col\" class=\"n\">Used</th><th scope=\"col\">Deadline</th></tr></thead>\n<tbody>\n");
            foreach (var a in atRisk)
            {
                var deadline = a.Deadline is { } d ? E(When(d, context.ZoneOf(a.Agreement))) : "<span class=\"muted\">paused</span>";
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(a.Ticket)}</td><td>{E(a.Agreement)}/{E(a.Target)}</td><td>{E(a.Service)}</td><td>{E(a.Priority)}</td><td class=\"n\">{E(Percent(a.ConsumedShare))}</td><td>{deadline}</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>The customer's corrective actions in their latest state, overdue ones highlighted.</summary>
    public static void Actions(StringBuilder html, HtmlContext context, string customer)
    {
        var actions = context.Report.Actions.Where(a => a.Action.Customer == customer).ToList();
        if (actions.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<section class=\"actions\">\n<h3>Corrective actions</h3>\n<table class=\"actions\">\n<caption>Corrective actions ({actions.Count(a => a.Action.IsOpen)} open, {actions.Count(a => a.Overdue)} overdue)</caption>\n");
        html.Append("<thead><tr><th scope=\"col\">Action</th><th scope=\"col\">Title</th><th scope=\"col\">Status</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Opened</th><th scope=\"col\">Answers</th><th scope=\"col\">Notes</th></tr></thead>\n<tbody>\n");
        foreach (var entry in actions)
        {
            var action = entry.Action;
            var zone = action.Agreement is not null ? context.ZoneOf(action.Agreement) : context.CustomerZone(customer);
            var due = action.Due is { } d ? E(Date(d)) : "<span class=\"muted\">—</span>";
            if (entry.Overdue)
            {
                due += " <span class=\"overdue-tag\">overdue</span>";
            }

            var answers = new[] { action.Target ?? action.Agreement }.Concat(action.Breaches.Select(b => $"ticket {b}")).Where(s => !string.IsNullOrEmpty(s));
            var notes = new[] { action.RootCause is null ? null : $"root cause: {action.RootCause}", action.Outcome is null ? null : $"outcome: {action.Outcome}" }.Where(s => s is not null);
            html.Append(CultureInfo.InvariantCulture,
                $"<tr{(entry.Overdue ? " class=\"overdue\"" : string.Empty)}><td>{E(action.Action)}</td><td>{E(action.Title)}</td><td>{E(Status(action.Status))}</td><td>{E(action.Owner ?? "—")}</td><td>{due}</td><td>{E(When(entry.Opened, zone))}</td><td>{E(string.Join(", ", answers))}</td><td>{E(string.Join("; ", notes))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>The outages an availability row met, with what the rules made of each.</summary>
    public static void Outages(StringBuilder html, HtmlContext context, MeasureRow row, AvailabilityResult result)
    {
        if (result.Outages.IsEmpty)
        {
            return;
        }

        var zone = context.ZoneOf(row.Agreement);
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"outages\">\n<caption>Outages ({result.Outages.Length})</caption>\n<thead><tr><th scope=\"col\">Outage</th><th scope=\"col\">When</th><th scope=\"col\">Impact</th><th scope=\"col\">Treatment</th><th scope=\"col\" class=\"n\">Downtime charged</th><th scope=\"col\">Description</th></tr></thead>\n<tbody>\n");
        foreach (var effect in result.Outages)
        {
            var outage = effect.Outage;
            var treatment = effect.Treatment switch
            {
                OutageTreatment.Counted => "counted",
                OutageTreatment.IgnoredShort => "ignored: too short",
                OutageTreatment.ExcludedPlanned => "excluded: planned maintenance",
                _ => "outside service hours",
            };
            var impact = outage.Impact.ToString().ToLowerInvariant() + (outage.Planned ? ", planned" : string.Empty);
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(outage.Id)}</td><td>{E(outage.End is { } end ? Range(outage.Start, end, zone) : $"since {When(outage.Start, zone)} (ongoing)")}</td><td>{E(impact)}</td><td>{E(treatment)}</td><td class=\"n\">{E(Span(effect.Counted))}</td><td>{E(outage.Description)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>Deliveries that filled no slot.</summary>
    public static void Unscheduled(StringBuilder html, HtmlContext context, MeasureRow row, DeliveryResult result)
    {
        if (result.Unscheduled.IsEmpty)
        {
            return;
        }

        var zone = context.ZoneOf(row.Agreement);
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"unscheduled\">\n<caption>Deliveries that filled no slot ({result.Unscheduled.Length})</caption>\n<thead><tr><th scope=\"col\">Delivery</th><th scope=\"col\">At</th><th scope=\"col\">Service</th><th scope=\"col\">Slot named</th><th scope=\"col\" class=\"n\">Quantity</th></tr></thead>\n<tbody>\n");
        foreach (var d in result.Unscheduled)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(d.Id)}</td><td>{E(When(d.At, zone))}</td><td>{E(d.Service)}</td><td>{E(d.Slot ?? "—")}</td><td class=\"n\">{(d.Quantity is { } q ? q.ToString(CultureInfo.InvariantCulture) : "—")}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>The responses below the satisfied threshold: the ones to follow up.</summary>
    public static void Unsatisfied(StringBuilder html, HtmlContext context, MeasureRow row, SatisfactionResult result)
    {
        if (result.Unsatisfied.IsEmpty)
        {
            return;
        }

        var zone = context.ZoneOf(row.Agreement);
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"unsatisfied\">\n<caption>Unsatisfied responses ({result.Unsatisfied.Length})</caption>\n<thead><tr><th scope=\"col\">Response</th><th scope=\"col\">At</th><th scope=\"col\" class=\"n\">Score</th><th scope=\"col\">Service</th><th scope=\"col\">Ticket</th><th scope=\"col\">Comment</th></tr></thead>\n<tbody>\n");
        foreach (var r in result.Unsatisfied)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(r.Id)}</td><td>{E(When(r.At, zone))}</td><td class=\"n\">{E(Number(r.Score))}</td><td>{E(r.Service ?? "—")}</td><td>{E(r.Ticket ?? "—")}</td><td>{E(r.Comment)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>Compliance per term, and every subject that fails a term, with why.</summary>
    public static void Compliance(StringBuilder html, HtmlContext context, MeasureRow row, ComplianceResult result)
    {
        var zone = context.ZoneOf(row.Agreement);
        if (!result.Terms.IsEmpty)
        {
            html.Append("<table class=\"terms\">\n<caption>Terms</caption>\n<thead><tr><th scope=\"col\">Term</th><th scope=\"col\" class=\"n\">Compliant / subjects</th><th scope=\"col\" class=\"n\">Share</th></tr></thead>\n<tbody>\n");
            foreach (var term in result.Terms)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(term.Term)}</td><td class=\"n\">{term.Compliant} / {term.Subjects}</td><td class=\"n{(term.Compliant < term.Subjects ? " missed" : string.Empty)}\">{(term.Subjects == 0 ? "<span class=\"nodata\">no evidence</span>" : E(Percent(term.Attainment)))}</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<table class=\"non-compliant\">\n<caption>Non-compliant subjects ({result.NonCompliant.Length})</caption>\n");
        if (result.NonCompliant.IsEmpty)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tbody><tr><td class=\"{(result.Subjects == 0 ? "nodata" : "met")}\">{(result.Subjects == 0 ? "No evidence." : "Every subject complies.")}</td></tr></tbody>\n");
        }
        else
        {
            html.Append("<thead><tr><th scope=\"col\">Subject</th><th scope=\"col\">Term</th><th scope=\"col\">Reason</th><th scope=\"col\">Evidence of</th><th scope=\"col\">Detail</th></tr></thead>\n<tbody>\n");
            foreach (var n in result.NonCompliant)
            {
                var reason = n.Reason == NonCompliance.Stale ? "stale: no current evidence" : "failed";
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(n.Subject)}</td><td>{E(n.Term)}</td><td class=\"missed\">{E(reason)}</td><td>{E(When(n.EvidenceAt, zone))}</td><td>{E(n.Detail)}</td></tr>\n");
            }

            html.Append("</tbody>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>Custom targets: a trend chart each, then the series' aggregate against its threshold with the values of the earlier periods.</summary>
    public static void Series(StringBuilder html, HtmlContext context, IReadOnlyList<MeasureRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var periods = HtmlCharts.Periods(context.Report);
        html.Append("<h4>Series</h4>\n");
        foreach (var row in rows)
        {
            if (HtmlCharts.SeriesTrend(context, row) is { } chart)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<figure class=\"series-trend\">\n{chart}\n<figcaption>{E(row.Target)}: the series' value per period against its threshold (dashed); the verdict follows the agreement's comparison.</figcaption>\n</figure>\n");
            }
        }

        html.Append("<table class=\"series\">\n<caption>Series values</caption>\n<thead><tr><th scope=\"col\">Target</th><th scope=\"col\">Series</th><th scope=\"col\" class=\"n\">Value</th><th scope=\"col\" class=\"n\">Threshold</th><th scope=\"col\" class=\"n\">Samples</th><th scope=\"col\" class=\"n\">Beyond threshold</th><th scope=\"col\">Verdict</th><th scope=\"col\">Earlier periods</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            var rules = context.TargetOf(row.Agreement, row.Target, row.Interval)?.Series;
            var unit = row.Unit is null ? string.Empty : " " + row.Unit;
            var series = rules is null ? "—" : $"{SeriesAggregations.Format(rules.Aggregation, rules.Percentile)} of {rules.Series}";
            var (samples, violations) = row.Detail is SeriesResult r
                ? (r.Samples.ToString(CultureInfo.InvariantCulture), r.Violations.ToString(CultureInfo.InvariantCulture))
                : ("—", "—");
            var earlier = context.Report.Trend
                .Where(t => t.Customer == row.Customer && t.Agreement == row.Agreement && t.Target == row.Target && t.Service == row.Service)
                .OrderBy(t => periods.IndexOf(t.Period))
                .Select(t => $"{t.Period}: {Number(t.Value)}{(t.Value is null ? string.Empty : unit)}");
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(row.Target)}</td><td>{E(series)}</td><td class=\"n\">{E(Number(row.Value) + (row.Value is null ? string.Empty : unit))}</td><td class=\"n\">{E(Objective(context, row))}</td><td class=\"n\">{samples}</td><td class=\"n\">{violations}</td><td class=\"{Css(row.Verdict)}\">{E(VerdictText(row.Verdict))}</td><td>{E(string.Join(" · ", earlier))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>The objective as the agreement states it: a share, a score, or a comparison with the series' unit.</summary>
    private static string Objective(HtmlContext context, MeasureRow row)
    {
        if (row.Kind == TargetKind.Custom)
        {
            var unit = row.Unit is null ? string.Empty : " " + row.Unit;
            var rules = context.TargetOf(row.Agreement, row.Target, row.Interval)?.Series;
            return (rules is null ? Number(row.Objective) : Comparisons.Format(rules.Comparison, rules.Threshold)) + unit;
        }

        return ServiceReport.ValueText(row.Objective, row);
    }

    /// <summary>The burn rate over each window ("1h 2.5×"), the ones above 1 (burning faster than the budget allows) highlighted, then the alert.</summary>
    private static string Burn(MeasureRow row)
    {
        if (row.Burn.IsEmpty)
        {
            return "<span class=\"muted\">—</span>";
        }

        var parts = row.Burn.Select(w =>
        {
            var rate = w.Rate is { } r ? r.ToString("0.##", CultureInfo.InvariantCulture) + "×" : "–";
            var hot = w.Rate > 1 ? " hot" : string.Empty;
            return $"<span class=\"burn{hot}\" title=\"{E($"the last {Window(w.Window)} before the report: {Number(w.Count.Bad)} bad of {Number(w.Count.Total)}")}\">{E(Window(w.Window))} {E(rate)}</span>";
        });
        var alert = row.BurnAlert ? " <strong class=\"alert\">burn alert</strong>" : string.Empty;
        return string.Join(" · ", parts) + alert;
    }

    private static string Status(ActionStatus status) => status switch
    {
        ActionStatus.Open => "open",
        ActionStatus.InProgress => "in progress",
        ActionStatus.Done => "done",
        _ => "verified",
    };
}
