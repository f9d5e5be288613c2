namespace Pledge.Tests.Calendars;

/// <summary>Elapsed business time computed by hand (DST cases are in <see cref="DstTableTests"/>).</summary>
public sealed class ElapsedTableTests
{
    [Theory]
    // The office week of 2026-03-02: four 8-hour days and Tuesday's 7.
    [InlineData("office", "2026-03-02T00:00+01:00", "2026-03-09T00:00+01:00", 2340)]
    [InlineData("office", "2026-03-02T12:00+01:00", "2026-03-02T12:00+01:00", 0)]
    // Signed: backwards is negative.
    [InlineData("office", "2026-03-02T10:00+01:00", "2026-03-02T09:00+01:00", -60)]
    [InlineData("office", "2026-03-09T00:00+01:00", "2026-03-02T00:00+01:00", -2340)]
    // Across the lunch break.
    [InlineData("office", "2026-03-03T11:30+01:00", "2026-03-03T13:30+01:00", 60)]
    // A weekend holds nothing.
    [InlineData("office", "2026-03-07T00:00+01:00", "2026-03-08T23:59+01:00", 0)]
    // Outside hours to outside hours.
    [InlineData("office", "2026-03-02T18:00+01:00", "2026-03-03T08:00+01:00", 0)]
    // Christmas week 2026: Mon 480, Tue 420, Wed 480, Thu 24 shortened 180, Fri 25 closed.
    [InlineData("office", "2026-12-21T00:00+01:00", "2026-12-28T00:00+01:00", 1560)]
    // 2025: Thursday 25 open, Friday 26 closed by the annual holiday.
    [InlineData("office", "2025-12-25T00:00+01:00", "2025-12-27T00:00+01:00", 480)]
    // Leap day 2028 (a Tuesday) closed; Monday 28 open.
    [InlineData("office", "2028-02-28T00:00+01:00", "2028-03-01T00:00+01:00", 480)]
    // 2027 has no leap day: Friday 26 and Monday 03-01 are both open.
    [InlineData("office", "2027-02-26T00:00+01:00", "2027-03-02T00:00+01:00", 960)]
    // Sunday 23:30 in Berlin (00:30+02:00) to Monday 09:30: 30 minutes.
    [InlineData("office", "2026-03-02T00:30+02:00", "2026-03-02T09:30+01:00", 30)]
    // Fractions: 30 s.
    [InlineData("office", "2026-03-02T16:59:30+01:00", "2026-03-03T09:00:00+01:00", 0.5)]
    // A year of 8x5 (261 days of 480), three years (782 days), and backwards.
    [InlineData("8x5", "2026-01-01T00:00+01:00", "2027-01-01T00:00+01:00", 125280)]
    [InlineData("8x5", "2026-01-01T00:00+01:00", "2029-01-01T00:00+01:00", 375360)]
    [InlineData("8x5", "2029-01-01T00:00+01:00", "2026-01-01T00:00+01:00", -375360)]
    // A leap year of 24x7 in UTC.
    [InlineData("24x7-utc", "2024-01-01T00:00Z", "2025-01-01T00:00Z", 527040)]
    // 2000-2040 of 24x7: 40 years with 10 leap days (2000, 2004, ..., 2036) = 14610 days.
    [InlineData("24x7-utc", "2000-01-01T00:00Z", "2040-01-01T00:00Z", 21038400)]
    // Overnight: only Friday's night (Saturday 2026-03-07 is a holiday).
    [InlineData("night-berlin", "2026-03-06T00:00+01:00", "2026-03-09T00:00+01:00", 480)]
    // A night across New Year, 22:00-06:00 in Tehran.
    [InlineData("night-tehran", "2025-12-31T12:00+03:30", "2026-01-01T12:00+03:30", 480)]
    public void Elapsed_matches_the_table(string calendar, string from, string to, double minutes) =>
        AssertElapsed(calendar, from, to, minutes);

    internal static void AssertElapsed(string calendar, string from, string to, double minutes)
    {
        var business = TestCalendars.Get(calendar);
        var a = Iso.Instant(from);
        var b = Iso.Instant(to);

        Assert.Equal(Iso.Minutes(minutes), business.Elapsed(a, b));
        // Signed: elapsed(a, b) = -elapsed(b, a).
        Assert.Equal(-Iso.Minutes(minutes), business.Elapsed(b, a));
        Assert.Equal(Iso.Minutes(minutes).BclCompatibleTicks, business.ElapsedTicks(a.ToUnixTimeTicks(), b.ToUnixTimeTicks()));
    }
}
