using System.Text.Json;

namespace Pledge.Tests;

/// <summary>
/// <c>pledge report --events FILE|FOLDER</c> on the sample's November 2026: ticket clocks and the measure targets
/// (availability, deliveries, satisfaction, compliance, custom series) with budgets, flags and actions; the
/// figures are those of samples/beverage-supplier/events/MEASURES.md.
/// </summary>
public sealed class ServiceReportCommandTests : IDisposable
{
    private const string Repo = "samples/beverage-supplier";
    private const string Events = "samples/beverage-supplier/events";
    private const string Examples = "samples/beverage-supplier/events/examples.jsonl";
    private const string Outages = "samples/beverage-supplier/events/outages.jsonl";
    private const string At = "2026-12-01T00:00:00+01:00";

    private readonly string _folder = Directory.CreateTempSubdirectory("pledge-service-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<PledgeRun> Run(params string[] args) => PledgeCli.RunAsync(args, null, PledgeCli.RepoRoot);

    private static Task<PledgeRun> Report(string events, params string[] more) =>
        Run(["report", "--repo", Repo, "--events", events, "--period", "2026-11", "--at", At, .. more]);

    /// <summary>The run succeeded; its standard output read as JSON.</summary>
    private static JsonDocument Json(PledgeRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Stdout);
    }

    private static JsonElement Target(JsonElement root, string customer, string agreement, string target, string service = "*") =>
        root.GetProperty("customers").EnumerateArray().Single(c => c.GetProperty("id").GetString() == customer)
            .GetProperty("agreements").EnumerateArray().Single(a => a.GetProperty("id").GetString() == agreement)
            .GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetString() == target && t.GetProperty("service").GetString() == service);

    private static (string? Value, string? Verdict) Figure(JsonElement root, string customer, string agreement, string target, string service = "*")
    {
        var t = Target(root, customer, agreement, target, service);
        return (t.GetProperty("valueText").GetString(), t.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task The_json_report_of_the_events_folder_has_every_measure_figure_of_november()
    {
        var run = await Report(Events, "--format", "json");

        using var json = Json(run);
        Assert.Equal(string.Empty, run.Stderr);
        var root = json.RootElement;
        // 400 tickets of tickets.jsonl and the 2 of examples.jsonl.
        Assert.Equal(402, root.GetProperty("tickets").GetInt32());
        Assert.Equal(("99.59%", "met"), Figure(root, "acme", "acme-gold", "availability", "coffee"));
        Assert.Equal(("99.48%", "met"), Figure(root, "globex", "corporate", "availability", "juice"));
        Assert.Equal(120, Target(root, "globex", "corporate", "availability", "juice").GetProperty("detail").GetProperty("unknownMinutes").GetDouble());
        Assert.Equal(("95.24%", "met"), Figure(root, "acme", "acme-gold", "delivery"));
        Assert.Equal(("88.57%", "missed"), Figure(root, "globex", "globex-drinks", "delivery"));
        Assert.Equal(("66.67%", "missed"), Figure(root, "acme", "acme-gold", "satisfaction"));
        // customers.yaml lists no services for Globex: it receives machine-support too (o-010, 20 minutes; 11 of 12 satisfied).
        Assert.Equal(("99.84%", "met"), Figure(root, "globex", "corporate", "availability", "machine-support"));
        Assert.Equal(("91.67%", "met"), Figure(root, "globex", "corporate", "satisfaction"));
        Assert.Equal("not enough data", Figure(root, "initech", "corporate", "satisfaction").Verdict);
        Assert.Equal(("85%", "missed"), Figure(root, "initech", "corporate", "security"));
        Assert.Equal(("7 °C", "met"), Figure(root, "acme", "acme-gold", "juice-temperature"));
        Assert.Equal(("9.6 °C", "missed"), Figure(root, "globex", "globex-drinks", "juice-temperature"));
        var budget = Target(root, "acme", "acme-gold", "availability", "coffee").GetProperty("budget");
        Assert.Equal((63.0, 51.5), (budget.GetProperty("allowed").GetDouble(), budget.GetProperty("spent").GetDouble()));
        Assert.Equal(
            [("acme", "green-but-unsatisfied"), ("globex", "breaches-without-action"), ("initech", "breaches-without-action")],
            root.GetProperty("flags").EnumerateArray().Select(f => (f.GetProperty("customer").GetString(), f.GetProperty("kind").GetString())));
        Assert.Equal(
            [("a-002", true), ("a-003", false), ("a-001", false)],
            root.GetProperty("actions").EnumerateArray().Select(a => (a.GetProperty("action").GetString(), a.GetProperty("overdue").GetBoolean())));
    }

    [Fact]
    public async Task The_table_report_counts_the_other_events_and_shows_the_flags_and_actions()
    {
        var run = await Report(Events);

        Assert.True(run.ExitCode == 0, run.ToString());
        // 12 outages, 8,616 checks, 209 deliveries, 86 surveys, 94 evidence, 43 samples and 3 actions.
        Assert.Equal("Service level report 2026-11, as of 2026-12-01T00:00:00+01:00: 402 tickets, 9063 other events", run.StdoutLines[0]);
        Assert.StartsWith("watermelon acme: all 8 operational targets of acme-gold met, but acme-gold/satisfaction missed", run.StdoutLines[1], StringComparison.Ordinal);
        Assert.Contains("watermelon globex: ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("watermelon initech: ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("│ acme-gold       │ availability      │ availability │ coffee          │ 99.59% │ 99.5%     │ met    │ 11.5 of 63 min left (18.25%)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Corrective actions", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("open overdue", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv", "acme,acme-gold,availability,availability,coffee,,0.9959,0.995,met,,,minutes,63,51.5,11.5,51m30s down of 210h service time (berlin-office); 3 outage(s) counted; 2 planned excluded (2h20m)")]
    [InlineData("csv", "globex,globex-drinks,juice-temperature,custom,*,,9.6,8,missed,,,,,,,\"p95 of 22 juice-temperature samples = 9.6 °C, threshold <= 8 °C; 3 sample(s) beyond it\"")]
    [InlineData("markdown", "| satisfaction | satisfaction | * | 66.67% | 80% | **missed** | -2 of 3 misses left (-66.67%) | n/a | CSAT 66.67% from 15 responses; 5 unsatisfied |")]
    [InlineData("markdown", "| delivery | delivery | * | 88.57% | 95% | **missed** | -6.75 of 5.25 misses left (-128.57%) | 1h n/a, 6h n/a, 1d 0, 3d 0 | 93 of 105 slots on time; 8 late, 2 short, 2 missed; 1 unscheduled deliveries |")]
    [InlineData("md", "| a-002 | open **overdue** | machine-repair | 2026-11-27 | Stock spare parts for the ACME espresso machines over the weekend |")]
    public async Task Every_text_format_has_the_measure_targets(string format, string line)
    {
        var run = await Report(Events, "--format", format);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(line, run.StdoutLines);
    }

    [Fact]
    public async Task The_report_is_written_to_the_output_file()
    {
        var file = Path.Combine(_folder, "report.csv");

        var run = await Report(Events, "--format", "csv", "--output", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("acme,corporate,security,compliance,*,,0.85,1,missed,,,events,0,3,-3,", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_ticket_file_still_reports_the_tickets_as_before()
    {
        var run = await Report(Examples, "--format", "json");

        using var json = Json(run);
        Assert.Equal(string.Empty, run.Stderr);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("tickets").GetInt32());
        var targets = root.GetProperty("targets").EnumerateArray()
            .ToDictionary(t => $"{t.GetProperty("agreement").GetString()}/{t.GetProperty("target").GetString()}", t => (t.GetProperty("met").GetInt32(), t.GetProperty("total").GetInt32()));
        Assert.Equal((1, 1), targets["corporate/response"]);
        Assert.Equal((1, 1), targets["corporate/resolution"]);
        Assert.Equal((4, 5), targets["corporate/update"]);
        Assert.Equal((0, 1), targets["acme-gold/response"]);
        Assert.Equal((0, 1), targets["acme-gold/resolution"]);
        Assert.Equal(3, root.GetProperty("breaches").GetArrayLength());
        Assert.Empty(root.GetProperty("actions").EnumerateArray());
        // Without a single outage or check, availability is not known (rather than perfect).
        Assert.Equal(("n/a", "not enough data"), Figure(root, "acme", "acme-gold", "availability", "coffee"));
        Assert.Equal(("n/a", "not enough data"), Figure(root, "acme", "acme-gold", "delivery"));
    }

    [Fact]
    public async Task A_single_ticket_file_counts_no_other_event_in_the_table()
    {
        var run = await Report(Examples);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Service level report 2026-11, as of 2026-12-01T00:00:00+01:00: 2 tickets, 0 other events", run.StdoutLines[0]);
    }

    [Fact]
    public async Task A_single_measure_file_is_read_as_measure_events_without_tickets()
    {
        using var json = Json(await Report(Outages, "--format", "json"));

        Assert.Equal(0, json.RootElement.GetProperty("tickets").GetInt32());
        Assert.Equal(("99.59%", "met"), Figure(json.RootElement, "acme", "acme-gold", "availability", "coffee"));
        Assert.Equal(("99.7%", "met"), Figure(json.RootElement, "globex", "corporate", "availability", "tea"));
    }

    [Fact]
    public async Task The_same_events_in_two_files_count_once()
    {
        File.Copy(PledgeCli.Repo(Outages), Path.Combine(_folder, "outages-a.jsonl"));
        File.Copy(PledgeCli.Repo(Outages), Path.Combine(_folder, "outages-b.jsonl"));

        using var json = Json(await Report(_folder, "--format", "json"));

        Assert.Equal(51.5, Target(json.RootElement, "acme", "acme-gold", "availability", "coffee").GetProperty("detail").GetProperty("downMinutes").GetDouble());
    }

    [Fact]
    public async Task Bad_lines_of_a_measure_file_are_named_on_stderr_and_skipped()
    {
        var file = Path.Combine(_folder, "outages.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"id":"o-1","type":"outage","service":"coffee","customer":"acme","start":"2026-11-05T10:10:00+01:00","end":"2026-11-05T10:38:00+01:00"}""",
            """{"id":"o-2","type":"outage","service":"tea","start":"2026-11-02T09:00Z","end":"2026-11-02T08:00Z"}""",
            string.Empty,
            """{"id":"1","ticket":"T-1","type":"created","at":"2026-11-02T09:00+01:00","customer":"acme","service":"tea","priority":"P2","status":"new"}""",
        ]);

        var run = await Report(_folder, "--format", "json");

        using var json = Json(run);
        Assert.Equal(
            [
                $"{file}: line 2: \"end\" is before \"start\"",
                $"{file}: line 4: \"type\": \"created\" is not a measure event type (outage, outage_end, check, delivery, survey, evidence, sample, action); ticket events go in their own file",
            ],
            run.StderrLines);
        Assert.Equal(28, Target(json.RootElement, "acme", "acme-gold", "availability", "coffee").GetProperty("detail").GetProperty("downMinutes").GetDouble());
    }

    [Fact]
    public async Task Beyond_five_bad_lines_a_file_gets_one_summary_line()
    {
        var file = Path.Combine(_folder, "samples.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"id":"x-0","type":"sample","series":"s","at":"2026-11-02T12:00Z","value":1}""",
            .. Enumerable.Range(1, 7).Select(i => $$"""{"id":"x-{{i}}","type":"sample","series":"s","at":"2026-11-02T12:00Z"}"""),
        ]);

        var run = await Report(_folder, "--format", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                .. Enumerable.Range(2, 5).Select(line => $"{file}: line {line}: \"value\" is required: a number"),
                $"{file}: 7 lines could not be read in all; they were skipped",
            ],
            run.StderrLines);
    }

    [Theory]
    [InlineData("1", "2026-11")]
    [InlineData("3", "2026-09 2026-10 2026-11")]
    public async Task The_trend_covers_the_periods_asked_for(string trend, string periods)
    {
        using var json = Json(await Report(Events, "--format", "json", "--trend", trend));

        Assert.Equal(periods.Split(' '), json.RootElement.GetProperty("trend").EnumerateArray().Select(t => t.GetProperty("period").GetString()).Distinct());
    }

    [Fact]
    public async Task With_a_trend_of_one_period_a_missed_satisfaction_still_raises_the_acme_flag_with_one_value()
    {
        var run = await Report(Events, "--format", "json", "--trend", "1");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.EndsWith("satisfaction over the last periods: 66.67%", json.RootElement.GetProperty("flags")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "error: --trend: 0 is not a number of periods from 1 to 60")]
    [InlineData("61", "error: --trend: 61 is not a number of periods from 1 to 60")]
    [InlineData("-3", "error: --trend: -3 is not a number of periods from 1 to 60")]
    [InlineData("abc", "error: ")]
    [InlineData("2.5", "error: ")]
    public async Task A_bad_trend_is_a_usage_error(string trend, string message)
    {
        var run = await Report(Events, "--trend", trend);

        CliAssert.Fails(run, 2, message);
        if (message == "error: ")
        {
            Assert.Contains(trend, run.StderrLines[^1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_trend_without_a_value_is_a_usage_error()
    {
        var run = await Run("report", "--repo", Repo, "--events", Events, "--period", "2026-11", "--trend");

        CliAssert.Fails(run, 2, "error: --trend needs a value");
    }

    [Fact]
    public async Task Events_are_required_and_must_exist()
    {
        CliAssert.Fails(await Run("report", "--repo", Repo, "--period", "2026-11"), 2, "error: --events is required: a file of events (JSON lines, or CSV for ticket events), or a folder of them");
        CliAssert.Fails(await Report(Path.Combine(_folder, "nothing")), 1, $"error: --events: cannot read \"{Path.Combine(_folder, "nothing")}\": no such file or folder");
        CliAssert.Fails(await Report(_folder), 1, $"error: --events: folder \"{_folder}\" has no .jsonl or .csv files");
    }
}
