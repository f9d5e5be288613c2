using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
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

/// <summary>Options of <c>whatif</c> and <c>suggest</c>: the history they look back on.</summary>
internal class DesignAidSettings : RepositoryEventsSettings
{
    [CommandOption("-p|--period <PERIOD>")]
    [Description("The last period looked at (2026-11, 2026-W47, 2026-Q4, 30d); default the month of --at in the agreements' time zone (UTC when they differ).")]
    public string? Period { get; init; }

    [CommandOption("--periods <N>")]
    [Description("How many periods to look back on, the last one included; default 3.")]
    public int Periods { get; init; } = 3;

    [CommandOption("-f|--format <FORMAT>")]
    [Description("table (default) or json.")]
    public string Format { get; init; } = "table";

    /// <summary>Checks the options and reads --period (null without it) and --at, before the repository is loaded, so that a bad option is named first.</summary>
    public (ReportPeriod? Last, Instant AsOf) Check(IClock clock)
    {
        if (Periods is < 1 or > 60)
        {
            throw new CliException($"--periods: {Periods} is not a number of periods from 1 to 60", PledgeApp.UsageError);
        }

        if (Format.ToLowerInvariant() is not ("table" or "json"))
        {
            throw new CliException($"--format: \"{Format}\" is not table or json", PledgeApp.UsageError);
        }

        var asOf = AtOrNow(clock);
        return (Period is null ? null : ReportArguments.Period(Period), asOf);
    }

    /// <summary>
    /// The periods looked back on, oldest first, ending with <paramref name="last"/>; without it, with the month
    /// <paramref name="asOf"/> falls in where the report prints its instants (<see cref="ReportText.ReportZone"/>):
    /// midnight on 1 December in Berlin is December, though it is still 30 November in UTC.
    /// </summary>
    public IReadOnlyList<ReportPeriod> History(ReportPeriod? last, Instant asOf, ServiceLevelRepository repository)
    {
        var month = asOf.InZone(ReportText.ReportZone(repository)).Date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return (last ?? ReportArguments.Period(month)).LastPeriods(Periods);
    }

    public static (List<TicketHistory> Tickets, MeasureEvents Measures) Load(string? events, CliStreams streams)
    {
        var sources = EventSources.Open(events);
        var histories = new TicketAssembler(Duration.FromDays(7)).Assemble(sources.Tickets(streams)).ToList();
        return (histories, sources.Measures(streams));
    }
}

/// <summary><c>pledge whatif --set TARGET=VALUE</c>: attainment of the last periods under the current and the proposed value.</summary>
internal sealed class WhatIfCommand(CliStreams streams, IAnsiConsole console, IClock clock) : Command<WhatIfCommand.Settings>
{
    internal sealed class Settings : DesignAidSettings
    {
        [CommandOption("--set <TARGET=VALUE>")]
        [Description("A proposed value: acme-gold/resolution.P1=2h (a threshold for a priority), acme-gold/availability=99.5% (an objective), a custom threshold such as \"juice/temperature=<= 9\". Repeatable.")]
        public string[] Set { get; init; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Set.Length == 0)
        {
            throw new CliException("--set is required: TARGET=VALUE, such as acme-gold/resolution.P1=2h or acme-gold/availability=99.5%", PledgeApp.UsageError);
        }

        var changes = new List<TargetChange>();
        foreach (var text in settings.Set)
        {
            if (!TargetChange.TryParse(text, out var change, out var error))
            {
                throw new CliException($"--set: {error}", PledgeApp.UsageError);
            }

            changes.Add(change);
        }

        var (last, asOf) = settings.Check(clock);
        var repository = RepositoryLoader.Load(settings.Repo, streams);
        var periods = settings.History(last, asOf, repository);
        foreach (var change in changes)
        {
            try
            {
                DesignAids.Apply(repository, change);
            }
            catch (ArgumentException e)
            {
                throw new CliException($"--set: {e.Message}");
            }
        }

        var (tickets, measures) = DesignAidSettings.Load(settings.Events, streams);
        var rows = DesignAids.WhatIf(repository, tickets, measures, periods, asOf, changes);
        if (settings.Format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            streams.Output.Write(JsonSerializer.Serialize(rows.Select(r => new
            {
                period = r.Period, target = r.Target, kind = r.Kind, customer = r.Customer, service = r.Service,
                current = new { objective = r.CurrentObjective, value = r.CurrentValue, verdict = ReportText.Verdict(r.CurrentVerdict) },
                proposed = new { objective = r.ProposedObjective, value = r.ProposedValue, verdict = ReportText.Verdict(r.ProposedVerdict) },
            }), CliJson.Indented) + "\n");
            return 0;
        }

        var table = new Table().Title(Markup.Escape($"What if {string.Join(", ", settings.Set)}"))
            .AddColumns("Period", "Target", "Customer", "Service", "Now: objective", "Attained", string.Empty, "Proposed: objective", "Attained", string.Empty);
        foreach (var r in rows)
        {
            table.AddRow(Markup.Escape(r.Period), Markup.Escape(r.Target), Markup.Escape(r.Customer), Markup.Escape(r.Service),
                Markup.Escape(r.CurrentObjective), Markup.Escape(r.CurrentValue), Verdict(r.CurrentVerdict),
                Markup.Escape(r.ProposedObjective), Markup.Escape(r.ProposedValue), Verdict(r.ProposedVerdict));
        }

        console.Write(table);
        if (rows.IsEmpty)
        {
            streams.Error.WriteLine("nothing was measured for these targets in the periods");
        }

        return 0;
    }

    private static string Verdict(Verdict verdict) => verdict switch
    {
        Measures.Verdict.Met => "[green]met[/]",
        Measures.Verdict.Missed => "[red]missed[/]",
        _ => "[yellow]not enough data[/]",
    };
}

/// <summary><c>pledge suggest --target T --attainment 95%</c>: the value history would have met at that attainment.</summary>
internal sealed class SuggestCommand(CliStreams streams, IClock clock) : Command<SuggestCommand.Settings>
{
    internal sealed class Settings : DesignAidSettings
    {
        [CommandOption("--target <TARGET>")]
        [Description("The target, as agreement-id/target-id.")]
        public string? Target { get; init; }

        [CommandOption("--priority <PRIORITY>")]
        [Description("For a ticket clock: the priority whose threshold to suggest.")]
        public string? Priority { get; init; }

        [CommandOption("--attainment <SHARE>")]
        [Description("The share of history the value must have met, such as 95%; default 95%.")]
        public string Attainment { get; init; } = "95%";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Target))
        {
            throw new CliException("--target is required: agreement-id/target-id, such as acme-gold/resolution", PledgeApp.UsageError);
        }

        var text = settings.Attainment.Trim();
        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var attainment)
            || (attainment /= percent ? 100 : 1) is <= 0 or > 1)
        {
            throw new CliException($"--attainment: \"{settings.Attainment}\" is not a share (such as 95% or 0.95)");
        }

        var (last, asOf) = settings.Check(clock);
        var repository = RepositoryLoader.Load(settings.Repo, streams);
        var periods = settings.History(last, asOf, repository);
        var (tickets, measures) = DesignAidSettings.Load(settings.Events, streams);
        Suggestion suggestion;
        try
        {
            suggestion = DesignAids.Suggest(repository, tickets, measures, periods, asOf, settings.Target.Trim(), settings.Priority, attainment);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--target: {e.Message}");
        }

        if (settings.Format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            streams.Output.Write(JsonSerializer.Serialize(new
            {
                target = suggestion.Target, priority = suggestion.Priority, attainment = suggestion.Attainment, value = suggestion.Value,
                current = suggestion.Current, measurements = suggestion.Measurements, basis = suggestion.Basis,
            }, CliJson.Indented) + "\n");
            return 0;
        }

        var what = suggestion.Priority is null ? suggestion.Target : $"{suggestion.Target} {suggestion.Priority}";
        streams.Output.WriteLine($"{what}: {suggestion.Value} (now {suggestion.Current}) would have been met at {ReportText.Percent(suggestion.Attainment)}");
        streams.Output.WriteLine($"based on {suggestion.Basis}");
        return 0;
    }
}
