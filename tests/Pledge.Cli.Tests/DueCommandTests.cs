namespace Pledge.Tests;

/// <summary><c>pledge calendar due</c>: the happy paths, with values checked by hand.</summary>
public sealed class DueCommandTests(CalendarFiles files) : IClassFixture<CalendarFiles>
{
    private static Task<PledgeRun> Due(string calendar, string start, string minutes) =>
        PledgeCli.RunAsync("calendar", "due", "--calendar", calendar, "--start", start, "--minutes", minutes);

    private static async Task AssertDue(string calendar, string start, string minutes, string expected)
    {
        var run = await Due(calendar, start, minutes);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected + "\n", run.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public Task Due_prints_the_instant_in_the_calendars_zone_across_a_weekend_and_a_dst_change() =>
        // Friday 16:00: 60 minutes until 17:00, the weekend (summer time starts on Sunday), Monday 09:00+02:00 + 60.
        AssertDue(files.Office, "2026-03-27T16:00:00+01:00", "120", "2026-03-30T10:00:00+02:00");

    [Fact]
    public Task Due_ending_exactly_at_the_close_of_a_window_is_that_close() =>
        AssertDue(files.Office, "2026-03-27T16:00:00+01:00", "60", "2026-03-27T17:00:00+01:00");

    [Theory]
    [InlineData("2026-03-28T16:00:00+01:00", "2026-03-30T09:00:00+02:00")] // Saturday: next opening, Monday
    [InlineData("2026-03-27T17:00:00+01:00", "2026-03-30T09:00:00+02:00")] // at the close: windows are half-open
    [InlineData("2026-03-30T06:15:00+02:00", "2026-03-30T09:00:00+02:00")] // before the opening
    [InlineData("2026-03-30T10:00:00+02:00", "2026-03-30T10:00:00+02:00")] // inside a window: the start itself
    public Task Due_with_zero_minutes_is_the_first_business_instant_at_or_after_the_start(string start, string expected) =>
        AssertDue(files.Office, start, "0", expected);

    [Fact]
    public Task Due_with_negative_minutes_counts_backwards() =>
        AssertDue(files.Office, "2026-03-30T10:00:00+02:00", "-120", "2026-03-27T16:00:00+01:00");

    [Fact]
    public Task Due_counting_backwards_onto_the_start_of_a_window_is_that_start() =>
        AssertDue(files.Office, "2026-03-30T10:00:00+02:00", "-60", "2026-03-30T09:00:00+02:00");

    [Fact]
    public Task Due_with_half_a_minute_adds_thirty_seconds() =>
        AssertDue(files.Office, "2026-03-30T10:00:00+02:00", "0.5", "2026-03-30T10:00:30+02:00");

    [Fact]
    public Task Due_prints_a_fraction_of_a_second_only_when_there_is_one() =>
        // 0.0125 minutes = 0.75 s.
        AssertDue(files.Office, "2026-03-30T10:00:00+02:00", "0.0125", "2026-03-30T10:00:00.75+02:00");

    [Theory]
    [InlineData("2026-03-27T15:00:00Z", "120", "2026-03-30T10:00:00+02:00")]
    [InlineData("2026-03-30T08:00:00Z", "0", "2026-03-30T10:00:00+02:00")]
    [InlineData("2026-03-27T10:00:00-05:00", "120", "2026-03-30T10:00:00+02:00")] // 16:00 in Berlin
    public Task Due_reads_any_offset_and_prints_the_calendars_zone(string start, string minutes, string expected) =>
        AssertDue(files.Office, start, minutes, expected);

    [Fact]
    public Task Due_decides_the_working_day_in_the_calendars_zone_not_the_inputs() =>
        // Sunday 22:30 at UTC-10 is Monday 10:30 in Berlin, a working day.
        AssertDue(files.Office, "2026-03-29T22:30:00-10:00", "30", "2026-03-30T11:00:00+02:00");

    [Fact]
    public async Task Due_accepts_short_option_names()
    {
        var run = await PledgeCli.RunAsync("calendar", "due", "-c", files.Office, "-s", "2026-03-27T16:00:00+01:00", "-m", "120");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["2026-03-30T10:00:00+02:00"], run.StdoutLines);
    }

    [Fact]
    public Task Due_counts_a_window_in_the_autumn_overlap_as_four_real_hours() =>
        // 25 October 2026, 01:00+02:00 to 04:00+01:00: 3 hours of real time land on 03:00+01:00.
        AssertDue(files.Dst, "2026-10-25T01:00:00+02:00", "180", "2026-10-25T03:00:00+01:00");

    [Fact]
    public Task Due_opens_a_window_whose_start_is_in_the_spring_gap_at_the_first_instant_after_it() =>
        AssertDue(files.Gap, "2026-03-29T00:00:00+01:00", "0", "2026-03-29T03:00:00+02:00");

    [Fact]
    public Task Due_runs_an_overnight_window_into_the_next_day_even_when_that_day_is_a_holiday() =>
        // Friday 23:00 + 5 h: the Friday window runs to Saturday 06:00, and Saturday 28 March is a holiday.
        AssertDue(files.Night, "2026-03-27T23:00:00+01:00", "300", "2026-03-28T04:00:00+01:00");

    [Fact]
    public Task Due_skips_an_overnight_window_whose_day_is_a_holiday() =>
        AssertDue(files.Night, "2026-04-03T12:00:00+02:00", "0", "2026-04-10T22:00:00+02:00");

    [Fact]
    public async Task Due_reads_the_ical_file_relative_to_the_calendar_not_the_working_folder()
    {
        // Tuesday 31 March and Wednesday 1 April 2026 are closed by nested/closures.ics (DTEND is exclusive).
        var run = await PledgeCli.RunAsync(
            ["calendar", "due", "--calendar", files.WithIcal, "--start", "2026-03-30T16:00:00+02:00", "--minutes", "120"],
            stdin: null,
            workingDirectory: Path.GetTempPath());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["2026-04-02T10:00:00+02:00"], run.StdoutLines);
    }
}
