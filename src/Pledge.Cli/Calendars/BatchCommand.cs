using Spectre.Console.Cli;
using Pledge.Cli.Infrastructure;

namespace Pledge.Cli.Calendars;

/// <summary><c>pledge calendar batch --calendar FILE</c>: JSON lines in on stdin, JSON lines out on stdout, streamed.</summary>
internal sealed class BatchCommand(CliStreams streams) : Command<CalendarSettings>
{
    public override int Execute(CommandContext context, CalendarSettings settings, CancellationToken cancellationToken)
    {
        var calendar = CalendarLoader.Load(settings.Calendar, streams);
        using var input = streams.OpenInput();
        using var output = streams.OpenOutput();
        new BatchProcessor(calendar).Run(input, output, cancellationToken);
        return 0;
    }
}
