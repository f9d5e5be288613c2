using System.ComponentModel;
using System.Globalization;
using NodaTime;
using Pledge.Calendars;
using Pledge.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pledge.Cli.Calendars;

/// <summary><c>pledge calendar check FILE</c>: validates and summarises a calendar.</summary>
internal sealed class CheckCommand(CliStreams streams, IAnsiConsole console, IClock clock) : Command<CheckCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The calendar file (YAML).")]
        public string? File { get; init; }

        [CommandOption("--from <DATE>")]
        [Description("First day of the 12 months summarised (default: today in the calendar's zone).")]
        public string? From { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var calendar = CalendarLoader.Load(settings.File, streams);
        var zone = calendar.Zone;
        var from = settings.From is null ? clock.GetCurrentInstant().InZone(zone).Date : Arguments.Date(settings.From, "--from");
        var until = from.PlusYears(1);
        var start = zone.AtStartOfDay(from).ToInstant();
        var end = zone.AtStartOfDay(until).ToInstant();

        console.MarkupLine($"[green]✓[/] {Markup.Escape(settings.File!)} is a valid calendar");
        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow("Name", Markup.Escape(calendar.Name));
        summary.AddRow("Time zone", Markup.Escape($"{zone.Id} (UTC{Offset(zone.GetUtcOffset(start))} on {Iso(from)})"));
        summary.AddRow("Weekly hours", Hours(calendar.Definition.NominalWeeklyTime));
        summary.AddRow($"Business time {Iso(from)} to {Iso(until.PlusDays(-1))}", Hours(calendar.Elapsed(start, end)));
        console.Write(summary);

        var week = new Table().Title("Week").AddColumns("Day", "Windows", "Hours");
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            var hours = calendar.Definition.WeeklyHours(day);
            var total = hours.Aggregate(Duration.Zero, (sum, h) => sum + h.NominalLength);
            week.AddRow(day.ToString(), hours.IsEmpty ? "[grey]closed[/]" : string.Join(", ", hours), Hours(total));
        }

        console.Write(week);

        var holidays = new Table().Title($"Holidays {Iso(from)} to {Iso(until.PlusDays(-1))}").AddColumns("Date", "Day", "Name", "Hours", "From");
        for (var date = from; date < until; date = date.PlusDays(1))
        {
            if (calendar.Definition.HolidayOn(date) is { } holiday)
            {
                holidays.AddRow(
                    Iso(date),
                    date.DayOfWeek.ToString(),
                    Markup.Escape(holiday.Name ?? string.Empty),
                    holiday.IsClosed ? "closed" : string.Join(", ", holiday.Hours),
                    holiday.Source == HolidaySource.ICalendar ? "ical" : holiday.Annual is null ? "holidays" : "annual");
            }
        }

        if (holidays.Rows.Count == 0)
        {
            holidays.AddRow("[grey]none[/]", string.Empty, string.Empty, string.Empty, string.Empty);
        }

        console.Write(holidays);

        var changes = new Table().Title("UTC offset changes").AddColumns("At", "From", "To");
        foreach (var interval in zone.GetZoneIntervals(start, end).Skip(1))
        {
            var before = zone.GetUtcOffset(interval.Start - Duration.Epsilon);
            changes.AddRow(
                Markup.Escape(interval.Start.InZone(zone).ToString("uuuu-MM-dd HH:mm:ss o<m>", CultureInfo.InvariantCulture)),
                Offset(before),
                Offset(interval.WallOffset));
        }

        if (changes.Rows.Count > 0)
        {
            console.Write(changes);
        }

        return 0;
    }

    private static string Offset(Offset offset) => offset.ToString("m", CultureInfo.InvariantCulture);

    private static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    internal static string Hours(Duration duration)
    {
        var minutes = (long)Math.Round(duration.TotalMinutes);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}:{Math.Abs(minutes % 60):00}");
    }
}
