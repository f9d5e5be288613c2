using NodaTime;

namespace Pledge.Tests.Calendars;

/// <summary>
/// Due instants computed by hand, on calendars without offset changes in play
/// (DST cases are in <see cref="DstTableTests"/>).
/// </summary>
/// <remarks>
/// "office" is Europe/Berlin (+01:00 in winter): Mon, Wed-Fri 09:00-17:00, Tue 09:00-12:00 and 13:00-17:00;
/// 2026-12-25 closed, 2026-12-24 09:00-12:00, every 12-26 and every 02-29 closed.
/// 2026-03-02 is a Monday; 2026-02-27 and 2026-03-06 are Fridays.
/// </remarks>
public sealed class DueTableTests
{
    [Theory]
    // Starts inside a window: plain addition.
    [InlineData("office", "2026-03-02T10:00+01:00", 60, "2026-03-02T11:00+01:00")]
    // Starts before the opening: counts from 09:00.
    [InlineData("office", "2026-03-02T07:00+01:00", 60, "2026-03-02T10:00+01:00")]
    // Starts after the close: counts from Tuesday 09:00.
    [InlineData("office", "2026-03-02T18:00+01:00", 60, "2026-03-03T10:00+01:00")]
    // Starts exactly at the opening; a whole day lands exactly on the close and stays there.
    [InlineData("office", "2026-03-02T09:00+01:00", 480, "2026-03-02T17:00+01:00")]
    // Starts exactly at the close (windows are half-open, so it is closed): counts from Tuesday.
    [InlineData("office", "2026-03-02T17:00+01:00", 60, "2026-03-03T10:00+01:00")]
    // Lands exactly on the close: 17:00 Monday, not 09:00 Tuesday.
    [InlineData("office", "2026-03-02T16:00+01:00", 60, "2026-03-02T17:00+01:00")]
    // Tuesday's lunch break: 11:30-12:00 (30) then 13:00-13:30 (30).
    [InlineData("office", "2026-03-03T11:30+01:00", 60, "2026-03-03T13:30+01:00")]
    // Lands on the morning window's end: 12:00, not 13:00.
    [InlineData("office", "2026-03-03T11:00+01:00", 60, "2026-03-03T12:00+01:00")]
    // Starts inside the lunch break.
    [InlineData("office", "2026-03-03T12:30+01:00", 30, "2026-03-03T13:30+01:00")]
    // Friday 16:00-17:00 (60), weekend closed, Monday 09:00-10:00 (60).
    [InlineData("office", "2026-03-06T16:00+01:00", 120, "2026-03-09T10:00+01:00")]
    // Starts on a Saturday.
    [InlineData("office", "2026-03-07T12:00+01:00", 60, "2026-03-09T10:00+01:00")]
    // Two days and a bit: Mon 10-17 (420), Tue 9-12 and 13-17 (420), Wed 9:00-9:30 (30).
    [InlineData("office", "2026-03-02T10:00+01:00", 870, "2026-03-04T09:30+01:00")]
    public void Due_with_a_positive_duration_matches_the_table(string calendar, string start, double minutes, string expected) =>
        AssertDue(calendar, start, minutes, expected);

    [Theory]
    // Zero: the first business instant at or after the start.
    [InlineData("office", "2026-03-02T07:00+01:00", 0, "2026-03-02T09:00+01:00")]
    [InlineData("office", "2026-03-02T09:00+01:00", 0, "2026-03-02T09:00+01:00")]
    [InlineData("office", "2026-03-02T10:00+01:00", 0, "2026-03-02T10:00+01:00")]
    // At a close the calendar is closed, so zero moves on to the next opening.
    [InlineData("office", "2026-03-02T17:00+01:00", 0, "2026-03-03T09:00+01:00")]
    [InlineData("office", "2026-03-03T12:00+01:00", 0, "2026-03-03T13:00+01:00")]
    [InlineData("office", "2026-03-06T17:00+01:00", 0, "2026-03-09T09:00+01:00")]
    public void Due_with_zero_gives_the_first_business_instant_at_or_after_the_start(string calendar, string start, double minutes, string expected) =>
        AssertDue(calendar, start, minutes, expected);

    [Theory]
    // Back 60 from 10:00 is exactly the opening: the opening, not Friday's close.
    [InlineData("office", "2026-03-02T10:00+01:00", -60, "2026-03-02T09:00+01:00")]
    [InlineData("office", "2026-03-02T10:00+01:00", -30, "2026-03-02T09:30+01:00")]
    // From an opening: Friday 16:00.
    [InlineData("office", "2026-03-02T09:00+01:00", -60, "2026-02-27T16:00+01:00")]
    // From before the opening: same.
    [InlineData("office", "2026-03-02T07:00+01:00", -60, "2026-02-27T16:00+01:00")]
    // Back over the lunch break: 13:00-13:30 (30), 11:30-12:00 (30).
    [InlineData("office", "2026-03-03T13:30+01:00", -60, "2026-03-03T11:30+01:00")]
    // Lands exactly on the afternoon opening: 13:00, not 12:00.
    [InlineData("office", "2026-03-03T13:30+01:00", -30, "2026-03-03T13:00+01:00")]
    // From the afternoon opening, the whole morning (180): lands on 09:00.
    [InlineData("office", "2026-03-03T13:00+01:00", -180, "2026-03-03T09:00+01:00")]
    // A whole Friday back from Monday's opening lands on Friday 09:00.
    [InlineData("office", "2026-03-09T09:00+01:00", -480, "2026-03-06T09:00+01:00")]
    // Monday 09-12 (180) and Friday 17:00 back 420 = 10:00.
    [InlineData("office", "2026-03-09T12:00+01:00", -600, "2026-03-06T10:00+01:00")]
    public void Due_with_a_negative_duration_counts_backwards(string calendar, string start, double minutes, string expected) =>
        AssertDue(calendar, start, minutes, expected);

    [Theory]
    [InlineData("office", "2026-03-02T10:00+01:00", 0.5, "2026-03-02T10:00:30+01:00")]
    [InlineData("office", "2026-03-02T10:00+01:00", 0.25, "2026-03-02T10:00:15+01:00")]
    [InlineData("office", "2026-03-02T10:00+01:00", 1.5, "2026-03-02T10:01:30+01:00")]
    // Half a second before the close, then 29.5 s on Tuesday.
    [InlineData("office", "2026-03-02T16:59:59.5+01:00", 0.5, "2026-03-03T09:00:29.5+01:00")]
    // Back 10 s to Tuesday's opening, then 20 s before Monday's close.
    [InlineData("office", "2026-03-03T09:00:10+01:00", -0.5, "2026-03-02T16:59:40+01:00")]
    public void Due_with_a_fractional_duration_is_exact(string calendar, string start, double minutes, string expected) =>
        AssertDue(calendar, start, minutes, expected);

    [Theory]
    // 2026-12-23 is a Wednesday: 16-17 (60); Thursday 24 is shortened to 09-12: 09-10 (60).
    [InlineData("office", "2026-12-23T16:00+01:00", 120, "2026-12-24T10:00+01:00")]
    // 11-12 on the shortened day (60); Friday 25 closed; weekend; Monday 28 09-10.
    [InlineData("office", "2026-12-24T11:00+01:00", 120, "2026-12-28T10:00+01:00")]
    // The shortened day is closed after 12:00.
    [InlineData("office", "2026-12-24T13:00+01:00", 0, "2026-12-28T09:00+01:00")]
    // Backwards: Monday 09-10 (60), then the shortened day from 12:00 back 60.
    [InlineData("office", "2026-12-28T10:00+01:00", -120, "2026-12-24T11:00+01:00")]
    // 2025-12-25 is a Thursday and open (the dated holiday is 2026 only); Friday 26 is closed by the annual 12-26.
    [InlineData("office", "2025-12-25T16:00+01:00", 120, "2025-12-29T10:00+01:00")]
    [InlineData("office", "2025-12-26T12:00+01:00", 0, "2025-12-29T09:00+01:00")]
    // 2030-12-26 is a Thursday, closed by the annual holiday; Wednesday 25 is open.
    [InlineData("office", "2030-12-25T16:00+01:00", 120, "2030-12-27T10:00+01:00")]
    // 2028 is a leap year: Tuesday 02-29 is closed, so Monday 16-17 then Wednesday 03-01 09-10.
    [InlineData("office", "2028-02-28T16:00+01:00", 120, "2028-03-01T10:00+01:00")]
    // 2027 has no 02-29: the holiday does not move to 02-28 or 03-01 (Friday 26, Monday 03-01 open).
    [InlineData("office", "2027-02-26T16:00+01:00", 120, "2027-03-01T10:00+01:00")]
    // 2029-02-28 is a Wednesday and open.
    [InlineData("office", "2029-02-28T10:00+01:00", 60, "2029-02-28T11:00+01:00")]
    public void Due_skips_holidays_and_shortened_days(string calendar, string start, double minutes, string expected) =>
        AssertDue(calendar, start, minutes, expected);

    [Theory]
    // 00:30+02:00 is Sunday 23:30 in Berlin: the working day is Monday's, read in Berlin.
    [InlineData("office", "2026-03-02T00:30+02:00", 0, "2026-03-02T09:00+01:00")]
    [InlineData("office", "2026-03-02T00:30+02:00", 60, "2026-03-02T10:00+01:00")]
    // 09:30-05:00 is 15:30 in Berlin: an hour later is 16:30.
    [InlineData("office", "2026-03-02T09:30-05:00", 60, "2026-03-02T16:30+01:00")]
    // Friday 23:30-05:00 is Saturday 05:30 in Berlin: closed until Monday.
    [InlineData("office", "2026-03-06T23:30-05:00", 0, "2026-03-09T09:00+01:00")]
    // 08:30Z is 09:30 in Berlin.
    [InlineData("office", "2026-03-02T08:30Z", 30, "2026-03-02T10:00+01:00")]
    // Sunday 23:30-10:00 is Monday 10:30 in Berlin: open.
    [InlineData("office", "2026-03-01T23:30-10:00", 0, "2026-03-02T10:30+01:00")]
    public void Due_decides_the_working_day_in_the_calendar_zone(string calendar, string start, double minutes, string expected) =>
        AssertDue(calendar, start, minutes, expected);

    [Theory]
    // 365 days of 24x7 in UTC.
    [InlineData("24x7-utc", "2026-01-01T00:00Z", 525600, "2027-01-01T00:00Z")]
    // Through a leap day.
    [InlineData("24x7-utc", "2024-02-28T12:00Z", 1440, "2024-02-29T12:00Z")]
    [InlineData("24x7-utc", "2026-01-01T00:00Z", -1440, "2025-12-31T00:00Z")]
    // Ten years in Berlin: 2020..2029 hold three leap years, 3653 days (DST changes cancel out each year).
    [InlineData("24x7-berlin", "2020-01-01T00:00+01:00", 5260320, "2030-01-01T00:00+01:00")]
    [InlineData("24x7-berlin", "2030-01-01T00:00+01:00", -5260320, "2020-01-01T00:00+01:00")]
    // 8x5 in 2026: 365 days from a Thursday = 52 weeks + 1 weekday = 261 days of 480 = 125280 minutes,
    // ending on Thursday 2026-12-31 at 17:00 (a window end).
    [InlineData("8x5", "2026-01-01T00:00+01:00", 125280, "2026-12-31T17:00+01:00")]
    // One minute more: Friday 2027-01-01 09:01.
    [InlineData("8x5", "2026-01-01T00:00+01:00", 125281, "2027-01-01T09:01+01:00")]
    // Backwards a whole year lands on the first opening, Thursday 2026-01-01 09:00.
    [InlineData("8x5", "2027-01-01T00:00+01:00", -125280, "2026-01-01T09:00+01:00")]
    // Three years: 2026 (261), 2027 from a Friday (261), 2028 leap from a Saturday (52 weeks + Sat + Sun = 260):
    // 782 days = 375360 minutes, ending Friday 2028-12-29 17:00 (Dec 30-31 are a weekend).
    [InlineData("8x5", "2026-01-01T00:00+01:00", 375360, "2028-12-29T17:00+01:00")]
    public void Due_over_years_matches_day_counting(string calendar, string start, double minutes, string expected) =>
        AssertDue(calendar, start, minutes, expected);

    [Theory]
    // "night-berlin": Friday and Saturday 22:00-06:00; Saturday 2026-03-07 is a holiday.
    // A whole night lands on its end, Saturday 06:00.
    [InlineData("night-berlin", "2026-03-06T22:00+01:00", 480, "2026-03-07T06:00+01:00")]
    // Friday 23:00-06:00 (420); Saturday 7's night is closed by the holiday; Friday 13 22:00-23:00 (60).
    [InlineData("night-berlin", "2026-03-06T23:00+01:00", 480, "2026-03-13T23:00+01:00")]
    // The holiday on Saturday does not cut Friday's night, which runs to Saturday 06:00.
    [InlineData("night-berlin", "2026-03-07T03:00+01:00", 60, "2026-03-07T04:00+01:00")]
    [InlineData("night-berlin", "2026-03-07T03:00+01:00", 0, "2026-03-07T03:00+01:00")]
    [InlineData("night-berlin", "2026-03-07T12:00+01:00", 0, "2026-03-13T22:00+01:00")]
    // Friday 13's night from 01:00 to 06:00 is 300; one more minute is Saturday 14's night.
    [InlineData("night-berlin", "2026-03-14T01:00+01:00", 300, "2026-03-14T06:00+01:00")]
    [InlineData("night-berlin", "2026-03-14T01:00+01:00", 301, "2026-03-14T22:01+01:00")]
    // Backwards from Monday: Saturday 7's night is closed, Friday 6's ends Saturday 06:00.
    [InlineData("night-berlin", "2026-03-09T12:00+01:00", -60, "2026-03-07T05:00+01:00")]
    // "night-tehran" (every day 22:00-06:00, +03:30 without DST since 2023): a night crossing New Year
    // is one window, although the engine builds years separately.
    [InlineData("night-tehran", "2025-12-31T23:00+03:30", 300, "2026-01-01T04:00+03:30")]
    [InlineData("night-tehran", "2026-01-01T04:00+03:30", -300, "2025-12-31T23:00+03:30")]
    public void Due_on_overnight_windows_matches_the_table(string calendar, string start, double minutes, string expected) =>
        AssertDue(calendar, start, minutes, expected);

    [Theory]
    // "leap-only" opens 09:00-17:00 on 29 February only: the engine must look years ahead or back.
    [InlineData("leap-only", "2025-01-01T00:00+01:00", 60, "2028-02-29T10:00+01:00")]
    [InlineData("leap-only", "2025-01-01T00:00+01:00", 0, "2028-02-29T09:00+01:00")]
    [InlineData("leap-only", "2027-06-01T00:00+02:00", -60, "2024-02-29T16:00+01:00")]
    // A whole leap day and one more hour: the next leap day.
    [InlineData("leap-only", "2028-02-29T09:00+01:00", 540, "2032-02-29T10:00+01:00")]
    // 2100 is not a leap year: from 2096 the next is 2104.
    [InlineData("leap-only", "2096-03-01T00:00+01:00", 60, "2104-02-29T10:00+01:00")]
    public void Due_on_a_calendar_open_only_on_leap_days(string calendar, string start, double minutes, string expected) =>
        AssertDue(calendar, start, minutes, expected);

    [Theory]
    [InlineData("office", "2026-03-02T10:00+01:00", 1, "2026-03-02T10:00:00.0000001+01:00")]
    // One tick before the close plus one tick is the close.
    [InlineData("office", "2026-03-02T16:59:59.9999999+01:00", 1, "2026-03-02T17:00+01:00")]
    [InlineData("office", "2026-03-02T17:00+01:00", 1, "2026-03-03T09:00:00.0000001+01:00")]
    // One tick after the opening minus one tick is the opening.
    [InlineData("office", "2026-03-02T09:00:00.0000001+01:00", -1, "2026-03-02T09:00+01:00")]
    [InlineData("office", "2026-03-02T09:00+01:00", -1, "2026-02-27T16:59:59.9999999+01:00")]
    [InlineData("office", "2026-03-02T08:59:59.9999999+01:00", 0, "2026-03-02T09:00+01:00")]
    public void Due_is_exact_to_the_tick(string calendar, string start, long ticks, string expected)
    {
        var business = TestCalendars.Get(calendar);
        var from = Iso.Instant(start);

        var due = business.Due(from, Duration.FromTicks(ticks));

        Assert.Equal(Iso.Normalise(expected, business.Zone), Iso.InZone(due, business.Zone));
        Assert.Equal(ticks, business.Elapsed(from, due).BclCompatibleTicks);
        // The tick-level API agrees with the NodaTime one.
        Assert.Equal(due.ToUnixTimeTicks(), business.DueUnixTicks(from.ToUnixTimeTicks(), ticks));
        Assert.Equal(ticks, business.ElapsedTicks(from.ToUnixTimeTicks(), due.ToUnixTimeTicks()));
    }

    [Fact]
    public void Due_of_zero_after_a_due_on_a_window_end_moves_to_the_next_opening()
    {
        // The documented exception to Due(Due(s, a), b) == Due(s, a + b): it holds for b > 0, not for b = 0
        // when Due(s, a) is a window end, because zero means "the first business instant at or after".
        var office = TestCalendars.Get("office");
        var start = Iso.Instant("2026-03-02T16:00+01:00");

        var due = office.Due(start, Duration.FromHours(1));
        var again = office.Due(due, Duration.Zero);

        Assert.Equal(Iso.Instant("2026-03-02T17:00+01:00"), due);
        Assert.Equal(Iso.Instant("2026-03-03T09:00+01:00"), again);
        Assert.NotEqual(due, again);
        // With b > 0 the composition holds again.
        Assert.Equal(office.Due(start, Duration.FromHours(1) + Duration.FromTicks(1)), office.Due(due, Duration.FromTicks(1)));
        Assert.Equal(Iso.Instant("2026-03-03T09:00:00.0000001+01:00"), office.Due(due, Duration.FromTicks(1)));
    }

    internal static void AssertDue(string calendar, string start, double minutes, string expected)
    {
        var business = TestCalendars.Get(calendar);
        var from = Iso.Instant(start);
        var duration = Iso.Minutes(minutes);

        var due = business.Due(from, duration);

        Assert.Equal(Iso.Normalise(expected, business.Zone), Iso.InZone(due, business.Zone));
        // Elapsed(s, Due(s, d)) == d for every row, whatever its sign.
        Assert.Equal(duration, business.Elapsed(from, due));
    }
}
