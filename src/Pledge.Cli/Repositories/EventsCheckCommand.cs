using System.ComponentModel;
using System.Globalization;
using NodaTime;
using Pledge.Cli.Calendars;
using Pledge.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Pledge.Cli.Repositories;

/// <summary>
/// <c>pledge events check FILE</c>: reads a whole events file and says what is in it (events, tickets, time span)
/// and which lines cannot be read. Also the baseline a report's speed is measured against.
/// </summary>
internal sealed class EventsCheckCommand(CliStreams streams) : Command<EventsCheckCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("Ticket events: JSON lines, or CSV when the name ends in .csv.")]
        public string? File { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        long events = 0;
        var first = Instant.MaxValue;
        var last = Instant.MinValue;
        foreach (var e in EventFiles.Stream(settings.File, streams))
        {
            events++;
            first = e.At < first ? e.At : first;
            last = e.At > last ? e.At : last;
        }

        streams.Output.WriteLine(events == 0
            ? $"{settings.File}: no readable events"
            : string.Create(CultureInfo.InvariantCulture, $"{settings.File}: {events} events from {Arguments.Format(first.ToUnixTimeTicks(), DateTimeZone.Utc)} to {Arguments.Format(last.ToUnixTimeTicks(), DateTimeZone.Utc)}"));
        return 0;
    }
}
