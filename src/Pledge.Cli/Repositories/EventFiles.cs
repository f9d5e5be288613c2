using System.Globalization;
using Pledge.Cli.Infrastructure;
using Pledge.Tickets;

namespace Pledge.Cli.Repositories;

/// <summary>Reads ticket events from a JSON-lines file (or CSV, by its .csv extension), streaming.</summary>
internal static class EventFiles
{
    /// <summary>The events of the file that <paramref name="keep"/> accepts; unreadable lines are counted and the first few shown on stderr.</summary>
    public static List<TicketEvent> Read(string? path, CliStreams streams, Func<TicketEvent, bool> keep) =>
        [.. Stream(path, streams).Where(keep)];

    /// <summary>
    /// The events of the file, read lazily in file order (memory stays flat). Unreadable lines are skipped;
    /// the first five are shown on stderr and the total at the end. On a terminal, progress is shown on stderr.
    /// </summary>
    public static IEnumerable<TicketEvent> Stream(string? path, CliStreams streams, EventFileCounts? counts = null)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException("--events is required: a JSON-lines (or .csv) file of ticket events", PledgeApp.UsageError);
        }

        StreamReader reader;
        try
        {
            reader = new StreamReader(path, new FileStreamOptions { BufferSize = 1 << 16 });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"--events: cannot read \"{path}\": {e.Message}");
        }

        return Records(path, reader, streams, counts ?? new EventFileCounts());
    }

    private static IEnumerable<TicketEvent> Records(string path, StreamReader reader, CliStreams streams, EventFileCounts counts)
    {
        long count = 0;
        var progress = ReferenceEquals(streams.Error, Console.Error) && !Console.IsErrorRedirected;
        using (reader)
        {
            var records = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? TicketEventReader.ReadCsv(reader)
                : TicketEventReader.ReadJsonLines(reader);
            foreach (var record in records)
            {
                if (progress && ++count % 250_000 == 0)
                {
                    streams.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{count:N0} events read…"));
                }

                if (record.Event is { } e)
                {
                    yield return e;
                }
                else if (++counts.Problems <= 5)
                {
                    streams.Error.WriteLine($"{path}: {record.Problem}");
                }
            }
        }

        if (progress && count >= 250_000)
        {
            streams.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{count:N0} events read.   {Environment.NewLine}"));
        }

        if (counts.Problems > 5)
        {
            streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {counts.Problems} lines could not be read in all; they were skipped"));
        }
    }
}

/// <summary>What reading an events file met, for the commands that judge the file itself.</summary>
internal sealed class EventFileCounts
{
    /// <summary>Lines that could not be read.</summary>
    public int Problems { get; set; }
}
