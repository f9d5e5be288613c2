using System.Text.Json;

namespace Pledge.Tests;

/// <summary>
/// Repositories and event files written for the repository command tests into a temporary folder (one per test
/// class, as an <see cref="IClassFixture{TFixture}"/>), deleted afterwards.
/// </summary>
public sealed class RepositoryFolders : IDisposable
{
    /// <summary>The sample repository, relative to the repository root (the working directory of every run).</summary>
    public const string Sample = "samples/beverage-supplier";

    /// <summary>The sample's two example tickets, T-1001 and T-1002.</summary>
    public const string Examples = "samples/beverage-supplier/events/examples.jsonl";

    public RepositoryFolders()
    {
        Folder = Directory.CreateTempSubdirectory("pledge-repository-tests-").FullName;
        Broken = Path.Combine(Folder, "broken");

        Write("broken/catalogue.yaml", "services:\n  - id: tea\n");
        Write("broken/customers.yaml", "customers:\n  - id: acme\n");
        Write("broken/teams.yaml", "teams:\n  - repair\n");
        Write("broken/calendars/office.yaml", """
            name: office
            timezone: Europe/Berlin
            week:
              monday:    ["09:00-17:00"]
              tuesday:   ["09:00-17:00"]
              wednesday: ["09:00-17:00"]
              thursday:  ["09:00-17:00"]
              friday:    ["09:00-17:00"]
            """);
        // Line 6, column 5: a date with month 13.
        Write("broken/calendars/bad.yaml", """
            name: bad
            timezone: Europe/Berlin
            week:
              monday: ["09:00-17:00"]
            holidays:
              - 2026-13-01
            """);
        // Line 12, column 27: "4x".
        Write("broken/agreements/a.yaml", """
            id: acme-gold
            kind: sla
            level: customer
            parties: { customer: acme }
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 4x }
            """);
        // Line 4, column 12: "water"; line 7, column 13: "signed".
        Write("broken/agreements/b.yaml", """
            id: b
            kind: sla
            level: service
            services: [water]
            versions:
              - version: 1
                status: signed
                effective: { from: 2026-01-01 }
                targets: []
            """);
        // Valid: the SLA the OLA supports.
        Write("broken/agreements/c.yaml", """
            id: c
            kind: sla
            level: corporate
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 4h }
            """);
        // A warning only: 5h is looser than c/resolution's 4h.
        Write("broken/agreements/ola.yaml", """
            id: ola
            kind: ola
            parties: { team: repair }
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 5h }
                    supports: c/resolution
            """);

        ExamplesCsv = Path.Combine(Folder, "examples.csv");
        File.WriteAllText(ExamplesCsv, ToCsv(File.ReadAllLines(PledgeCli.Repo(Examples))));
    }

    public string Folder { get; }

    /// <summary>A repository with four errors (in agreements/a.yaml, agreements/b.yaml twice, calendars/bad.yaml) and one warning (agreements/ola.yaml).</summary>
    public string Broken { get; }

    /// <summary>The sample's examples.jsonl as a CSV file (the same events, duplicate included, in the same order).</summary>
    public string ExamplesCsv { get; }

    /// <summary>Writes a file under the folder (creating its folders) and returns its full path.</summary>
    public string Write(string relative, string content)
    {
        var path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.EndsWith('\n') || content.Length == 0 ? content : content + "\n");
        return path;
    }

    /// <summary>JSON-lines events as CSV with the documented columns.</summary>
    public static string ToCsv(IEnumerable<string> jsonLines)
    {
        string[] columns = ["id", "ticket", "type", "at", "customer", "service", "priority", "status", "team", "author", "public"];
        var lines = new List<string> { string.Join(',', columns) };
        foreach (var line in jsonLines.Where(l => l.Trim().Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            lines.Add(string.Join(',', columns.Select(c => json.RootElement.TryGetProperty(c, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => value.GetString(),
                }
                : string.Empty)));
        }

        return string.Join("\n", lines) + "\n";
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the system's temp folder.
        }
    }
}
