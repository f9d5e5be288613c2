using System.Globalization;
using System.Text;
using Pledge.Agreements;
using Pledge.Availability;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Measures;
using Pledge.Satisfaction;
using static Pledge.Reports.Formats.HtmlText;

namespace Pledge.Reports.Formats;

/// <summary>
/// Writes a <see cref="ServiceReport"/> as one self-contained HTML5 page: every target kind together, grouped
/// by customer and then by agreement, with the charts as inline SVG.
/// </summary>
/// <remarks>
/// <para>The page loads nothing (no script, font, stylesheet or image from anywhere) and holds no URL, so it can
/// be mailed, archived and opened offline or printed. It also parses as XML (void elements are self-closed), and
/// every text from the repository or the events is HTML-encoded: customer names, comments and explanations may
/// hold markup.</para>
/// <para>Instants are written in the zone of the agreement they belong to, with the offset
/// (<c>2026-11-03 10:15 +01:00</c>); the header uses the one zone all customers share, or UTC.</para>
/// <para>The page opens with the period, the report's instant, totals per customer and the watermelon flags.
/// Each customer's section then has its flags again; a summary of every target, one table body per agreement
/// (value, objective, verdict, error budget left, burn rates over 1 h, 6 h, 1 d and 3 d and the burn alert,
/// explanation); the attainment trend, a panel per share-valued target over the trend periods; per agreement
/// an availability timeline per service (downtime by weight, time without data, excluded maintenance, service
/// hours, days), a delivery heatmap (slots by days, cells by outcome), a satisfaction trend, compliance per
/// term with the failing subjects, and each custom series' trend and values; then its ticket attainment by
/// service and priority, breaches with why, clocks at risk, and corrective actions (overdue ones marked).</para>
/// </remarks>
public static class ReportHtml
{
    private const string Style = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem; color: #1d232b; line-height: 1.4; }
        h1 { margin: 0 0 .25rem; }
        h2 { border-bottom: 2px solid #1d232b; padding-bottom: .2rem; margin-top: 2.5rem; }
        h3 { margin-top: 1.8rem; }
        h4 { margin: 1.2rem 0 .4rem; }
        table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .92rem; }
        caption { text-align: left; font-weight: 600; padding: .3rem 0; }
        th, td { border-bottom: 1px solid #d8dde3; padding: .3rem .6rem; text-align: left; vertical-align: top; }
        thead th { background: #f3f5f7; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.agreement th { background: #e3e8ee; }
        tfoot th, tfoot td { border-top: 2px solid #1d232b; font-weight: 600; }
        .met { color: #1e7a3c; }
        .missed { color: #b3261e; font-weight: 600; }
        .nodata { color: #5f6b76; font-style: italic; }
        .muted, .id { color: #5f6b76; font-weight: normal; }
        .id { font-size: .8em; }
        .meta { color: #3d4650; margin: .2rem 0; }
        .flags { border: 2px solid #b3261e; background: #fdf1f0; padding: .4rem 1rem .6rem; border-radius: 6px; margin: 1rem 0; }
        .flags h2, .flags h3 { border: 0; margin: .4rem 0; color: #b3261e; }
        .flags li { margin: .25rem 0; }
        .alert { background: #b3261e; color: #fff; border-radius: 3px; padding: 0 .35rem; font-size: .8rem; font-weight: 600; white-space: nowrap; }
        .burn { white-space: nowrap; }
        .burn.hot { color: #b3261e; font-weight: 600; }
        tr.overdue td { background: #fdf1f0; }
        .overdue-tag { color: #b3261e; font-weight: 600; }
        figure { margin: 1rem 0 1.5rem; break-inside: avoid; }
        figcaption { font-size: .9rem; color: #3d4650; margin-top: .3rem; }
        svg.chart { display: block; max-width: 100%; height: auto; }
        nav ul { columns: 2; }
        @media print {
          body { margin: 0; font-size: 10pt; }
          * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
          section.customer { break-before: page; }
          table, figure { break-inside: avoid; }
          nav { display: none; }
          a { color: inherit; text-decoration: none; }
        }
        """;

    /// <summary>The whole report as one HTML page.</summary>
    /// <param name="report">The report to write.</param>
    /// <param name="repository">The service levels the report was built from: customer names, agreement zones, schedules, calendars.</param>
    /// <returns>The page, UTF-8 text starting with <c>&lt;!DOCTYPE html&gt;</c>.</returns>
    public static string Write(ServiceReport report, ServiceLevelRepository repository)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(repository);
        var context = new HtmlContext(report, repository);
        var customers = report.Customers.ToList();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="generator" content="Pledge"/>
            <title>Service level report {E(report.Period)}</title>
            <style>
            {Style}
            </style>
            </head>
            <body>

            """);
        Header(html, context, customers);
        for (var i = 0; i < customers.Count; i++)
        {
            Customer(html, context, customers[i], Anchor(i));
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Anchor(int index) => string.Create(CultureInfo.InvariantCulture, $"customer-{index + 1}");

    private static void Header(StringBuilder html, HtmlContext context, List<string> customers)
    {
        var report = context.Report;
        var zone = context.ReportZone();
        html.Append(CultureInfo.InvariantCulture, $"<header>\n<h1>Service level report {E(report.Period)}</h1>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"meta\">Period <strong>{E(report.Period)}</strong>, as of <strong>{E(When(report.AsOf, zone))}</strong>; trend over {E(string.Join(", ", HtmlCharts.Periods(report)))}.</p>\n");
        var counts = customers.Select(c => (Customer: c, Count: Tally.Of(report, c))).ToList();
        var all = counts.Aggregate(new Tally(), (sum, c) => sum + c.Count);
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"meta\">{customers.Count} customer(s); {all.Targets} target(s): <span class=\"met\">{all.Met} met</span>, <span class=\"{(all.Missed > 0 ? "missed" : "met")}\">{all.Missed} missed</span>, <span class=\"nodata\">{all.NoData} not enough data</span>; {report.Tickets.Tickets} ticket(s) measured, {report.Tickets.Breaches.Length} breach(es), {report.Tickets.AtRisk.Length} clock(s) at risk; {report.Actions.Count(a => a.Action.IsOpen)} corrective action(s) open, {report.Actions.Count(a => a.Overdue)} overdue.</p>\n");
        html.Append("</header>\n");
        if (!report.Flags.IsEmpty)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"flags\" id=\"flags\" aria-labelledby=\"flags-title\">\n<h2 id=\"flags-title\">Watermelon flags ({report.Flags.Length}): green on paper, red for the customer</h2>\n<ul>\n");
            foreach (var flag in report.Flags)
            {
                var anchor = Anchor(customers.IndexOf(flag.Customer));
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{anchor}\"><strong>{E(context.CustomerName(flag.Customer))}</strong></a>: {Flag(flag)}</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        html.Append("<nav aria-label=\"Customers\">\n<table class=\"overview\">\n<caption>Customers</caption>\n<thead><tr><th scope=\"col\">Customer</th><th scope=\"col\" class=\"n\">Targets</th><th scope=\"col\" class=\"n\">Met</th><th scope=\"col\" class=\"n\">Missed</th><th scope=\"col\" class=\"n\">Not enough data</th><th scope=\"col\" class=\"n\">Breaches</th><th scope=\"col\" class=\"n\">At risk</th><th scope=\"col\" class=\"n\">Open actions</th><th scope=\"col\" class=\"n\">Flags</th></tr></thead>\n<tbody>\n");
        for (var i = 0; i < counts.Count; i++)
        {
            var (customer, c) = counts[i];
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><th scope=\"row\"><a href=\"#{Anchor(i)}\">{E(context.CustomerName(customer))}</a> <span class=\"id\">{E(customer)}</span></th>{c.Cells()}</tr>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"</tbody>\n<tfoot><tr><th scope=\"row\">All</th>{all.Cells()}</tr></tfoot>\n</table>\n</nav>\n");
    }

    private static string Flag(WatermelonFlag flag)
    {
        var kind = flag.Kind == WatermelonKind.GreenButUnsatisfied ? "green but unsatisfied" : "breaches without corrective action";
        var agreement = flag.Agreement is null ? string.Empty : $"{E(flag.Agreement)}: ";
        return $"<span class=\"alert\">{kind}</span> {agreement}{E(flag.Message)}";
    }

    private static void Customer(StringBuilder html, HtmlContext context, string customer, string anchor)
    {
        var report = context.Report;
        var name = context.CustomerName(customer);
        var zone = context.CustomerZone(customer);
        var agreements = context.AgreementsOf(customer);
        html.Append(CultureInfo.InvariantCulture,
            $"<section class=\"customer\" id=\"{anchor}\" aria-labelledby=\"{anchor}-title\">\n<h2 id=\"{anchor}-title\">{E(name)} <span class=\"id\">{E(customer)}</span></h2>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"meta\">{E(report.Period)}, as of {E(When(report.AsOf, zone))}; agreements: {E(agreements.Count == 0 ? "none" : string.Join(", ", agreements))}.</p>\n");
        var flags = report.Flags.Where(f => f.Customer == customer).ToList();
        if (flags.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"flags\" role=\"note\">\n<h3>Watermelon flags ({flags.Count})</h3>\n<ul>\n");
            foreach (var flag in flags)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{Flag(flag)}</li>\n");
            }

            html.Append("</ul>\n</div>\n");
        }

        HtmlTables.Summary(html, context, customer, agreements);
        if (HtmlCharts.AttainmentTrend(context, customer) is { } trend)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<figure class=\"attainment-trend\">\n{trend}\n<figcaption>Attainment trend: each target's share per period (ticket clocks and measures), one panel per target on its own scale, the objective dashed. Hover a point for its value.</figcaption>\n</figure>\n");
        }

        foreach (var agreement in agreements)
        {
            Agreement(html, context, customer, agreement);
        }

        HtmlTables.Tickets(html, context, customer);
        HtmlTables.Actions(html, context, customer);
        html.Append("</section>\n");
    }

    private static void Agreement(StringBuilder html, HtmlContext context, string customer, string agreement)
    {
        var rows = context.Report.Measures.Where(m => m.Customer == customer && m.Agreement == agreement).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture,
            $"<section class=\"agreement\">\n<h3>Agreement {E(agreement)} <span class=\"muted\">{E(HtmlTables.Describe(context, agreement, rows))}</span></h3>\n");
        foreach (var row in rows)
        {
            var title = $"{row.Target}{(row.Service == "*" ? string.Empty : $" ({row.Service})")}";
            var verdict = $"<span class=\"{Css(row.Verdict)}\">{E(VerdictText(row.Verdict))}</span>";
            var value = $"{E(ServiceReport.ValueText(row.Value, row))}{E(row.Unit is null ? string.Empty : " " + row.Unit)}";
            switch (row.Detail)
            {
                case AvailabilityResult availability:
                    html.Append(CultureInfo.InvariantCulture,
                        $"<h4>Availability: {E(title)}</h4>\n<figure class=\"availability\">\n{HtmlCharts.AvailabilityTimeline(context, row, availability)}\n<figcaption>{value} against {E(Percent(row.Objective))}: {verdict}. {E(row.Explanation)}.</figcaption>\n</figure>\n");
                    HtmlTables.Outages(html, context, row, availability);
                    break;
                case DeliveryResult delivery:
                    html.Append(CultureInfo.InvariantCulture, $"<h4>Deliveries: {E(title)}</h4>\n");
                    if (HtmlCharts.DeliveryHeatmap(context, row, delivery) is { } heatmap)
                    {
                        html.Append(CultureInfo.InvariantCulture,
                            $"<figure class=\"deliveries\">\n{heatmap}\n<figcaption>{value} on time against {E(Percent(row.Objective))}: {verdict}. {E(row.Explanation)}. Rows are the schedule's slots, columns the days; no cell where nothing was scheduled.</figcaption>\n</figure>\n");
                    }
                    else
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<p class=\"nodata\">{E(row.Explanation)}.</p>\n");
                    }

                    HtmlTables.Unscheduled(html, context, row, delivery);
                    break;
                case SatisfactionResult satisfaction:
                    html.Append(CultureInfo.InvariantCulture,
                        $"<h4>Satisfaction: {E(title)}</h4>\n<figure class=\"satisfaction\">\n{HtmlCharts.SatisfactionTrend(context, row)}\n<figcaption>{value} against {E(ServiceReport.ValueText(row.Objective, row))}: {verdict}. {E(row.Explanation)}. Hatched bars: not enough responses to judge.</figcaption>\n</figure>\n");
                    HtmlTables.Unsatisfied(html, context, row, satisfaction);
                    break;
                case ComplianceResult compliance:
                    html.Append(CultureInfo.InvariantCulture, $"<h4>Compliance: {E(title)}</h4>\n<p>{value} of subjects compliant against {E(Percent(row.Objective))}: {verdict}. {E(row.Explanation)}.</p>\n");
                    HtmlTables.Compliance(html, context, row, compliance);
                    break;
                default:
                    break;
            }
        }

        HtmlTables.Series(html, context, rows.Where(r => r.Kind == TargetKind.Custom).ToList());
        html.Append("</section>\n");
    }

    /// <summary>How one customer's targets fared, for the header's overview.</summary>
    private readonly record struct Tally(int Targets, int Met, int Missed, int NoData, int Breaches, int AtRisk, int OpenActions, int Flags)
    {
        public static Tally Of(ServiceReport report, string customer)
        {
            var tickets = report.Tickets.Rows.Where(r => r.Customer == customer)
                .GroupBy(r => (r.Agreement, r.Target))
                .Select(g => (double)g.Sum(r => r.Met) / Math.Max(1, g.Sum(r => r.Total)) >= g.First().Objective)
                .ToList();
            var measures = report.Measures.Where(m => m.Customer == customer).ToList();
            return new Tally(
                tickets.Count + measures.Count,
                tickets.Count(t => t) + measures.Count(m => m.Verdict == Verdict.Met),
                tickets.Count(t => !t) + measures.Count(m => m.Verdict == Verdict.Missed),
                measures.Count(m => m.Verdict == Verdict.NotEnoughData),
                report.Tickets.Breaches.Count(b => b.Customer == customer),
                report.Tickets.AtRisk.Count(a => a.Customer == customer),
                report.Actions.Count(a => a.Action.Customer == customer && a.Action.IsOpen),
                report.Flags.Count(f => f.Customer == customer));
        }

        public static Tally operator +(Tally a, Tally b) =>
            new(a.Targets + b.Targets, a.Met + b.Met, a.Missed + b.Missed, a.NoData + b.NoData, a.Breaches + b.Breaches, a.AtRisk + b.AtRisk, a.OpenActions + b.OpenActions, a.Flags + b.Flags);

        public string Cells() => string.Create(CultureInfo.InvariantCulture,
            $"<td class=\"n\">{Targets}</td><td class=\"n met\">{Met}</td><td class=\"n{(Missed > 0 ? " missed" : string.Empty)}\">{Missed}</td><td class=\"n\">{NoData}</td><td class=\"n\">{Breaches}</td><td class=\"n\">{AtRisk}</td><td class=\"n\">{OpenActions}</td><td class=\"n{(Flags > 0 ? " missed" : string.Empty)}\">{Flags}</td>");
    }
}
