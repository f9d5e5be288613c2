using NodaTime;

namespace Pledge.Tests.Calendars;

/// <summary>Local years 1900-2199 are computed; anything outside throws <see cref="ArgumentOutOfRangeException"/>.</summary>
public sealed class SupportedRangeTests
{
    [Theory]
    [InlineData("1899-06-01T12:00Z")]
    [InlineData("2200-06-01T12:00Z")]
    public void Every_operation_outside_the_supported_years_throws(string text)
    {
        var office = TestCalendars.Fresh("office");
        var outside = Iso.Instant(text);
        var inside = Iso.Instant("2026-03-02T10:00+01:00");

        Assert.Throws<ArgumentOutOfRangeException>(() => office.Due(outside, Duration.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => office.Due(outside, Duration.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => office.Elapsed(outside, inside));
        Assert.Throws<ArgumentOutOfRangeException>(() => office.Elapsed(inside, outside));
        Assert.Throws<ArgumentOutOfRangeException>(() => office.IsOpen(outside));
        Assert.Throws<ArgumentOutOfRangeException>(() => office.NextOpening(outside));
    }

    [Fact]
    public void The_first_and_last_local_years_are_computed()
    {
        var office = TestCalendars.Fresh("office");

        // 1900-01-01 was a Monday; Berlin kept +01:00 then.
        Assert.Equal(Iso.Instant("1900-01-01T09:00+01:00"), office.Due(Iso.Instant("1900-01-01T00:00+01:00"), Duration.Zero));
        // 2199-12-31 is a Tuesday.
        Assert.True(office.IsOpen(Iso.Instant("2199-12-31T10:00+01:00")));
        Assert.Equal(
            Iso.Instant("2199-12-31T17:00+01:00"),
            office.Due(Iso.Instant("2199-12-31T16:00+01:00"), Duration.FromHours(1)));
        Assert.Equal(Duration.FromHours(7), office.Elapsed(Iso.Instant("2199-12-31T00:00+01:00"), Iso.Instant("2199-12-31T23:59:59+01:00")));
    }

    [Fact]
    public void A_result_beyond_the_supported_years_throws()
    {
        var office = TestCalendars.Fresh("office");
        var lastEvening = Iso.Instant("2199-12-31T18:00+01:00");

        Assert.Throws<ArgumentOutOfRangeException>(() => office.Due(lastEvening, Duration.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => office.Due(lastEvening, Duration.Zero));
        Assert.Null(office.NextOpening(lastEvening));
        Assert.Throws<ArgumentOutOfRangeException>(() => office.Due(Iso.Instant("1900-01-01T10:00+01:00"), Duration.FromMinutes(-61)));
        Assert.Throws<ArgumentOutOfRangeException>(() => office.Due(Iso.Instant("2026-01-01T00:00Z"), Duration.FromDays(200 * 366)));
        Assert.Throws<ArgumentOutOfRangeException>(() => office.Due(Iso.Instant("2026-01-01T00:00Z"), -Duration.FromDays(200 * 366)));
    }

    [Fact]
    public void A_calendar_with_no_business_time_left_before_2200_throws_rather_than_searching_forever()
    {
        // "leap-only" opens on 29 February only; 2196 is the last leap year before 2200 (which is not one anyway).
        var leapOnly = TestCalendars.Fresh("leap-only");
        var after = Iso.Instant("2196-03-01T00:00+01:00");

        Assert.Null(leapOnly.NextOpening(after));
        Assert.Throws<ArgumentOutOfRangeException>(() => leapOnly.Due(after, Duration.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => leapOnly.Due(after, Duration.Zero));
        Assert.Equal(Iso.Instant("2196-02-29T16:00+01:00"), leapOnly.Due(after, Duration.FromMinutes(-60)));
        Assert.Equal(Duration.Zero, leapOnly.Elapsed(after, Iso.Instant("2199-12-31T23:00+01:00")));
    }

    // Regression: Position(start) + long.MaxValue overflowed to a negative position, which the engine then
    // looked up as if valid (an unchecked index: an access violation that took the process down).
    public static TheoryData<long> HugeDurations => new() { long.MaxValue, long.MaxValue - 1_000_000, long.MinValue, long.MinValue + 1 };

    [Theory]
    [MemberData(nameof(HugeDurations))]
    public void Due_with_the_largest_durations_throws_instead_of_overflowing(long businessTicks)
    {
        var always = TestCalendars.Fresh("24x7-utc");
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => always.DueUnixTicks(start.ToUnixTimeTicks(), businessTicks));
        Assert.Throws<ArgumentOutOfRangeException>(() => always.Due(start, Duration.FromTicks(businessTicks)));
    }

    [Fact]
    public void Due_with_Duration_MaxValue_throws_out_of_range_not_overflow()
    {
        var always = TestCalendars.Fresh("24x7-utc");
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => always.Due(start, Duration.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => always.Due(start, Duration.MinValue));
    }
}
