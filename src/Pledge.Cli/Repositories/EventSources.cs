using System.Globalization;
using Pledge.Cli.Infrastructure;
using Pledge.Measures;
using Pledge.Tickets;

namespace Pledge.Cli.Repositories;

/// <summary>
/// What <c>--events</c> names: one file, or a folder of <c>*.jsonl</c> and <c>*.csv</c> files read in name order.
/// A file holds either ticket events or measure events (outages, checks, deliveries, surveys, evidence,
/// samples, actions); the type of its first event says which.
/// </summary>
internal sealed class EventSources
{
    private EventSources(IReadOnlyList<string> ticketFiles, IReadOnlyList<string> measureFiles)
    {
        TicketFiles = ticketFiles;
        MeasureFiles = measureFiles;
    }

    /// <summary>Files of ticket events.</summary>
    public IReadOnlyList<string> TicketFiles { get; }

    /// <summary>Files of measure events.</summary>
    public IReadOnlyList<string> MeasureFiles { get; }

    /// <summary>Sorts the files of <paramref name="path"/> into ticket and measure files.</summary>
    public static EventSources Open(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException("--events is required: a file of events (JSON lines, or CSV for ticket events), or a folder of them", PledgeApp.UsageError);
        }

        string[] files;
        if (Directory.Exists(path))
        {
            files = [.. Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)];
            if (files.Length == 0)
            {
                throw new CliException($"--events: folder \"{path}\" has no .jsonl or .csv files");
            }
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new CliException($"--events: cannot read \"{path}\": no such file or folder");
        }

        var tickets = new List<string>();
        var measures = new List<string>();
        foreach (var file in files)
        {
            (IsMeasureFile(file) ? measures : tickets).Add(file);
        }

        return new EventSources(tickets, measures);
    }

    /// <summary>Ticket events of every ticket file, streamed one file after another.</summary>
    public IEnumerable<TicketEvent> Tickets(CliStreams streams, EventFileCounts? counts = null) =>
        TicketFiles.SelectMany(f => EventFiles.Stream(f, streams, counts));

    /// <summary>Every measure event, read into memory; unreadable lines are counted and the first few shown on stderr.</summary>
    public MeasureEvents Measures(CliStreams streams, EventFileCounts? counts = null)
    {
        var builder = new MeasureEvents.Builder();
        foreach (var file in MeasureFiles)
        {
            var problems = 0;
            try
            {
                using var reader = new StreamReader(file);
                foreach (var record in MeasureEventReader.ReadJsonLines(reader))
                {
                    if (record.Event is { } e)
                    {
                        builder.Add(e);
                    }
                    else if (++problems <= 5)
                    {
                        streams.Error.WriteLine($"{file}: {record.Problem}");
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"--events: cannot read \"{file}\": {e.Message}");
            }

            if (problems > 5)
            {
                streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}: {problems} lines could not be read in all; they were skipped"));
            }

            if (counts is not null)
            {
                counts.Problems += problems;
            }
        }

        return builder.Build();
    }

    private static bool IsMeasureFile(string file)
    {
        if (file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var reader = new StreamReader(file);
            while (reader.ReadLine() is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    return MeasureEventReader.IsMeasureType(MeasureEventReader.TypeOf(line.TrimStart('\uFEFF')));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--events: cannot read \"{file}\": {e.Message}");
        }

        return false;
    }
}
