using System.Text.Json;

namespace Pledge.Tests;

/// <summary><c>pledge report</c> and <c>pledge events check</c> on the sample supplier's month of tickets.</summary>
public sealed class ReportCommandTests
{
    private const string Repo = "samples/beverage-supplier";
    private const string Tickets = "samples/beverage-supplier/events/tickets.jsonl";
    private const string Examples = "samples/beverage-supplier/events/examples.jsonl";

    private static Task<PledgeRun> Run(params string[] args) => PledgeCli.RunAsync(args, null, PledgeCli.RepoRoot);

    [Fact]
    public async Task The_json_report_counts_every_measurement_of_the_examples_by_hand()
    {
        var run = await Run("report", "--repo", Repo, "--events", Examples, "--period", "2026-11", "--at", "2026-11-30T00:00:00+01:00", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("tickets").GetInt32());
        var targets = root.GetProperty("targets").EnumerateArray()
            .ToDictionary(t => $"{t.GetProperty("agreement").GetString()}/{t.GetProperty("target").GetString()}", t => (t.GetProperty("met").GetInt32(), t.GetProperty("total").GetInt32()));
        // T-1001 (initech, coffee, P3, corporate): response met, resolution met, update 2 gaps met.
        // T-1002 (acme, machine-support): acme-gold response (30m) missed at 08:40, acme-gold resolution
        // breached after the P1 change; corporate update: 40m gap met, 08:40-12:30 gap breached under P1 (2h),
        // the reopened gap 15:00-15:45 met.
        Assert.Equal((1, 1), targets["corporate/response"]);
        Assert.Equal((1, 1), targets["corporate/resolution"]);
        Assert.Equal((4, 5), targets["corporate/update"]);
        Assert.Equal((0, 1), targets["acme-gold/response"]);
        Assert.Equal((0, 1), targets["acme-gold/resolution"]);
        Assert.Equal(3, root.GetProperty("breaches").GetArrayLength());
    }

    [Theory]
    [InlineData("csv", "customer,agreement,target,kind,service,priority,value,objective,verdict,met,total,budget_unit,budget_allowed,budget_spent,budget_remaining,explanation")]
    [InlineData("markdown", "# Service level report 2026-11")]
    [InlineData("html", "<!DOCTYPE html>")]
    public async Task Every_format_is_written(string format, string firstLine)
    {
        var run = await Run("report", "--repo", Repo, "--events", Tickets, "--period", "2026-11", "--at", "2026-12-05T00:00:00+01:00", "--format", format);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(firstLine, run.StdoutLines[0]);
    }

    [Fact]
    public async Task The_table_report_lists_attainment_breaches_and_clocks_at_risk()
    {
        var run = await Run("report", "--repo", Repo, "--events", Tickets, "--period", "2026-11", "--at", "2026-12-05T00:00:00+01:00");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Service level report 2026-11, as of 2026-12-05T00:00:00+01:00: 400 tickets", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("ACME Offices Berlin (acme)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Ticket breaches (", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Open clocks at risk (", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--period", "2026-13", "--period: \"2026-13\" is not a period (2026-11, 2026-W47, 2026-Q4 or 30d)", 1)]
    [InlineData("--format", "pdf", "--format: \"pdf\" is not table, json, csv, markdown or html", 2)]
    [InlineData("--grace", "soon", "--grace: \"soon\" is not a duration (such as 7d or 12h)", 1)]
    public async Task Bad_options_are_named_in_the_error(string option, string value, string message, int exitCode)
    {
        var args = new List<string> { "report", "--repo", Repo, "--events", Tickets, "--period", "2026-11" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = await Run([.. args]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal($"error: {message}", run.StderrLines[^1]);
    }

    [Fact]
    public async Task Events_check_counts_the_events_and_their_time_span()
    {
        var run = await Run("events", "check", Tickets);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^samples/beverage-supplier/events/tickets\.jsonl: 2579 events from 2026-1\d-\d\dT\d\d:\d\d:00\+00:00 to 2026-12-\d\dT\d\d:\d\d:00\+00:00$", run.StdoutLines.Single());
    }

    [Fact]
    public async Task Events_check_fails_on_unreadable_lines_and_names_them()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pledge-events-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, "garbage\n{\"id\":\"1\",\"ticket\":\"T\",\"type\":\"created\",\"at\":\"2026-11-02T09:00+01:00\"}\n");
        try
        {
            var run = await Run("events", "check", file);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal($"{file}: line 1: not valid JSON at column 1: 'g' is an invalid start of a value", run.StderrLines[0]);
            Assert.Equal($"{file}: line 2: \"customer\" is missing (created needs customer, service, priority, status)", run.StderrLines[1]);
            Assert.Equal($"error: {file}: 2 line(s) cannot be read", run.StderrLines[^1]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
