using NodaTime;
using Pledge.Budgets;
using Pledge.Tests.Calendars;
using static Pledge.Tests.Budgets.Months;

namespace Pledge.Tests.Budgets;

public sealed class TimeSeriesBadnessTests
{
    private static readonly Interval ElevenToNoon = new(March10(11, 0), March10(12, 0));

    [Fact]
    public void Half_an_hour_down_in_the_last_hour_is_a_bad_fraction_of_one_half()
    {
        var series = new TimeSeriesBadness([(March10(11, 30), March10(12, 30), 1.0)]);

        var count = series.Count(ElevenToNoon);

        Assert.Equal(new BadCount(30, 60), count);
        Assert.Equal(500, BurnRate.Of(count, 0.999));
    }

    [Fact]
    public void A_partial_outage_counts_at_its_weight()
    {
        var series = new TimeSeriesBadness([(March10(10, 0), March10(13, 0), 0.5)]);

        Assert.Equal(new BadCount(30, 60), series.Count(ElevenToNoon));
    }

    [Fact]
    public void Overlapping_downtime_counts_once_at_the_highest_weight()
    {
        // A full outage from 11:10 to 11:20 inside a partial one from 11:00 to 11:40: 5 + 10 + 10 minutes.
        var series = new TimeSeriesBadness(
        [
            (March10(11, 0), March10(11, 40), 0.5),
            (March10(11, 10), March10(11, 20), 1.0),
        ]);

        Assert.Equal(new BadCount(25, 60), series.Count(ElevenToNoon));
        Assert.Equal(
            new[] { (March10(11, 0), March10(11, 10), 0.5), (March10(11, 10), March10(11, 20), 1.0), (March10(11, 20), March10(11, 40), 0.5) },
            series.Segments.ToArray());
    }

    [Fact]
    public void Touching_and_overlapping_downtime_of_one_weight_joins_into_one_segment()
    {
        var series = new TimeSeriesBadness(
        [
            (March10(10, 30), March10(11, 0), 1.0),
            (March10(10, 0), March10(10, 30), 1.0),
            (March10(10, 50), March10(11, 15), 1.0),
            (March10(9, 0), March10(9, 0), 1.0), // empty
            (March10(8, 0), March10(9, 0), 0.0), // no loss
        ]);

        Assert.Equal(new[] { (March10(10, 0), March10(11, 15), 1.0) }, series.Segments.ToArray());
        Assert.Equal(new BadCount(15, 60), series.Count(ElevenToNoon));
    }

    [Fact]
    public void Downtime_outside_business_hours_costs_nothing()
    {
        // 8x5 in Berlin, 09:00-17:00: down from 16:30 to 18:00 local; the window 16:00-19:00 holds one business hour.
        var series = new TimeSeriesBadness([(March10Berlin(16, 30), March10Berlin(18, 0), 1.0)], TestCalendars.Get("8x5"));

        var count = series.Count(new Interval(March10Berlin(16, 0), March10Berlin(19, 0)));

        Assert.Equal(new BadCount(30, 60), count);
    }

    [Fact]
    public void A_window_without_business_time_has_no_burn_rate()
    {
        var series = new TimeSeriesBadness([(March10Berlin(20, 0), March10Berlin(21, 0), 1.0)], TestCalendars.Get("8x5"));

        var count = series.Count(new Interval(March10Berlin(20, 0), March10Berlin(23, 0)));

        Assert.Equal(new BadCount(0, 0), count);
        Assert.Null(BurnRate.Of(count, 0.999));
    }

    [Fact]
    public void The_downtime_of_a_month_spends_its_budget()
    {
        // Half-service for 22.32 minutes is 11.16 bad minutes: a quarter of January's 44.64.
        var january = Months.Month(2026, 1, DateTimeZone.Utc);
        var start = Instant.FromUtc(2026, 1, 15, 3, 0);
        var series = new TimeSeriesBadness([(start, start + Duration.FromSeconds(1339.2), 0.5)]);

        var status = ErrorBudget.ForPeriod(january, null, 0.999).Spend(series.Count(january).Bad);

        Assert.Equal(11.16, status.Spent);
        Assert.Equal(0.75, status.RemainingShare!.Value, 12);
    }

    [Fact]
    public void The_next_bad_instant_is_the_next_downtime_or_the_instant_itself_inside_one()
    {
        var series = new TimeSeriesBadness([(March10(11, 0), March10(11, 30), 1.0)]);

        Assert.Equal(March10(11, 0), series.NextBad(March10(10, 0)));
        Assert.Equal(March10(11, 10), series.NextBad(March10(11, 10)));
        Assert.Null(series.NextBad(March10(11, 30)));
    }

    [Fact]
    public void Impossible_segments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new TimeSeriesBadness([(March10(11, 0), March10(10, 0), 1.0)]));
        Assert.Throws<ArgumentException>(() => new TimeSeriesBadness([(March10(10, 0), March10(11, 0), 1.5)]));
        Assert.Throws<ArgumentException>(() => new TimeSeriesBadness([(March10(10, 0), March10(11, 0), double.NaN)]));
    }
}
