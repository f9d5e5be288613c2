using Pledge.Cli.Infrastructure;
using Pledge.Tickets;

namespace Pledge.Cli.Repositories;

/// <summary>Reads ticket events from a JSON-lines file (or CSV, by its .csv extension), streaming.</summary>
internal static class EventFiles
{
    /// <summary>The events of the file that <paramref name="keep"/> accepts; unreadable lines are counted and the first few shown on stderr.</summary>
    public static List<TicketEvent> Read(string? path, CliStreams streams, Func<TicketEvent, bool> keep)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException("--events is required: a JSON-lines (or .csv) file of ticket events", PledgeApp.UsageError);
        }

        StreamReader reader;
        try
        {
            reader = new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"--events: cannot read \"{path}\": {e.Message}");
        }

        var events = new List<TicketEvent>();
        var problems = 0;
        using (reader)
        {
            var records = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? TicketEventReader.ReadCsv(reader)
                : TicketEventReader.ReadJsonLines(reader);
            foreach (var record in records)
            {
                if (record.Event is { } e)
                {
                    if (keep(e))
                    {
                        events.Add(e);
                    }
                }
                else if (++problems <= 5)
                {
                    streams.Error.WriteLine($"{path}: {record.Problem}");
                }
            }
        }

        if (problems > 5)
        {
            streams.Error.WriteLine($"{path}: {problems} lines could not be read in all; they were skipped");
        }

        return events;
    }
}
