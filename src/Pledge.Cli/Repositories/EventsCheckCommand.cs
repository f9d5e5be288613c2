using System.ComponentModel;
using System.Globalization;
using NodaTime;
using Pledge.Cli.Calendars;
using Pledge.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Pledge.Cli.Repositories;

/// <summary>
/// <c>pledge events check FILE</c>: reads a whole events file and says what is in it (events, tickets, time span)
/// and which lines cannot be read (then it fails). Also the baseline a report's speed is measured against.
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
        var counts = new EventFileCounts();
        foreach (var e in EventFiles.Stream(settings.File, streams, counts))
        {
            events++;
            first = e.At < first ? e.At : first;
            last = e.At > last ? e.At : last;
        }

        streams.Output.WriteLine(events == 0
            ? $"{settings.File}: no readable events"
            : string.Create(CultureInfo.InvariantCulture, $"{settings.File}: {events} events from {Arguments.Format(first.ToUnixTimeTicks(), DateTimeZone.Utc)} to {Arguments.Format(last.ToUnixTimeTicks(), DateTimeZone.Utc)}"));
        if (counts.Problems > 0)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{settings.File}: {counts.Problems} line(s) cannot be read"));
        }

        return 0;
    }
}
