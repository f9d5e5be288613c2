using System.Globalization;
using System.Text.Json;

namespace Pledge.Tests;

/// <summary><c>pledge calendar show</c>: the business windows of a date range, as a table or JSON lines.</summary>
public sealed class ShowCommandTests(CalendarFiles files) : IClassFixture<CalendarFiles>
{
    private const string Beverage = "samples/calendars/beverage-supplier.yaml";

    [Fact]
    public async Task Show_lists_the_beverage_suppliers_windows_at_the_end_of_2026()
    {
        var run = await PledgeCli.RunAsync("calendar", "show", Beverage, "--from", "2026-12-21", "--to", "2026-12-31");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Contains("beverage-supplier: business windows 2026-12-21 to 2026-12-31 (Europe/Berlin)", run.Stdout, StringComparison.Ordinal);

        var rows = Tables.Rows(run.Stdout).Where(r => r.Length == 5 && r[1].StartsWith("20", StringComparison.Ordinal)).Select(r => string.Join(" | ", r));
        Assert.Equal(
            [
                "Mon | 2026-12-21T07:00:00+01:00 | 2026-12-21T19:00:00+01:00 | 12:00 | ",
                "Tue | 2026-12-22T07:00:00+01:00 | 2026-12-22T19:00:00+01:00 | 12:00 | ",
                "Wed | 2026-12-23T07:00:00+01:00 | 2026-12-23T19:00:00+01:00 | 12:00 | ",
                "Thu | 2026-12-24T07:00:00+01:00 | 2026-12-24T12:00:00+01:00 | 5:00 | shortened: Heiligabend",
                "Thu | 2026-12-31T07:00:00+01:00 | 2026-12-31T12:00:00+01:00 | 5:00 | shortened: Silvester",
            ],
            rows);
        Assert.True(Tables.HasRow(run.Stdout, "Total", string.Empty, string.Empty, "46:00", "5 window(s)"), run.Stdout);
    }

    [Fact]
    public async Task Show_json_prints_one_parsable_line_per_window_with_its_minutes()
    {
        var run = await PledgeCli.RunAsync("calendar", "show", Beverage, "--from", "2026-12-21", "--to", "2026-12-31", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var windows = run.StdoutLines.Select(Parse).ToList();
        Assert.Equal(
            [
                ("2026-12-21T07:00:00+01:00", "2026-12-21T19:00:00+01:00", 720.0),
                ("2026-12-22T07:00:00+01:00", "2026-12-22T19:00:00+01:00", 720.0),
                ("2026-12-23T07:00:00+01:00", "2026-12-23T19:00:00+01:00", 720.0),
                ("2026-12-24T07:00:00+01:00", "2026-12-24T12:00:00+01:00", 300.0),
                ("2026-12-31T07:00:00+01:00", "2026-12-31T12:00:00+01:00", 300.0),
            ],
            windows);
    }

    [Fact]
    public async Task Show_json_counts_the_real_minutes_of_windows_across_dst_changes()
    {
        var runs = await Task.WhenAll(
            PledgeCli.RunAsync("calendar", "show", files.Dst, "--from", "2026-03-28", "--to", "2026-03-29", "--json"),
            PledgeCli.RunAsync("calendar", "show", files.Dst, "--from", "2026-10-25", "--to", "2026-10-25", "--json"),
            PledgeCli.RunAsync("calendar", "show", files.Gap, "--from", "2026-03-29", "--to", "2026-03-29", "--json"));
        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));

        Assert.Equal([("2026-03-29T01:00:00+01:00", "2026-03-29T04:00:00+02:00", 120.0)], runs[0].StdoutLines.Select(Parse));
        Assert.Equal([("2026-10-25T01:00:00+02:00", "2026-10-25T04:00:00+01:00", 240.0)], runs[1].StdoutLines.Select(Parse));
        Assert.Equal([("2026-03-29T03:00:00+02:00", "2026-03-29T05:00:00+02:00", 120.0)], runs[2].StdoutLines.Select(Parse));
    }

    [Fact]
    public async Task Show_json_minutes_match_the_open_and_close_of_every_window()
    {
        var run = await PledgeCli.RunAsync("calendar", "show", files.Night, "--from", "2026-03-01", "--to", "2026-04-30", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var windows = run.StdoutLines.Select(Parse).ToList();
        Assert.Equal(7, windows.Count); // the 8 Fridays of March and April 2026, less Good Friday (3 April)
        Assert.DoesNotContain(windows, w => w.Open.StartsWith("2026-04-03", StringComparison.Ordinal));
        foreach (var (open, close, minutes) in windows)
        {
            Assert.Equal((DateTimeOffset.Parse(close, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(open, CultureInfo.InvariantCulture)).TotalMinutes, minutes);
            Assert.Contains("T22:00:00+0", open, StringComparison.Ordinal);
            Assert.Equal(480, minutes);
        }
    }

    [Fact]
    public async Task Show_rejects_a_range_that_ends_before_it_starts_or_is_too_long()
    {
        var runs = await Task.WhenAll(
            PledgeCli.RunAsync("calendar", "show", files.Office, "--from", "2026-03-28", "--to", "2026-03-01"),
            PledgeCli.RunAsync("calendar", "show", files.Office, "--from", "2026-01-01", "--to", "2036-12-31"),
            PledgeCli.RunAsync("calendar", "show", files.Office, "--from", "2026-02-30", "--to", "2026-03-01"));
        foreach (var run in runs)
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Equal(string.Empty, run.Stdout);
            Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        }

        Assert.Contains("before", runs[0].Stderr, StringComparison.Ordinal);
        Assert.Contains("\"2026-02-30\" is not a date", runs[2].Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_without_to_is_a_usage_error()
    {
        var run = await PledgeCli.RunAsync("calendar", "show", files.Office, "--from", "2026-03-28");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith("error: --to is required", run.Stderr, StringComparison.Ordinal);
    }

    private static (string Open, string Close, double Minutes) Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(3, root.EnumerateObject().Count());
        return (root.GetProperty("open").GetString()!, root.GetProperty("close").GetString()!, root.GetProperty("minutes").GetDouble());
    }
}
