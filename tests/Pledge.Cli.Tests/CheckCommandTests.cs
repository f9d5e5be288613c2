using System.Globalization;

namespace Pledge.Tests;

/// <summary><c>pledge calendar check</c>: validates a calendar and summarises it.</summary>
public sealed class CheckCommandTests(CalendarFiles files) : IClassFixture<CalendarFiles>
{
    private const string Beverage = "samples/calendars/beverage-supplier.yaml";

    [Fact]
    public async Task Check_summarises_the_beverage_supplier_with_its_week_holidays_and_offset_changes()
    {
        var run = await PledgeCli.RunAsync("calendar", "check", Beverage, "--from", "2026-12-01");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        var text = run.Stdout;

        Assert.Contains($"{Beverage} is a valid calendar", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("Name ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" beverage-supplier", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith("Time zone ", StringComparison.Ordinal) && l.Contains("Europe/Berlin (UTC+01:00 on 2026-12-01)", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith("Weekly hours ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 64:00", StringComparison.Ordinal));

        // The week.
        Assert.True(Tables.HasRow(text, "Monday", "07:00-19:00", "12:00"), text);
        Assert.True(Tables.HasRow(text, "Friday", "07:00-19:00", "12:00"), text);
        Assert.True(Tables.HasRow(text, "Saturday", "08:00-12:00", "4:00"), text);
        Assert.True(Tables.HasRow(text, "Sunday", "closed", "0:00"), text);

        // Every holiday of the 12 months, from each source: dated entries, annual entries and the .ics file.
        string[][] holidays =
        [
            ["2026-12-24", "Thursday", "Heiligabend", "07:00-12:00", "holidays"],
            ["2026-12-25", "Friday", "1. Weihnachtstag", "closed", "annual"],
            ["2026-12-26", "Saturday", "2. Weihnachtstag", "closed", "annual"],
            ["2026-12-28", "Monday", "Betriebsferien", "closed", "ical"],
            ["2026-12-29", "Tuesday", "Betriebsferien", "closed", "ical"],
            ["2026-12-30", "Wednesday", "Betriebsferien", "closed", "ical"],
            ["2026-12-31", "Thursday", "Silvester", "07:00-12:00", "holidays"],
            ["2027-01-01", "Friday", "Neujahr", "closed", "annual"],
            ["2027-03-08", "Monday", "Internationaler Frauentag (Berlin)", "closed", "ical"],
            ["2027-03-26", "Friday", "Karfreitag", "closed", "holidays"],
            ["2027-03-29", "Monday", "Ostermontag", "closed", "holidays"],
            ["2027-05-01", "Saturday", "Tag der Arbeit", "closed", "holidays"],
            ["2027-05-06", "Thursday", "Christi Himmelfahrt", "closed", "holidays"],
            ["2027-05-07", "Friday", "Brueckentag", "closed", "ical"],
            ["2027-05-17", "Monday", "Pfingstmontag", "closed", "holidays"],
            ["2027-10-03", "Sunday", string.Empty, "closed", "holidays"],
        ];
        var holidayRows = Tables.Rows(text).Where(r => r.Length == 5 && r[0].StartsWith("20", StringComparison.Ordinal)).ToList();
        Assert.Equal(holidays.Select(h => string.Join(" | ", h)), holidayRows.Select(r => string.Join(" | ", r)));

        // Both changes of 2027 (the calendar's 12 months run from 1 December 2026).
        var changes = Tables.Rows(text).Where(r => r.Length == 3 && r[1].StartsWith('+')).ToList();
        Assert.Equal(2, changes.Count);
        Assert.StartsWith("2027-03-28 03:00:00", changes[0][0], StringComparison.Ordinal);
        Assert.Equal(["+01:00", "+02:00"], changes[0][1..]);
        Assert.StartsWith("2027-10-31 02:00:00", changes[1][0], StringComparison.Ordinal);
        Assert.Equal(["+02:00", "+01:00"], changes[1][1..]);
    }

    [Fact]
    public async Task Check_business_time_of_the_year_equals_elapsed_over_the_same_year()
    {
        var checkRun = PledgeCli.RunAsync("calendar", "check", Beverage, "--from", "2026-12-01");
        var elapsedRun = PledgeCli.RunAsync("calendar", "elapsed", "--calendar", Beverage, "--from", "2026-12-01T00:00:00+01:00", "--to", "2027-12-01T00:00:00+01:00");
        var (check, elapsed) = (await checkRun, await elapsedRun);
        Assert.True(check.ExitCode == 0 && elapsed.ExitCode == 0, check + "\n" + elapsed);

        var line = check.StdoutLines.Single(l => l.StartsWith("Business time 2026-12-01 to 2027-11-30 ", StringComparison.Ordinal));
        var hours = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].Split(':');
        var minutes = (long.Parse(hours[0], CultureInfo.InvariantCulture) * 60) + long.Parse(hours[1], CultureInfo.InvariantCulture);
        Assert.Equal(minutes.ToString(CultureInfo.InvariantCulture), elapsed.StdoutLines.Single());
    }

    [Fact]
    public async Task Check_shows_the_southern_hemisphere_offset_changes_of_sydney()
    {
        var run = await PledgeCli.RunAsync("calendar", "check", "samples/calendars/follow-the-sun/apac-sydney.yaml", "--from", "2026-01-01");
        Assert.True(run.ExitCode == 0, run.ToString());
        var changes = Tables.Rows(run.Stdout).Where(r => r.Length == 3 && r[1].StartsWith('+')).ToList();
        Assert.Equal(2, changes.Count);
        Assert.StartsWith("2026-04-05 ", changes[0][0], StringComparison.Ordinal);
        Assert.Equal(["+11:00", "+10:00"], changes[0][1..]);
        Assert.StartsWith("2026-10-04 ", changes[1][0], StringComparison.Ordinal);
        Assert.Equal(["+10:00", "+11:00"], changes[1][1..]);
        Assert.True(Tables.HasRow(run.Stdout, "2026-01-26", "Monday", "Australia Day", "closed", "holidays"), run.Stdout);
        Assert.True(Tables.HasRow(run.Stdout, "2026-12-25", "Friday", "Christmas Day", "closed", "annual"), run.Stdout);
    }

    [Fact]
    public async Task Check_of_a_round_the_clock_utc_calendar_lists_no_holidays_and_no_offset_changes()
    {
        var run = await PledgeCli.RunAsync("calendar", "check", "samples/calendars/24x7.yaml", "--from", "2026-01-01");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StdoutLines, l => l.StartsWith("Weekly hours ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 168:00", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith("Business time 2026-01-01 to 2026-12-31 ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 8760:00", StringComparison.Ordinal));
        Assert.True(Tables.HasRow(run.Stdout, "none", string.Empty, string.Empty, string.Empty, string.Empty), run.Stdout);
        Assert.DoesNotContain("UTC offset changes", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_without_from_summarises_the_year_from_today()
    {
        var run = await PledgeCli.RunAsync("calendar", "check", files.Office);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("is a valid calendar", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("Weekly hours ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 40:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_of_an_invalid_calendar_prints_every_problem_to_stderr_and_exits_1()
    {
        var run = await PledgeCli.RunAsync("calendar", "check", files.Invalid, "--from", "2026-01-01");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(6, run.StderrLines.Count);
        int[] lines = [2, 4, 5, 7, 8];
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(files.Invalid)}: line {lines[i]}, column [0-9]+: [a-z.\\[\\]0-9]+: .+$", run.StderrLines[i]);
        }

        Assert.Equal($"error: {files.Invalid} is not a valid calendar (5 problems)", run.StderrLines[5]);
    }

    [Fact]
    public async Task Check_with_a_bad_from_date_is_an_input_error()
    {
        var run = await PledgeCli.RunAsync("calendar", "check", files.Office, "--from", "2026-13-01");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(["error: --from: \"2026-13-01\" is not a date (YYYY-MM-DD)"], run.StderrLines);
    }
}
