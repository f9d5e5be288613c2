using System.ComponentModel;
using System.Text.Json;
using NodaTime;
using Pledge.Agreements;
using Pledge.Calendars;
using Pledge.Cli.Calendars;
using Pledge.Cli.Infrastructure;
using Pledge.Clocks;
using Pledge.Tickets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pledge.Cli.Repositories;

/// <summary>
/// <c>pledge explain ticket ID --repo DIR --events FILE</c>: each clock's timeline, which agreement and
/// target applied and why, the closed time skipped, the deadline, the warnings, met or breached and by how much.
/// </summary>
internal sealed class ExplainTicketCommand(CliStreams streams, IAnsiConsole console, IClock clock) : Command<ExplainTicketCommand.Settings>
{
    internal sealed class Settings : RepositoryEventsSettings
    {
        [CommandArgument(0, "<TICKET>")]
        [Description("The ticket id.")]
        public string? Ticket { get; init; }

        [CommandOption("--json")]
        [Description("The explanation as JSON.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var ticketId = settings.Ticket ?? throw new CliException("the ticket id is required", PledgeApp.UsageError);
        var asOf = settings.AtOrNow(clock);
        var repository = RepositoryLoader.Load(settings.Repo, streams);
        var history = TicketHistory.Of(EventFiles.Read(settings.Events, streams, e => string.Equals(e.TicketId, ticketId, StringComparison.Ordinal)));
        if (history.Events.IsEmpty)
        {
            throw new CliException($"ticket {ticketId} has no events in {settings.Events}");
        }

        if (history.Created is not { } created)
        {
            throw new CliException($"ticket {ticketId} has no created event in {settings.Events}: its clocks cannot start");
        }

        // The agreements in force when the ticket was created decide its targets; priority changes later
        // move the threshold within the target, as its priority_change rule says.
        var resolutions = repository.Resolve(created.Customer, created.Service, created.Priority, created.At);
        var clocks = resolutions.Select(r =>
        {
            var calendar = repository.Calendars[r.Winner.Target.CalendarId];
            var outcome = ClockEvaluator.Evaluate(repository.ClockFor(r.Winner), history, asOf);
            return (Resolution: r, Calendar: calendar, Outcome: outcome);
        }).ToList();

        var zone = ExplainZone.Of(resolutions.Select(r => r.Winner.Target.CalendarId), repository);
        if (settings.Json)
        {
            WriteJson(created, asOf, zone, clocks);
            return 0;
        }

        console.MarkupLine(Markup.Escape($"Ticket {ticketId}: customer {created.Customer}, service {created.Service}, priority {created.Priority}, created {Iso(created.At, zone)}; as of {Iso(asOf, zone)}"));
        foreach (var moved in history.Events.OfType<TicketServiceChanged>().Where(e => e.At <= asOf))
        {
            // Said where it happens, since a reader would expect the other service's targets (docs/clocks.md, "Which target").
            console.MarkupLine(Markup.Escape($"service changed to {moved.Service} at {Iso(moved.At, zone)}: the targets stay those resolved at creation"));
        }

        if (clocks.Count == 0)
        {
            console.MarkupLine("[yellow]No SLA target was in force for this ticket when it was created.[/]");
            return 0;
        }

        foreach (var (resolution, calendar, outcome) in clocks)
        {
            console.WriteLine();
            var source = resolution.Winner;
            console.MarkupLine(Markup.Escape($"{TargetKindNames.Of(resolution.Kind)}: {source.QualifiedId} from {source.Describe()}, calendar {calendar.Name}") );
            foreach (var overridden in resolution.Overridden)
            {
                console.MarkupLine(Markup.Escape($"  overrides {overridden.QualifiedId} ({Durations.Format(overridden.Target.Thresholds[resolution.Priority])}, {overridden.Describe()})"));
            }

            foreach (var skipped in resolution.Skipped)
            {
                console.MarkupLine(Markup.Escape($"  {skipped.QualifiedId} ({skipped.Describe()}) has no {resolution.Priority} threshold"));
            }

            var table = new Table().AddColumns("At", "Step", "Why", "Used", "Deadline");
            ClockStep? previous = null;
            foreach (var step in outcome.Timeline)
            {
                if (previous is not null && Running(previous) && step.At > previous.At)
                {
                    foreach (var gap in ClosedGaps(calendar, previous.At, step.At))
                    {
                        table.AddRow("[grey]" + Markup.Escape(Iso(gap.Start, calendar.Zone)) + "[/]", "[grey]closed[/]", "[grey]" + Markup.Escape(gap.Why) + "[/]", string.Empty, string.Empty);
                    }
                }

                table.AddRow(
                    Markup.Escape(Iso(step.At, calendar.Zone)),
                    Markup.Escape(StepName(step.Kind)),
                    Markup.Escape(step.Detail),
                    Durations.Format(step.Consumed),
                    step.Deadline is { } deadline ? Markup.Escape(Iso(deadline, calendar.Zone)) : string.Empty);
                previous = step;
            }

            console.Write(table);
            console.MarkupLine(Markup.Escape(Verdict(outcome, calendar)));
        }

        return 0;
    }

    private static bool Running(ClockStep step) =>
        step.Kind is ClockStepKind.Started or ClockStepKind.Resumed or ClockStepKind.Continued or ClockStepKind.Warning or ClockStepKind.PriorityChanged
        && step.Deadline is not null;

    /// <summary>The closed stretches inside a running stretch of the clock: nights, weekends, holidays.</summary>
    private static IEnumerable<(Instant Start, string Why)> ClosedGaps(BusinessCalendar calendar, Instant from, Instant to)
    {
        var cursor = from;
        foreach (var window in calendar.Windows(from, to).Append(new Interval(to, to)))
        {
            if (window.Start > cursor)
            {
                var holidays = new List<string>();
                var zone = calendar.Zone;
                for (var date = cursor.InZone(zone).Date; date <= (window.Start - Duration.Epsilon).InZone(zone).Date; date = date.PlusDays(1))
                {
                    if (calendar.Definition.HolidayOn(date) is { } holiday)
                    {
                        holidays.Add($"{date:uuuu-MM-dd} {holiday.Name ?? "holiday"}{(holiday.IsClosed ? string.Empty : " (shortened)")}");
                    }
                }

                var why = $"until {Iso(window.Start, zone)} ({Durations.Format(window.Start - cursor)} of closed time skipped)";
                yield return (cursor, holidays.Count == 0 ? why : $"{why}; holidays: {string.Join(", ", holidays)}");
            }

            cursor = window.End;
        }
    }

    private static string Verdict(ClockOutcome outcome, BusinessCalendar calendar)
    {
        var lines = new List<string>();
        foreach (var m in outcome.Measurements)
        {
            var label = outcome.Measurements.Length > 1 ? $"measurement {m.Number}: " : string.Empty;
            lines.Add(m switch
            {
                { IsCancelled: true } => $"{label}cancelled (merged), not judged",
                { IsOpen: true, IsBreached: true } => $"{label}open and BREACHED since {Iso(m.BreachedAt!.Value, calendar.Zone)}, over by {Durations.Format(-m.Remaining)}",
                { IsOpen: true } => $"{label}open: {Durations.Format(m.Consumed)} of {Durations.Format(m.Threshold)} used, " + (m.Deadline is { } d ? $"deadline {Iso(d, calendar.Zone)}" : "paused"),
                { IsBreached: true } => $"{label}BREACHED by {Durations.Format(-m.Remaining)} (threshold passed at {Iso(m.BreachedAt!.Value, calendar.Zone)})",
                _ => $"{label}met with {Durations.Format(m.Remaining)} to spare ({Durations.Format(m.Consumed)} of {Durations.Format(m.Threshold)})",
            });
        }

        return lines.Count == 0 ? $"not started ({outcome.State})" : string.Join(Environment.NewLine, lines);
    }

    private void WriteJson(TicketCreated created, Instant asOf, DateTimeZone zone, List<(TargetResolution Resolution, BusinessCalendar Calendar, ClockOutcome Outcome)> clocks)
    {
        var document = new
        {
            ticket = created.TicketId,
            customer = created.Customer,
            service = created.Service,
            priority = created.Priority,
            created = Iso(created.At, zone),
            asOf = Iso(asOf, zone),
            clocks = clocks.Select(c => new
            {
                kind = TargetKindNames.Of(c.Resolution.Kind),
                target = c.Resolution.Winner.QualifiedId,
                from = c.Resolution.Winner.Describe(),
                calendar = c.Calendar.Name,
                overrides = c.Resolution.Overridden.Select(o => o.QualifiedId),
                state = c.Outcome.State.ToString().ToLowerInvariant(),
                breached = c.Outcome.IsBreached,
                measurements = c.Outcome.Measurements.Select(m => new
                {
                    number = m.Number,
                    start = Iso(m.Start, c.Calendar.Zone),
                    end = m.End is { } end ? Iso(end, c.Calendar.Zone) : null,
                    priority = m.Priority,
                    thresholdMinutes = m.Threshold.TotalMinutes,
                    consumedMinutes = m.Consumed.TotalMinutes,
                    deadline = m.Deadline is { } d ? Iso(d, c.Calendar.Zone) : null,
                    breachedAt = m.BreachedAt is { } b ? Iso(b, c.Calendar.Zone) : null,
                    verdict = m.IsCancelled ? "cancelled" : m.IsOpen ? (m.IsBreached ? "open-breached" : "open") : m.IsBreached ? "breached" : "met",
                }),
                timeline = c.Outcome.Timeline.Select(s => new
                {
                    at = Iso(s.At, c.Calendar.Zone),
                    step = StepName(s.Kind),
                    why = s.Detail,
                    measurement = s.Measurement,
                    consumedMinutes = s.Consumed.TotalMinutes,
                    deadline = s.Deadline is { } d ? Iso(d, c.Calendar.Zone) : null,
                }),
            }),
        };
        streams.Output.WriteLine(JsonSerializer.Serialize(document, CliJson.Indented));
    }

    private static string StepName(ClockStepKind kind) => kind switch
    {
        ClockStepKind.NoThreshold => "no threshold",
        ClockStepKind.PriorityChanged => "priority changed",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Iso(Instant instant, DateTimeZone zone) => Arguments.Format(instant.ToUnixTimeTicks(), zone);

}
