using System.ComponentModel;
using Pledge.Cli.Infrastructure;
using Pledge.Text;
using Spectre.Console.Cli;

namespace Pledge.Cli.Calendars;

/// <summary><c>pledge calendar elapsed --calendar FILE --from INSTANT --to INSTANT</c>: prints business minutes.</summary>
internal sealed class ElapsedCommand(CliStreams streams) : Command<ElapsedCommand.Settings>
{
    internal sealed class Settings : CalendarSettings
    {
        [CommandOption("-f|--from <INSTANT>")]
        [Description("Start: ISO-8601 with offset.")]
        public string? From { get; init; }

        [CommandOption("-t|--to <INSTANT>")]
        [Description("End: ISO-8601 with offset; earlier than --from gives a negative result.")]
        public string? To { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var from = Arguments.Instant(settings.From, "--from");
        var to = Arguments.Instant(settings.To, "--to");
        var calendar = CalendarLoader.Load(settings.Calendar, streams);
        long elapsed;
        try
        {
            elapsed = calendar.ElapsedTicks(from, to);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException(DueCommand.FirstLine(e.Message));
        }

        streams.Output.WriteLine(BusinessMinutes.Format(elapsed));
        return 0;
    }
}
