using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Pledge.Cli.Infrastructure;
using Pledge.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pledge.Cli.Calendars;

/// <summary><c>pledge calendar show FILE --from DATE --to DATE</c>: the business windows of those days.</summary>
internal sealed class ShowCommand(CliStreams streams, IAnsiConsole console) : Command<ShowCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The calendar file (YAML).")]
        public string? File { get; init; }

        [CommandOption("--from <DATE>")]
        [Description("First day shown (in the calendar's zone).")]
        public string? From { get; init; }

        [CommandOption("--to <DATE>")]
        [Description("Last day shown, included.")]
        public string? To { get; init; }

        [CommandOption("--json")]
        [Description("One JSON line per window instead of a table.")]
        public bool Json { get; init; }
    }

    /// <summary>A range this long is plenty for reading; longer ones belong to scripts using batch.</summary>
    private const int MaxDays = 3660;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var from = Arguments.Date(settings.From, "--from");
        var to = Arguments.Date(settings.To, "--to");
        if (to < from)
        {
            throw new CliException($"--to ({settings.To}) is before --from ({settings.From})");
        }

        if (Period.Between(from, to, PeriodUnits.Days).Days >= MaxDays)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--from to --to spans more than {MaxDays} days; show a shorter range"));
        }

        var calendar = CalendarLoader.Load(settings.File, streams);
        var zone = calendar.Zone;
        IReadOnlyList<Interval> windows;
        try
        {
            windows = calendar.Windows(zone.AtStartOfDay(from).ToInstant(), zone.AtStartOfDay(to.PlusDays(1)).ToInstant());
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException(DueCommand.FirstLine(e.Message));
        }

        if (settings.Json)
        {
            foreach (var window in windows)
            {
                streams.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    open = Arguments.Format(window.Start.ToUnixTimeTicks(), zone),
                    close = Arguments.Format(window.End.ToUnixTimeTicks(), zone),
                    minutes = BusinessMinutes.FromTicks(window.Duration.BclCompatibleTicks),
                }, CliJson.Lines));
            }

            return 0;
        }

        var table = new Table()
            .Title(Markup.Escape($"{calendar.Name}: business windows {settings.From} to {settings.To} ({zone.Id})"))
            .AddColumns("Day", "Opens", "Closes", "Hours", "Note");
        var total = Duration.Zero;
        foreach (var window in windows)
        {
            var opens = window.Start.InZone(zone);
            var holiday = calendar.Definition.HolidayOn(opens.Date);
            var note = holiday switch
            {
                null => string.Empty,
                { IsClosed: true } => string.Empty,
                _ => $"shortened{(holiday.Name is null ? string.Empty : ": " + holiday.Name)}",
            };
            table.AddRow(
                opens.DayOfWeek.ToString()[..3],
                Arguments.Format(window.Start.ToUnixTimeTicks(), zone),
                Arguments.Format(window.End.ToUnixTimeTicks(), zone),
                CheckCommand.Hours(window.Duration),
                Markup.Escape(note));
            total += window.Duration;
        }

        table.AddEmptyRow();
        table.AddRow("[bold]Total[/]", string.Empty, string.Empty, $"[bold]{CheckCommand.Hours(total)}[/]", string.Create(CultureInfo.InvariantCulture, $"{windows.Count} window(s)"));
        console.Write(table);
        return 0;
    }
}
