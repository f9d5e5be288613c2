using System.Globalization;
using System.Text;
using NodaTime;
using Pledge.Agreements;
using Pledge.Compliance;
using Pledge.Deliveries;

namespace Pledge.Reports.Formats;

/// <summary>The report as Markdown: flags first, then each customer's agreements and targets, then the ticket details.</summary>
public static class ReportMarkdown
{
    /// <summary>The report as Markdown text.</summary>
    public static string Write(ServiceReport report, ServiceLevelRepository repository)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(repository);
        string At(Instant instant, string agreement) => ReportText.Instant(instant, ReportText.ZoneOf(repository, agreement));
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Service level report {report.Period}\n\nAs of {ReportText.Instant(report.AsOf, ReportText.ReportZone(repository))}; {report.Tickets.Tickets} tickets.\n");
        if (!report.Flags.IsEmpty)
        {
            text.Append("\n## Watermelon flags\n\n");
            foreach (var flag in report.Flags)
            {
                text.Append(CultureInfo.InvariantCulture, $"- **{Escape(flag.Customer)}**: {Escape(flag.Message)}\n");
            }
        }

        foreach (var customer in ReportLines.Of(report).GroupBy(l => l.Customer))
        {
            var name = repository.Customers.TryGetValue(customer.Key, out var found) ? found.Name : customer.Key;
            text.Append(CultureInfo.InvariantCulture, $"\n## {Escape(name)} ({Escape(customer.Key)})\n");
            foreach (var agreement in customer.GroupBy(l => l.Agreement))
            {
                text.Append(CultureInfo.InvariantCulture, $"\n### {Escape(agreement.Key)}\n\n| target | kind | service | value | objective | verdict | budget left | burn (1h, 6h, 1d, 3d) | why |\n|---|---|---|---:|---:|---|---|---|---|\n");
                foreach (var l in agreement)
                {
                    var verdict = l.Verdict == Measures.Verdict.Missed ? "**missed**" : l.VerdictText;
                    text.Append(CultureInfo.InvariantCulture,
                        $"| {Escape(l.Target)} | {TargetKindNames.Of(l.Kind)} | {Escape(l.Service)} | {Escape(l.ValueText)} | {Escape(l.ObjectiveText)} | {verdict} | {ReportText.Budget(l.Budget)} | {ReportText.Burn(l.Burn)}{(l.BurnAlert ? " **alert**" : string.Empty)} | {Escape(l.Explanation)} |\n");
                }

                foreach (var l in agreement)
                {
                    Details(text, l, a => At(a, agreement.Key));
                }
            }

            var actions = report.Actions.Where(a => a.Action.Customer == customer.Key).ToList();
            if (actions.Count > 0)
            {
                text.Append("\n#### Corrective actions\n\n| action | status | owner | due | title |\n|---|---|---|---|---|\n");
                foreach (var a in actions)
                {
                    text.Append(CultureInfo.InvariantCulture,
                        $"| {Escape(a.Action.Action)} | {ActionText.Status(a.Action.Status)}{(a.Overdue ? " **overdue**" : string.Empty)} | {Escape(a.Action.Owner ?? string.Empty)} | {a.Action.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} | {Escape(a.Action.Title)} |\n");
                }
            }
        }

        var tickets = report.Tickets;
        text.Append("\n## Ticket attainment by customer, service and priority\n\n| agreement | target | customer | service | priority | met / total | attainment | objective |\n|---|---|---|---|---|---:|---:|---:|\n");
        foreach (var r in tickets.Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Escape(r.Agreement)} | {Escape(r.Target)} | {Escape(r.Customer)} | {Escape(r.Service)} | {Escape(r.Priority)} | {r.Met} / {r.Total} | {ReportText.Percent(r.Attainment)} | {ReportText.Percent(r.Objective)} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n## Breaches ({tickets.Breaches.Length})\n\n| ticket | target | customer | service | priority | breached at | over by | why |\n|---|---|---|---|---|---|---:|---|\n");
        foreach (var b in tickets.Breaches)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Escape(b.Ticket)} | {Escape(b.Agreement)}/{Escape(b.Target)} | {Escape(b.Customer)} | {Escape(b.Service)} | {Escape(b.Priority)} | {At(b.BreachedAt, b.Agreement)}{(b.StillOpen ? " (open)" : string.Empty)} | {Durations.Format(b.Consumed - b.Threshold)} | {Escape(b.Explanation)} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n## Open clocks at risk ({tickets.AtRisk.Length})\n\n| ticket | target | customer | service | priority | used | deadline |\n|---|---|---|---|---|---:|---|\n");
        foreach (var a in tickets.AtRisk)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Escape(a.Ticket)} | {Escape(a.Agreement)}/{Escape(a.Target)} | {Escape(a.Customer)} | {Escape(a.Service)} | {Escape(a.Priority)} | {ReportText.Percent(a.ConsumedShare)} | {(a.Deadline is { } d ? At(d, a.Agreement) : "paused")} |\n");
        }

        return text.ToString();
    }

    private static void Details(StringBuilder text, TargetLine line, Func<Instant, string> at)
    {
        switch (line.Detail)
        {
            case ComplianceResult { NonCompliant.IsEmpty: false } c:
                text.Append(CultureInfo.InvariantCulture, $"\nNot compliant with {Escape(line.Target)} at the period end:\n\n");
                foreach (var n in c.NonCompliant)
                {
                    text.Append(CultureInfo.InvariantCulture, $"- {Escape(n.Subject)}: {Escape(n.Term)} {n.Reason} (evidence of {at(n.EvidenceAt)}{(n.Detail is null ? string.Empty : ": " + Escape(n.Detail))})\n");
                }

                break;
            case DeliveryResult d when d.Slots.Any(s => s.Outcome != DeliveryOutcome.OnTime) || !d.Unscheduled.IsEmpty:
                text.Append(CultureInfo.InvariantCulture, $"\nDeliveries not on time ({Escape(line.Target)}):\n\n");
                foreach (var s in d.Slots.Where(s => s.Outcome != DeliveryOutcome.OnTime))
                {
                    var detail = s.Outcome switch
                    {
                        DeliveryOutcome.Late => $"late by {Durations.Format(s.Late)} ({at(s.Delivery!.At)})",
                        DeliveryOutcome.Short => $"short: {s.Delivered} of {s.Quantity}",
                        _ => "missed",
                    };
                    text.Append(CultureInfo.InvariantCulture, $"- {s.Date:yyyy-MM-dd} {Escape(s.Slot)}: {detail}\n");
                }

                foreach (var u in d.Unscheduled)
                {
                    text.Append(CultureInfo.InvariantCulture, $"- unscheduled: {Escape(u.Service)} at {at(u.At)} ({Escape(u.Id)})\n");
                }

                break;
        }
    }

    private static string Escape(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
