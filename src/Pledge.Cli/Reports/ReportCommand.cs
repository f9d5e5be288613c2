using System.ComponentModel;
using NodaTime;
using Pledge.Cli.Infrastructure;
using Pledge.Cli.Repositories;
using Pledge.Reports;
using Pledge.Tickets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pledge.Cli.Reports;

/// <summary><c>pledge report --repo DIR --events FILE --period P</c>: attainment, breaches and clocks at risk.</summary>
internal sealed class ReportCommand(CliStreams streams, IAnsiConsole console, IClock clock) : Command<ReportCommand.Settings>
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

        [CommandOption("-o|--output <FILE>")]
        [Description("Write to this file instead of stdout.")]
        public string? Output { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!ReportPeriod.TryParse(settings.Period, out var period))
        {
            throw new CliException(settings.Period is null
                ? "--period is required: 2026-11, 2026-W47, 2026-Q4 or 30d"
                : $"--period: \"{settings.Period}\" is not a period (2026-11, 2026-W47, 2026-Q4 or 30d)", settings.Period is null ? PledgeApp.UsageError : PledgeApp.InputError);
        }

        var format = settings.Format.ToLowerInvariant();
        if (format is not ("table" or "json" or "csv" or "markdown" or "md" or "html"))
        {
            throw new CliException($"--format: \"{settings.Format}\" is not table, json, csv, markdown or html", PledgeApp.UsageError);
        }

        if (!Durations.TryParse(settings.Grace, out var grace))
        {
            throw new CliException($"--grace: \"{settings.Grace}\" is not a duration (such as 7d or 12h)");
        }

        var asOf = settings.AtOrNow(clock);
        var repository = RepositoryLoader.Load(settings.Repo, streams);

        // Streamed: each ticket is measured once it is closed and the stream has moved past it, so memory
        // holds the open tickets, not the file.
        var assembler = new TicketAssembler(grace);
        var report = AttainmentReport.Build(repository, assembler.Assemble(EventFiles.Stream(settings.Events, streams)), period, asOf);
        if (report.WithoutCreation > 0)
        {
            streams.Error.WriteLine($"{report.WithoutCreation} ticket(s) have events but no created event (missing, or later than --grace after the ticket was closed): not measured");
        }

        var text = format switch
        {
            "json" => ReportWriter.Json(report),
            "csv" => ReportWriter.Csv(report),
            "markdown" or "md" => ReportWriter.Markdown(report),
            "html" => ReportWriter.Html(report),
            _ => null,
        };
        if (text is null)
        {
            WriteTables(report);
        }
        else if (settings.Output is { } path)
        {
            try
            {
                File.WriteAllText(path, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CliException($"--output: cannot write \"{path}\": {e.Message}");
            }
        }
        else
        {
            streams.Output.Write(text);
        }

        return 0;
    }

    private void WriteTables(AttainmentReport report)
    {
        console.MarkupLine(Markup.Escape($"Service level report {report.Period}, as of {ReportWriter.Iso(report.AsOf)}: {report.Tickets} tickets"));
        var targets = new Table().Title("Attainment by target").AddColumns("Agreement", "Target", "Met / total", "Attainment", "Objective", string.Empty);
        foreach (var r in report.ByTarget())
        {
            targets.AddRow(Markup.Escape(r.Agreement), Markup.Escape(r.Target), $"{r.Met} / {r.Total}", ReportWriter.Percent(r.Attainment), ReportWriter.Percent(r.Objective), r.MeetsObjective ? "[green]met[/]" : "[red]missed[/]");
        }

        console.Write(targets);
        var rows = new Table().Title("By customer, service and priority").AddColumns("Agreement", "Target", "Customer", "Service", "Priority", "Met / total", "Attainment");
        foreach (var r in report.Rows)
        {
            rows.AddRow(Markup.Escape(r.Agreement), Markup.Escape(r.Target), Markup.Escape(r.Customer), Markup.Escape(r.Service), Markup.Escape(r.Priority), $"{r.Met} / {r.Total}", ReportWriter.Percent(r.Attainment));
        }

        console.Write(rows);
        var breaches = new Table().Title($"Breaches ({report.Breaches.Length})").AddColumns("Ticket", "Target", "Customer", "Priority", "Breached at", "Over by", "Why");
        foreach (var b in report.Breaches)
        {
            breaches.AddRow(Markup.Escape(b.Ticket), Markup.Escape($"{b.Agreement}/{b.Target}"), Markup.Escape(b.Customer), Markup.Escape(b.Priority), ReportWriter.Iso(b.BreachedAt) + (b.StillOpen ? " (open)" : string.Empty), Durations.Format(b.Consumed - b.Threshold), Markup.Escape(b.Explanation));
        }

        console.Write(breaches);
        var risk = new Table().Title($"Open clocks at risk ({report.AtRisk.Length})").AddColumns("Ticket", "Target", "Customer", "Priority", "Used", "Deadline");
        foreach (var a in report.AtRisk)
        {
            risk.AddRow(Markup.Escape(a.Ticket), Markup.Escape($"{a.Agreement}/{a.Target}"), Markup.Escape(a.Customer), Markup.Escape(a.Priority), ReportWriter.Percent(a.ConsumedShare), a.Deadline is { } d ? ReportWriter.Iso(d) : "paused");
        }

        console.Write(risk);
    }
}
