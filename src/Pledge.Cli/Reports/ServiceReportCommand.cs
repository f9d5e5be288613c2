using System.ComponentModel;
using NodaTime;
using Pledge.Agreements;
using Pledge.Cli.Infrastructure;
using Pledge.Cli.Repositories;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Reports.Formats;
using Pledge.Tickets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pledge.Cli.Reports;

/// <summary>
/// <c>pledge report --repo DIR --events FILE|DIR --period P</c>: every target of every customer (ticket clocks,
/// availability, deliveries, satisfaction, compliance, custom series), budgets, trends, actions and watermelon flags.
/// </summary>
internal sealed class ServiceReportCommand(CliStreams streams, IAnsiConsole console, IClock clock) : Command<ServiceReportCommand.Settings>
{
    internal sealed class Settings : RepositoryEventsSettings
    {
        [CommandOption("-p|--period <PERIOD>")]
        [Description("2026-11 (month), 2026-W47 (ISO week), 2026-Q4 (quarter) or 30d (the rolling days before --at).")]
        public string? Period { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("table (default), json, csv, markdown or html.")]
        public string Format { get; init; } = "table";

        [CommandOption("--grace <DURATION>")]
        [Description("How long after a ticket is closed (in event time) its late events are still taken; default 7d.")]
        public string Grace { get; init; } = "7d";

        [CommandOption("--trend <N>")]
        [Description("How many periods the trends cover, this one included; default 6 (at least 3 for watermelon detection).")]
        public int Trend { get; init; } = 6;

        [CommandOption("-o|--output <FILE>")]
        [Description("Write to this file instead of stdout.")]
        public string? Output { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var period = ReportArguments.Period(settings.Period);
        var format = settings.Format.ToLowerInvariant();
        if (format is not ("table" or "json" or "csv" or "markdown" or "md" or "html"))
        {
            throw new CliException($"--format: \"{settings.Format}\" is not table, json, csv, markdown or html", PledgeApp.UsageError);
        }

        if (!Durations.TryParse(settings.Grace, out var grace))
        {
            throw new CliException($"--grace: \"{settings.Grace}\" is not a duration (such as 7d or 12h)");
        }

        if (settings.Trend is < 1 or > 60)
        {
            throw new CliException($"--trend: {settings.Trend} is not a number of periods from 1 to 60", PledgeApp.UsageError);
        }

        var asOf = settings.AtOrNow(clock);
        var repository = RepositoryLoader.Load(settings.Repo, streams);
        var sources = EventSources.Open(settings.Events);
        var measures = sources.Measures(streams);

        // Streamed: each ticket is measured once it is closed and the stream has moved past it, so memory
        // holds the open tickets, not the file.
        // The earlier periods' ticket attainment and the recent burn come from the same measurements: each clock
        // is measured once, for the period's rows and the outcomes alike (issue 3).
        var assembler = new TicketAssembler(grace);
        var outcomes = new TicketOutcomes(repository, period.LastPeriods(settings.Trend), asOf);
        var tickets = AttainmentReport.Build(repository, assembler.Assemble(sources.Tickets(streams)), period, asOf, outcomes);
        if (tickets.WithoutCreation > 0)
        {
            streams.Error.WriteLine($"{tickets.WithoutCreation} ticket(s) have events but no created event (missing, or later than --grace after the ticket was closed): not measured");
        }

        var report = ServiceReport.Build(repository, tickets, measures, period, asOf, settings.Trend, outcomes: outcomes);
        var text = format switch
        {
            "json" => ReportJson.Write(report, repository),
            "csv" => ReportCsv.Write(report),
            "markdown" or "md" => ReportMarkdown.Write(report, repository),
            "html" => ReportHtml.Write(report, repository),
            _ => null,
        };
        if (text is null)
        {
            WriteTables(report, repository, measures);
        }
        else
        {
            ReportArguments.Write(settings.Output, text, streams);
        }

        return 0;
    }

    private void WriteTables(ServiceReport report, ServiceLevelRepository repository, MeasureEvents measures)
    {
        console.MarkupLine(Markup.Escape($"Service level report {report.Period}, as of {ReportText.Instant(report.AsOf, ReportText.ReportZone(repository))}: {report.Tickets.Tickets} tickets, {measures.Count} other events"));
        foreach (var flag in report.Flags)
        {
            console.MarkupLine($"[red]watermelon[/] {Markup.Escape(flag.Customer)}: {Markup.Escape(flag.Message)}");
        }

        foreach (var customer in ReportLines.Of(report).GroupBy(l => l.Customer))
        {
            var name = repository.Customers.TryGetValue(customer.Key, out var found) ? found.Name : customer.Key;
            var table = new Table().Title(Markup.Escape($"{name} ({customer.Key})"))
                .AddColumns("Agreement", "Target", "Kind", "Service", "Value", "Objective", string.Empty, "Budget left", "Why");
            foreach (var l in customer)
            {
                var verdict = l.Verdict switch
                {
                    Verdict.Met => "[green]met[/]",
                    Verdict.Missed => "[red]missed[/]",
                    _ => "[yellow]not enough data[/]",
                };
                table.AddRow(Markup.Escape(l.Agreement), Markup.Escape(l.Target), TargetKindNames.Of(l.Kind), Markup.Escape(l.Service), Markup.Escape(l.ValueText),
                    Markup.Escape(l.ObjectiveText), verdict + (l.BurnAlert ? " [red]burning[/]" : string.Empty), Markup.Escape(ReportText.Budget(l.Budget)), Markup.Escape(l.Explanation));
            }

            console.Write(table);
            var actions = report.Actions.Where(a => a.Action.Customer == customer.Key).ToList();
            if (actions.Count > 0)
            {
                var list = new Table().Title("Corrective actions").AddColumns("Action", "Status", "Owner", "Due", "Title");
                foreach (var a in actions)
                {
                    list.AddRow(Markup.Escape(a.Action.Action), ActionText.Status(a.Action.Status) + (a.Overdue ? " [red]overdue[/]" : string.Empty),
                        Markup.Escape(a.Action.Owner ?? string.Empty), a.Action.Due?.ToString("yyyy-MM-dd", null) ?? string.Empty, Markup.Escape(a.Action.Title));
                }

                console.Write(list);
            }
        }

        var breaches = new Table().Title($"Ticket breaches ({report.Tickets.Breaches.Length})").AddColumns("Ticket", "Target", "Customer", "Priority", "Breached at", "Over by", "Why");
        foreach (var b in report.Tickets.Breaches)
        {
            breaches.AddRow(Markup.Escape(b.Ticket), Markup.Escape($"{b.Agreement}/{b.Target}"), Markup.Escape(b.Customer), Markup.Escape(b.Priority),
                ReportText.Instant(b.BreachedAt, ReportText.ZoneOf(repository, b.Agreement)) + (b.StillOpen ? " (open)" : string.Empty), Durations.Format(b.Consumed - b.Threshold), Markup.Escape(b.Explanation));
        }

        console.Write(breaches);
        var risk = new Table().Title($"Open clocks at risk ({report.Tickets.AtRisk.Length})").AddColumns("Ticket", "Target", "Customer", "Priority", "Used", "Deadline");
        foreach (var a in report.Tickets.AtRisk)
        {
            risk.AddRow(Markup.Escape(a.Ticket), Markup.Escape($"{a.Agreement}/{a.Target}"), Markup.Escape(a.Customer), Markup.Escape(a.Priority),
                ReportText.Percent(a.ConsumedShare), a.Deadline is { } d ? ReportText.Instant(d, ReportText.ZoneOf(repository, a.Agreement)) : "paused");
        }

        console.Write(risk);
    }
}

/// <summary>Options the report-like commands share.</summary>
internal static class ReportArguments
{
    public static ReportPeriod Period(string? text)
    {
        if (!ReportPeriod.TryParse(text, out var period))
        {
            throw new CliException(text is null
                ? "--period is required: 2026-11, 2026-W47, 2026-Q4 or 30d"
                : $"--period: \"{text}\" is not a period (2026-11, 2026-W47, 2026-Q4 or 30d)", text is null ? PledgeApp.UsageError : PledgeApp.InputError);
        }

        return period;
    }

    public static void Write(string? output, string text, CliStreams streams)
    {
        if (output is null)
        {
            streams.Output.Write(text);
            return;
        }

        try
        {
            File.WriteAllText(output, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"--output: cannot write \"{output}\": {e.Message}");
        }
    }
}
