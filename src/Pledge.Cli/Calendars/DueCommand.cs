using System.ComponentModel;
using Pledge.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Pledge.Cli.Calendars;

/// <summary><c>pledge calendar due --calendar FILE --start INSTANT --minutes N</c>: prints the due instant.</summary>
internal sealed class DueCommand(CliStreams streams) : Command<DueCommand.Settings>
{
    internal sealed class Settings : CalendarSettings
    {
        [CommandOption("-s|--start <INSTANT>")]
        [Description("Where to count from: ISO-8601 with offset.")]
        public string? Start { get; init; }

        [CommandOption("-m|--minutes <N>")]
        [Description("Business minutes to add; fractional allowed, negative counts backwards.")]
        public string? Minutes { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var start = Arguments.Instant(settings.Start, "--start");
        var minutes = Arguments.Minutes(settings.Minutes, "--minutes");
        var calendar = CalendarLoader.Load(settings.Calendar, streams);
        long due;
        try
        {
            due = calendar.DueUnixTicks(start, minutes);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException(FirstLine(e.Message));
        }

        streams.Output.WriteLine(Arguments.Format(due, calendar.Zone));
        return 0;
    }

    internal static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
