using NodaTime;

namespace Pledge.Tests.Calendars;

/// <summary>IsOpen, NextOpening, NextClosing and Windows on hand-checked instants.</summary>
public sealed class OpeningTableTests
{
    [Theory]
    // Half-open windows: the opening is open, the close is closed.
    [InlineData("office", "2026-03-02T09:00+01:00", true)]
    [InlineData("office", "2026-03-02T08:59:59.9999999+01:00", false)]
    [InlineData("office", "2026-03-02T16:59:59.9999999+01:00", true)]
    [InlineData("office", "2026-03-02T17:00+01:00", false)]
    [InlineData("office", "2026-03-03T12:00+01:00", false)]
    [InlineData("office", "2026-03-03T13:00+01:00", true)]
    [InlineData("office", "2026-03-07T12:00+01:00", false)]
    // Holidays.
    [InlineData("office", "2026-12-24T11:59+01:00", true)]
    [InlineData("office", "2026-12-24T12:00+01:00", false)]
    [InlineData("office", "2026-12-25T10:00+01:00", false)]
    [InlineData("office", "2025-12-25T10:00+01:00", true)]
    [InlineData("office", "2025-12-26T10:00+01:00", false)]
    [InlineData("office", "2028-02-29T10:00+01:00", false)]
    [InlineData("office", "2029-02-28T10:00+01:00", true)]
    [InlineData("office", "2027-03-01T10:00+01:00", true)]
    // The day is read in Berlin: 08:30Z is 09:30 there; 23:30-01:00 on Sunday is Monday 01:30 there.
    [InlineData("office", "2026-03-02T08:30Z", true)]
    [InlineData("office", "2026-03-01T23:30-01:00", false)]
    [InlineData("office", "2026-03-02T00:30+02:00", false)]
    // Friday's night runs into the Saturday holiday; Saturday's own night is closed.
    [InlineData("night-berlin", "2026-03-07T03:00+01:00", true)]
    [InlineData("night-berlin", "2026-03-07T23:00+01:00", false)]
    [InlineData("night-berlin", "2026-03-08T03:00+01:00", false)]
    [InlineData("night-berlin", "2026-03-14T03:00+01:00", true)]
    [InlineData("24x7-utc", "2026-06-15T03:00Z", true)]
    public void IsOpen_matches_the_table(string calendar, string instant, bool expected) =>
        Assert.Equal(expected, TestCalendars.Get(calendar).IsOpen(Iso.Instant(instant)));

    [Theory]
    [InlineData("office", "2026-03-02T07:00+01:00", "2026-03-02T09:00+01:00")]
    [InlineData("office", "2026-03-02T10:00+01:00", "2026-03-02T10:00+01:00")]
    [InlineData("office", "2026-03-02T17:00+01:00", "2026-03-03T09:00+01:00")]
    [InlineData("office", "2026-03-03T12:00+01:00", "2026-03-03T13:00+01:00")]
    [InlineData("office", "2026-03-06T17:00+01:00", "2026-03-09T09:00+01:00")]
    [InlineData("office", "2026-12-24T12:00+01:00", "2026-12-28T09:00+01:00")]
    [InlineData("office", "2028-02-28T17:00+01:00", "2028-03-01T09:00+01:00")]
    // An opening inside the spring gap is the first instant after it.
    [InlineData("gap-open-berlin", "2026-03-29T00:00+01:00", "2026-03-29T03:00+02:00")]
    // After the first 02:30 in autumn, 00:30-02:30 opens again at the second 02:00.
    [InlineData("gap-close-berlin", "2026-10-25T02:45+02:00", "2026-10-25T02:00+01:00")]
    [InlineData("midnight-saopaulo", "2016-10-15T12:00-03:00", "2016-10-15T22:00-03:00")]
    public void NextOpening_matches_the_table(string calendar, string instant, string expected)
    {
        var business = TestCalendars.Get(calendar);

        var opening = business.NextOpening(Iso.Instant(instant));

        Assert.NotNull(opening);
        Assert.Equal(Iso.Normalise(expected, business.Zone), Iso.InZone(opening.Value, business.Zone));
    }

    [Theory]
    [InlineData("office", "2026-03-02T10:00+01:00", "2026-03-02T17:00+01:00")]
    // Already closed: the instant itself.
    [InlineData("office", "2026-03-02T07:00+01:00", "2026-03-02T07:00+01:00")]
    [InlineData("office", "2026-03-02T17:00+01:00", "2026-03-02T17:00+01:00")]
    [InlineData("office", "2026-03-03T10:00+01:00", "2026-03-03T12:00+01:00")]
    [InlineData("office", "2026-12-24T10:00+01:00", "2026-12-24T12:00+01:00")]
    // Windows that touch across the spring gap in Sao Paulo are one: Saturday 22:00 to Sunday 02:00.
    [InlineData("midnight-saopaulo", "2016-10-15T22:30-03:00", "2016-10-16T02:00-02:00")]
    [InlineData("midnight-saopaulo", "2017-02-18T22:30-02:00", "2017-02-19T02:00-03:00")]
    [InlineData("gap-close-berlin", "2026-10-25T01:00+02:00", "2026-10-25T02:30+02:00")]
    // A holiday on Saturday does not cut Friday's night.
    [InlineData("night-berlin", "2026-03-06T23:00+01:00", "2026-03-07T06:00+01:00")]
    // A night across New Year is one window, although the engine builds years separately.
    [InlineData("night-tehran", "2025-12-31T23:00+03:30", "2026-01-01T06:00+03:30")]
    public void NextClosing_matches_the_table(string calendar, string instant, string expected)
    {
        var business = TestCalendars.Get(calendar);

        var closing = business.NextClosing(Iso.Instant(instant));

        Assert.NotNull(closing);
        Assert.Equal(Iso.Normalise(expected, business.Zone), Iso.InZone(closing.Value, business.Zone));
    }

    [Fact]
    public void NextClosing_is_null_on_a_calendar_that_never_closes()
    {
        // 24x7: open until the end of the supported years, so there is no closing to report.
        var always = TestCalendars.Fresh("24x7-utc");

        Assert.Null(always.NextClosing(Iso.Instant("2026-06-15T12:00Z")));
        Assert.True(always.IsOpen(Iso.Instant("2199-12-31T23:59:59Z")));
        Assert.True(always.IsOpen(Iso.Instant("1900-01-01T00:00Z")));
    }

    [Theory]
    [InlineData("office", "2026-03-02T00:00+01:00", "2026-03-04T00:00+01:00",
        "2026-03-02T09:00+01:00/2026-03-02T17:00+01:00 2026-03-03T09:00+01:00/2026-03-03T12:00+01:00 2026-03-03T13:00+01:00/2026-03-03T17:00+01:00")]
    // Clipped to the range asked for.
    [InlineData("office", "2026-03-02T10:00+01:00", "2026-03-03T10:00+01:00",
        "2026-03-02T10:00+01:00/2026-03-02T17:00+01:00 2026-03-03T09:00+01:00/2026-03-03T10:00+01:00")]
    [InlineData("office", "2026-03-07T00:00+01:00", "2026-03-09T00:00+01:00", "")]
    [InlineData("office", "2026-03-03T10:00+01:00", "2026-03-02T10:00+01:00", "")]
    // Autumn: 00:30-02:30 is two pieces, the first and the second pass.
    [InlineData("gap-close-berlin", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00",
        "2026-10-25T00:30+02:00/2026-10-25T02:30+02:00 2026-10-25T02:00+01:00/2026-10-25T02:30+01:00")]
    // 24x7 over two year ends is a single window.
    [InlineData("24x7-utc", "2025-06-01T00:00Z", "2027-06-01T00:00Z", "2025-06-01T00:00Z/2027-06-01T00:00Z")]
    [InlineData("night-tehran", "2025-12-31T12:00+03:30", "2026-01-01T12:00+03:30", "2025-12-31T22:00+03:30/2026-01-01T06:00+03:30")]
    public void Windows_matches_the_table(string calendar, string from, string to, string expected)
    {
        var business = TestCalendars.Get(calendar);
        var a = Iso.Instant(from);
        var b = Iso.Instant(to);

        var windows = business.Windows(a, b);

        var expectedWindows = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Split('/'))
            .Select(p => $"{Iso.Normalise(p[0], business.Zone)}/{Iso.Normalise(p[1], business.Zone)}");
        Assert.Equal(expectedWindows, windows.Select(w => $"{Iso.InZone(w.Start, business.Zone)}/{Iso.InZone(w.End, business.Zone)}"));
        // The windows hold exactly the elapsed business time.
        var total = windows.Aggregate(Duration.Zero, (sum, w) => sum + w.Duration);
        Assert.Equal(b > a ? business.Elapsed(a, b) : Duration.Zero, total);
    }
}
