namespace Pledge.Tests;

/// <summary><c>pledge calendar elapsed</c>: signed business minutes, checked by hand.</summary>
public sealed class ElapsedCommandTests(CalendarFiles files) : IClassFixture<CalendarFiles>
{
    private static async Task AssertElapsed(string calendar, string from, string to, string expected)
    {
        var run = await PledgeCli.RunAsync("calendar", "elapsed", "--calendar", calendar, "--from", from, "--to", to);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([expected], run.StdoutLines);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public Task Elapsed_prints_the_business_minutes_between_two_instants() =>
        AssertElapsed(files.Office, "2026-03-27T16:00:00+01:00", "2026-03-30T10:00:00+02:00", "120");

    [Fact]
    public Task Elapsed_is_negative_when_to_is_earlier_than_from() =>
        AssertElapsed(files.Office, "2026-03-30T10:00:00+02:00", "2026-03-27T16:00:00+01:00", "-120");

    [Fact]
    public Task Elapsed_between_an_instant_and_itself_is_zero() =>
        AssertElapsed(files.Office, "2026-03-30T10:00:00+02:00", "2026-03-30T08:00:00Z", "0");

    [Fact]
    public Task Elapsed_prints_fractional_minutes() =>
        AssertElapsed(files.Office, "2026-03-30T10:00:00+02:00", "2026-03-30T10:00:30+02:00", "0.5");

    [Fact]
    public Task Elapsed_outside_business_hours_is_zero() =>
        AssertElapsed(files.Office, "2026-03-28T08:00:00+01:00", "2026-03-29T20:00:00+02:00", "0");

    [Fact]
    public Task Elapsed_over_a_whole_week_is_five_working_days() =>
        AssertElapsed(files.Office, "2026-03-30T00:00:00+02:00", "2026-04-06T00:00:00+02:00", "2400");

    [Fact]
    public Task Elapsed_reads_instants_with_any_offset() =>
        // 07:00Z is 09:00 in Berlin in summer; to 17:00 is the whole Monday.
        AssertElapsed(files.Office, "2026-03-30T07:00:00Z", "2026-03-30T11:00:00-04:00", "480");

    [Fact]
    public Task Elapsed_counts_the_real_hours_of_a_window_shortened_by_the_spring_change() =>
        AssertElapsed(files.Dst, "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", "120");

    [Fact]
    public Task Elapsed_counts_the_real_hours_of_a_window_lengthened_by_the_autumn_change() =>
        AssertElapsed(files.Dst, "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00", "240");

    [Fact]
    public Task Elapsed_counts_an_overnight_window_on_the_day_it_starts() =>
        // Friday 22:00 to Saturday 06:00 counts although Saturday is a holiday.
        AssertElapsed(files.Night, "2026-03-27T00:00:00+01:00", "2026-03-29T00:00:00+01:00", "480");

    [Fact]
    public Task Elapsed_skips_days_closed_by_the_ical_file() =>
        // Monday to Friday, 30 March to 3 April 2026, less Tuesday and Wednesday from closures.ics.
        AssertElapsed(files.WithIcal, "2026-03-30T00:00:00+02:00", "2026-04-04T00:00:00+02:00", "1440");
}
