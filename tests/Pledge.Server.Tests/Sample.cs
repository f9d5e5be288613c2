using NodaTime;
using Pledge.Agreements;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Reports.Formats;
using Pledge.Tickets;

namespace Pledge.Server.Tests;

/// <summary>The beverage-supplier sample of the source tree, and its report computed in-process the way <c>pledge report</c> does.</summary>
internal static class Sample
{
    public static string Folder { get; } = Find();

    /// <summary>The repository's files by path (the events folder left out).</summary>
    public static Dictionary<string, string> RepositoryFiles() =>
        Directory.EnumerateFiles(Folder, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.StartsWith("events/", StringComparison.Ordinal))
            .ToDictionary(p => p, p => File.ReadAllText(Path.Combine(Folder, p)), StringComparer.Ordinal);

    /// <summary>Every event line of every events/*.jsonl file, in file order.</summary>
    public static List<string> EventLines() =>
        [.. EventFiles().SelectMany(File.ReadLines).Where(l => !string.IsNullOrWhiteSpace(l))];

    /// <summary>How many different event ids the files hold (examples.jsonl repeats one on purpose).</summary>
    public static int DistinctEventIds() =>
        EventLines().Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Distinct(StringComparer.Ordinal).Count();

    /// <summary>
    /// The JSON report of the sample as <c>pledge report --repo samples/beverage-supplier --events
    /// samples/beverage-supplier/events --period P --at AT --format json</c> writes it: the same Core calls on the files.
    /// </summary>
    public static string ExpectedJsonReport(string period, Instant asOf)
    {
        var repository = ServiceLevelRepositoryReader.Read(new InMemoryRepositorySource(RepositoryFiles())).Repository!;
        var tickets = new List<TicketEvent>();
        var measures = new MeasureEvents.Builder();
        foreach (var file in EventFiles())
        {
            var lines = File.ReadAllLines(file).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            if (MeasureEventReader.IsMeasureType(MeasureEventReader.TypeOf(lines[0])))
            {
                lines.ForEach(l => measures.Add(MeasureEventReader.ReadLine(l, 1).Event!));
            }
            else
            {
                using var reader = new StringReader(string.Join('\n', lines));
                tickets.AddRange(TicketEventReader.ReadJsonLines(reader).Select(r => r.Event!));
            }
        }

        Assert.True(ReportPeriod.TryParse(period, out var reportPeriod));
        var outcomes = new TicketOutcomes(repository, reportPeriod.LastPeriods(6), asOf);
        var attainment = AttainmentReport.Build(repository, new TicketAssembler(Duration.FromDays(7)).Assemble(tickets), reportPeriod, asOf, outcomes);
        return ReportJson.Write(ServiceReport.Build(repository, attainment, measures.Build(), reportPeriod, asOf, 6, outcomes: outcomes), repository);
    }

    private static IEnumerable<string> EventFiles() =>
        Directory.EnumerateFiles(Path.Combine(Folder, "events"), "*.jsonl").Order(StringComparer.Ordinal);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "samples", "beverage-supplier");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("samples/beverage-supplier not found above the test output folder");
    }
}
