using System.ComponentModel;
using System.Text.Json;
using NodaTime;
using Pledge.Agreements;
using Pledge.Cli.Calendars;
using Pledge.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pledge.Cli.Repositories;

/// <summary><c>pledge explain target</c>: which target applies to a ticket, where it comes from and what it overrides.</summary>
internal sealed class ExplainTargetCommand(CliStreams streams, IAnsiConsole console, IClock clock) : Command<ExplainTargetCommand.Settings>
{
    internal sealed class Settings : RepositorySettings
    {
        [CommandOption("--customer <ID>")]
        public string? Customer { get; init; }

        [CommandOption("--service <ID>")]
        public string? Service { get; init; }

        [CommandOption("--priority <P>")]
        public string? Priority { get; init; }

        [CommandOption("--json")]
        [Description("JSON instead of a table.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var customer = Required(settings.Customer, "--customer");
        var service = Required(settings.Service, "--service");
        var priority = Required(settings.Priority, "--priority");
        var at = settings.AtOrNow(clock);
        var repository = RepositoryLoader.Load(settings.Repo, streams);
        if (!repository.Customers.ContainsKey(customer))
        {
            throw new CliException($"--customer: \"{customer}\" is not a customer of the repository ({string.Join(", ", repository.Customers.Keys.Order(StringComparer.Ordinal))})");
        }

        if (!repository.Services.ContainsKey(service))
        {
            throw new CliException($"--service: \"{service}\" is not a service of the catalogue ({string.Join(", ", repository.Services.Keys.Order(StringComparer.Ordinal))})");
        }

        var resolutions = repository.Resolve(customer, service, priority, at);
        if (settings.Json)
        {
            streams.Output.WriteLine(JsonSerializer.Serialize(resolutions.Select(r => new
            {
                kind = TargetKindNames.Of(r.Kind),
                priority = r.Priority,
                threshold = Durations.Format(r.Threshold),
                target = r.Winner.QualifiedId,
                from = r.Winner.Describe(),
                overrides = r.Overridden.Select(o => new { target = o.QualifiedId, from = o.Describe(), threshold = Durations.Format(o.Target.Thresholds[priority]) }),
                skipped = r.Skipped.Select(s => new { target = s.QualifiedId, from = s.Describe(), reason = $"no threshold for {priority}" }),
            }), CliJson.Indented));
            return 0;
        }

        console.MarkupLine(Markup.Escape($"Targets for customer {customer}, service {service}, priority {priority} at {Arguments.Format(at.ToUnixTimeTicks(), ExplainZone.Of(resolutions.Select(r => r.Winner.Target.CalendarId), repository))}"));
        if (resolutions.IsEmpty)
        {
            console.MarkupLine("[yellow]No SLA target is in force for this ticket.[/]");
            return 0;
        }

        var table = new Table().AddColumns("Kind", "Threshold", "Target", "From", "Overrides");
        foreach (var r in resolutions)
        {
            var overrides = r.Overridden.Select(o => $"{o.QualifiedId} ({Durations.Format(o.Target.Thresholds[priority])}, {o.Describe()})")
                .Concat(r.Skipped.Select(s => $"{s.QualifiedId} has no {priority} threshold"));
            table.AddRow(
                TargetKindNames.Of(r.Kind),
                Durations.Format(r.Threshold),
                Markup.Escape(r.Winner.QualifiedId),
                Markup.Escape(r.Winner.Describe()),
                Markup.Escape(string.Join(Environment.NewLine, overrides)));
        }

        console.Write(table);
        return 0;
    }

    private static string Required(string? value, string option) =>
        string.IsNullOrWhiteSpace(value) ? throw new CliException($"{option} is required", PledgeApp.UsageError) : value.Trim();
}
