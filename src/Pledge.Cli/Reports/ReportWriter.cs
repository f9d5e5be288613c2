using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using Pledge.Cli.Calendars;
using Pledge.Cli.Infrastructure;
using Pledge.Reports;

namespace Pledge.Cli.Reports;

/// <summary>Writes an attainment report as JSON, CSV, Markdown or a single-file HTML page.</summary>
internal static class ReportWriter
{
    public static string Json(AttainmentReport report) => JsonSerializer.Serialize(new
    {
        period = report.Period,
        asOf = Iso(report.AsOf),
        tickets = report.Tickets,
        targets = report.ByTarget().Select(Row),
        attainment = report.Rows.Select(Row),
        breaches = report.Breaches.Select(b => new
        {
            ticket = b.Ticket, agreement = b.Agreement, target = b.Target, kind = b.Kind, customer = b.Customer, service = b.Service, priority = b.Priority,
            breachedAt = Iso(b.BreachedAt), thresholdMinutes = b.Threshold.TotalMinutes, consumedMinutes = b.Consumed.TotalMinutes, stillOpen = b.StillOpen, explanation = b.Explanation,
        }),
        atRisk = report.AtRisk.Select(a => new
        {
            ticket = a.Ticket, agreement = a.Agreement, target = a.Target, kind = a.Kind, customer = a.Customer, service = a.Service, priority = a.Priority,
            consumedShare = Math.Round(a.ConsumedShare, 4), deadline = a.Deadline is { } d ? Iso(d) : null,
        }),
    }, CliJson.Indented);

    public static string Csv(AttainmentReport report)
    {
        var text = new StringBuilder("agreement,target,kind,customer,service,priority,met,total,attainment,objective,meets_objective\n");
        foreach (var r in report.Rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{Cell(r.Agreement)},{Cell(r.Target)},{r.Kind},{Cell(r.Customer)},{Cell(r.Service)},{Cell(r.Priority)},{r.Met},{r.Total},{r.Attainment:0.####},{r.Objective:0.####},{(r.MeetsObjective ? "true" : "false")}\n");
        }

        return text.ToString();
    }

    public static string Markdown(AttainmentReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Service level report {report.Period}\n\nAs of {Iso(report.AsOf)}; {report.Tickets} tickets.\n\n## Attainment by target\n\n");
        text.Append("| agreement | target | met / total | attainment | objective | |\n|---|---|---:|---:|---:|---|\n");
        foreach (var r in report.ByTarget())
        {
            text.Append(CultureInfo.InvariantCulture, $"| {r.Agreement} | {r.Target} | {r.Met} / {r.Total} | {Percent(r.Attainment)} | {Percent(r.Objective)} | {(r.MeetsObjective ? "met" : "**missed**")} |\n");
        }

        text.Append("\n## Attainment by customer, service and priority\n\n| agreement | target | customer | service | priority | met / total | attainment | objective |\n|---|---|---|---|---|---:|---:|---:|\n");
        foreach (var r in report.Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {r.Agreement} | {r.Target} | {r.Customer} | {r.Service} | {r.Priority} | {r.Met} / {r.Total} | {Percent(r.Attainment)} | {Percent(r.Objective)} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n## Breaches ({report.Breaches.Length})\n\n| ticket | target | customer | service | priority | breached at | over by | why |\n|---|---|---|---|---|---|---:|---|\n");
        foreach (var b in report.Breaches)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {b.Ticket} | {b.Agreement}/{b.Target} | {b.Customer} | {b.Service} | {b.Priority} | {Iso(b.BreachedAt)}{(b.StillOpen ? " (open)" : string.Empty)} | {Durations.Format(b.Consumed - b.Threshold)} | {b.Explanation.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n## Open clocks at risk ({report.AtRisk.Length})\n\n| ticket | target | customer | service | priority | used | deadline |\n|---|---|---|---|---|---:|---|\n");
        foreach (var a in report.AtRisk)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {a.Ticket} | {a.Agreement}/{a.Target} | {a.Customer} | {a.Service} | {a.Priority} | {Percent(a.ConsumedShare)} | {(a.Deadline is { } d ? Iso(d) : "paused")} |\n");
        }

        return text.ToString();
    }

    public static string Html(AttainmentReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Service level report {{E(report.Period)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem; color: #1d232b; }
            table { border-collapse: collapse; margin: 1rem 0 2rem; }
            th, td { border-bottom: 1px solid #d8dde3; padding: .35rem .7rem; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            .missed { color: #b3261e; font-weight: 600; } .met { color: #1e7a3c; }
            .bar { display: inline-block; height: .6rem; background: #1e7a3c; vertical-align: middle; }
            .bar.missed { background: #b3261e; }
            </style></head><body>
            <h1>Service level report {{E(report.Period)}}</h1>
            <p>As of {{E(Iso(report.AsOf))}}; {{report.Tickets}} tickets.</p>
            <h2>Attainment by target</h2>
            <table><tr><th>Agreement</th><th>Target</th><th>Met / total</th><th>Attainment</th><th>Objective</th><th></th></tr>
            """);
        foreach (var r in report.ByTarget())
        {
            var css = r.MeetsObjective ? "met" : "missed";
            text.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(r.Agreement)}</td><td>{E(r.Target)}</td><td class=\"n\">{r.Met} / {r.Total}</td><td class=\"n\">{Percent(r.Attainment)} <span class=\"bar {css}\" style=\"width:{Math.Round(r.Attainment * 100)}px\"></span></td><td class=\"n\">{Percent(r.Objective)}</td><td class=\"{css}\">{(r.MeetsObjective ? "met" : "missed")}</td></tr>\n");
        }

        text.Append("</table>\n<h2>By customer, service and priority</h2>\n<table><tr><th>Agreement</th><th>Target</th><th>Customer</th><th>Service</th><th>Priority</th><th>Met / total</th><th>Attainment</th><th>Objective</th></tr>\n");
        foreach (var r in report.Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(r.Agreement)}</td><td>{E(r.Target)}</td><td>{E(r.Customer)}</td><td>{E(r.Service)}</td><td>{E(r.Priority)}</td><td class=\"n\">{r.Met} / {r.Total}</td><td class=\"n {(r.MeetsObjective ? "met" : "missed")}\">{Percent(r.Attainment)}</td><td class=\"n\">{Percent(r.Objective)}</td></tr>\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"</table>\n<h2>Breaches ({report.Breaches.Length})</h2>\n<table><tr><th>Ticket</th><th>Target</th><th>Customer</th><th>Service</th><th>Priority</th><th>Breached at</th><th>Over by</th><th>Why</th></tr>\n");
        foreach (var b in report.Breaches)
        {
            text.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(b.Ticket)}</td><td>{E(b.Agreement)}/{E(b.Target)}</td><td>{E(b.Customer)}</td><td>{E(b.Service)}</td><td>{E(b.Priority)}</td><td>{E(Iso(b.BreachedAt))}{(b.StillOpen ? " (open)" : string.Empty)}</td><td class=\"n\">{E(Durations.Format(b.Consumed - b.Threshold))}</td><td>{E(b.Explanation)}</td></tr>\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"</table>\n<h2>Open clocks at risk ({report.AtRisk.Length})</h2>\n<table><tr><th>Ticket</th><th>Target</th><th>Customer</th><th>Service</th><th>Priority</th><th>Used</th><th>Deadline</th></tr>\n");
        foreach (var a in report.AtRisk)
        {
            text.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(a.Ticket)}</td><td>{E(a.Agreement)}/{E(a.Target)}</td><td>{E(a.Customer)}</td><td>{E(a.Service)}</td><td>{E(a.Priority)}</td><td class=\"n\">{Percent(a.ConsumedShare)}</td><td>{(a.Deadline is { } d ? E(Iso(d)) : "paused")}</td></tr>\n");
        }

        text.Append("</table>\n</body></html>\n");
        return text.ToString();
    }

    internal static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    internal static string Iso(Instant instant) => Arguments.Format(instant.ToUnixTimeTicks(), DateTimeZone.Utc);

    private static object Row(AttainmentRow r) => new
    {
        agreement = r.Agreement, target = r.Target, kind = r.Kind, customer = r.Customer, service = r.Service, priority = r.Priority,
        met = r.Met, total = r.Total, attainment = Math.Round(r.Attainment, 4), objective = r.Objective, meetsObjective = r.MeetsObjective,
    };

    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
