using NodaTime;
using Pledge.Agreements;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Agreements;

/// <summary>
/// A small valid repository to break one file at a time, and helpers to read it and to state the problems
/// expected. Every expected line and column in the tests is counted by hand from the YAML written in the test
/// (1-based, as editors show them).
/// </summary>
internal static class RepositoryKit
{
    /// <summary>Tea, coffee, juice and machine (support).</summary>
    public const string Catalogue = """
        services:
          - id: tea
            name: Tea
            offerings:
              - { id: tea-morning, name: Tea every morning }
          - id: coffee
            name: Coffee
          - id: juice
          - id: machine
            name: Machine support
        """;

    /// <summary>acme, globex and initech.</summary>
    public const string Customers = """
        customers:
          - id: acme
            name: ACME
            contacts:
              - { name: Ann Example, email: ann@acme.example, role: facilities }
          - id: globex
            name: Globex
          - id: initech
        """;

    public const string Teams = """
        teams:
          - repair
          - { id: desk, name: Service desk }
        """;

    public const string Suppliers = """
        suppliers:
          - { id: vendor, name: Machine vendor }
        """;

    /// <summary>Monday to Friday 09:00-17:00, Europe/Berlin.</summary>
    public const string OfficeCalendar = """
        name: office
        timezone: Europe/Berlin
        week:
          monday:    ["09:00-17:00"]
          tuesday:   ["09:00-17:00"]
          wednesday: ["09:00-17:00"]
          thursday:  ["09:00-17:00"]
          friday:    ["09:00-17:00"]
        """;

    /// <summary>Monday to Friday 07:00-15:00, Europe/Berlin: covers only 09:00-15:00 of the office's hours.</summary>
    public const string EarlyCalendar = """
        name: early
        timezone: Europe/Berlin
        week:
          monday:    ["07:00-15:00"]
          tuesday:   ["07:00-15:00"]
          wednesday: ["07:00-15:00"]
          thursday:  ["07:00-15:00"]
          friday:    ["07:00-15:00"]
        """;

    /// <summary>Every hour of every day in Berlin: covers any other calendar.</summary>
    public const string AlwaysCalendar = """
        name: always
        timezone: Europe/Berlin
        week:
          monday:    ["00:00-24:00"]
          tuesday:   ["00:00-24:00"]
          wednesday: ["00:00-24:00"]
          thursday:  ["00:00-24:00"]
          friday:    ["00:00-24:00"]
          saturday:  ["00:00-24:00"]
          sunday:    ["00:00-24:00"]
        """;

    /// <summary>A corporate SLA in force from 1 January 2026 with a resolution target (P1 4h, P2 8h) on the office calendar.</summary>
    public const string Corporate = """
        id: corporate
        kind: sla
        level: corporate
        timezone: Europe/Berlin
        versions:
          - version: 1
            status: active
            effective: { from: 2026-01-01 }
            targets:
              - kind: resolution
                calendar: office
                thresholds: { P1: 4h, P2: 8h }
        """;

    /// <summary>
    /// A corporate SLA "a" (no timezone) whose one version's targets follow from line 9: each target's "-" at
    /// column 7 and its keys at column 9. The lines are given whole, indentation included.
    /// </summary>
    public static string WithTargets(params string[] targetLines) => string.Join("\n",
    [
        "id: a",                                  // 1
        "kind: sla",                              // 2
        "level: corporate",                       // 3
        "versions:",                              // 4
        "  - version: 1",                         // 5
        "    status: active",                     // 6
        "    effective: { from: 2026-01-01 }",    // 7
        "    targets:",                           // 8
        .. targetLines,                           // 9…
    ]);

    /// <summary>
    /// A corporate SLA in Berlin with one version active from 1 January 2026 whose targets are the ones given, each
    /// one line of YAML such as <c>{ kind: availability, calendar: office, objective: 99% }</c>.
    /// </summary>
    public static string CorporateSla(string id, params string[] targets) => string.Join("\n",
    [
        $"id: {id}",
        "kind: sla",
        "level: corporate",
        "timezone: Europe/Berlin",
        "versions:",
        "  - version: 1",
        "    status: active",
        "    effective: { from: 2026-01-01 }",
        "    targets:",
        .. targets.Select(t => "      - " + t),
    ]);

    /// <summary>The parties and calendars with, as agreements/corporate.yaml, a <see cref="CorporateSla"/> of the targets given; read as valid.</summary>
    public static ServiceLevelRepository ValidCorporate(params string[] targets) =>
        Valid(Parties().With("agreements/corporate.yaml", CorporateSla("corporate", targets)));

    /// <summary>The base repository: valid, without a problem or a warning.</summary>
    public static InMemoryRepositorySource Base() => new InMemoryRepositorySource()
        .With("catalogue.yaml", Catalogue)
        .With("customers.yaml", Customers)
        .With("teams.yaml", Teams)
        .With("suppliers.yaml", Suppliers)
        .With("calendars/office.yaml", OfficeCalendar)
        .With("calendars/early.yaml", EarlyCalendar)
        .With("calendars/always.yaml", AlwaysCalendar)
        .With("agreements/corporate.yaml", Corporate);

    /// <summary>Only the catalogue, customers, teams, suppliers and calendars: no agreement at all.</summary>
    public static InMemoryRepositorySource Parties() => Base().Without("agreements/corporate.yaml");

    public static RepositoryReadResult Read(IRepositorySource source) => ServiceLevelRepositoryReader.Read(source);

    /// <summary>Reads a repository that must be valid and free of problems, or fails showing them.</summary>
    public static ServiceLevelRepository Valid(IRepositorySource source)
    {
        var result = Read(source);
        Assert.True(result.IsValid && result.Problems.IsEmpty, string.Join(Environment.NewLine, result.Problems));
        return result.Repository;
    }

    /// <summary>Reads a repository that must be invalid, and returns its problems.</summary>
    public static IReadOnlyList<RepositoryProblem> Invalid(IRepositorySource source)
    {
        var result = Read(source);
        Assert.False(result.IsValid, "the repository was read as valid: " + string.Join(Environment.NewLine, result.Problems));
        Assert.Null(result.Repository);
        return result.Problems;
    }

    public static RepositoryProblem Error(string file, int line, int column, string field, string message) =>
        new(file, line, column, field, message);

    public static RepositoryProblem Warning(string file, int line, int column, string field, string message) =>
        new(file, line, column, field, message, IsWarning: true);

    public static Instant At(string iso) => Iso.Instant(iso);

    /// <summary>The sample repository of the beverage supplier, read from disk into memory.</summary>
    public static InMemoryRepositorySource Sample() => InMemoryRepositorySource.FromDisk(Path.Combine(RepoRoot(), "samples", "beverage-supplier"));

    private static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pledge.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Pledge.sln above {AppContext.BaseDirectory}");
    }
}
