using NodaTime;
using Pledge.Budgets;
using static Pledge.Tests.Budgets.Months;

namespace Pledge.Tests.Budgets;

public sealed class EventSeriesBadnessTests
{
    private static readonly Interval ElevenToNoon = new(March10(11, 0), March10(12, 0));

    private static readonly EventSeriesBadness Series = new(
    [
        (March10(11, 0), false),
        (March10(10, 30), true),
        (March10(10, 0), false),
        (March10(10, 0), true),
    ]);

    [Fact]
    public void A_window_counts_the_outcomes_from_its_start_up_to_but_not_including_its_end()
    {
        Assert.Equal(new BadCount(2, 3), Series.Count(new Interval(March10(10, 0), March10(11, 0))));
        Assert.Equal(new BadCount(1, 1), Series.Count(new Interval(March10(10, 30), March10(11, 0))));
        Assert.Equal(new BadCount(0, 1), Series.Count(new Interval(March10(11, 0), March10(12, 0))));
        Assert.Equal(new BadCount(2, 4), Series.Count(new Interval(March10(9, 0), March10(12, 0))));
    }

    [Fact]
    public void A_window_without_outcomes_has_no_fraction()
    {
        var count = Series.Count(new Interval(March10(12, 0), March10(13, 0)));

        Assert.Equal(new BadCount(0, 0), count);
        Assert.Null(count.Fraction);
    }

    [Fact]
    public void The_series_knows_how_many_outcomes_it_holds_and_where_the_next_bad_one_is()
    {
        Assert.Equal(4, Series.Total);
        Assert.Equal(2, Series.Bad);
        Assert.Equal(March10(10, 0), Series.NextBad(March10(10, 0)));
        Assert.Equal(March10(10, 30), Series.NextBad(March10(10, 0) + Duration.FromTicks(1)));
        Assert.Null(Series.NextBad(March10(10, 31)));
    }

    [Fact]
    public void Counted_buckets_answer_like_the_outcomes_they_count()
    {
        // A million requests in the hour, as per-minute buckets with 250 failures in all.
        var buckets = Enumerable.Range(0, 60).Select(m => (March10(11, m), m < 10 ? 25L : 0L, 1_000_000L / 60 + (m < 1_000_000 % 60 ? 1 : 0)));
        var series = EventSeriesBadness.FromCounts(buckets);

        var count = series.Count(ElevenToNoon);

        Assert.Equal(new BadCount(250, 1_000_000), count);
        Assert.Equal(0.75, ErrorBudget.ForEvents((long)count.Total, 0.999).Spend(count.Bad).RemainingShare);
        Assert.Equal(new BadCount(25, 16667), series.Count(new Interval(March10(11, 9), March10(11, 10))));
        Assert.Equal(March10(11, 9), series.NextBad(March10(11, 8, 30)));
        Assert.Null(series.NextBad(March10(11, 9, 1)));
    }

    [Fact]
    public void A_bucket_with_more_failures_than_events_is_refused()
    {
        Assert.Throws<ArgumentException>(() => EventSeriesBadness.FromCounts([(March10(11, 0), 5L, 4L)]));
        Assert.Throws<ArgumentException>(() => EventSeriesBadness.FromCounts([(March10(11, 0), -1L, 4L)]));
    }

    [Fact]
    public void An_empty_series_counts_nothing()
    {
        var empty = new EventSeriesBadness([]);

        Assert.Equal(new BadCount(0, 0), empty.Count(new Interval(March10(0, 0), March10(23, 0))));
        Assert.Null(empty.NextBad(March10(0, 0)));
    }

    [Fact]
    public void The_burn_rate_of_an_event_series_is_reported_over_each_standard_window()
    {
        // Requests spread evenly, as of 12:00: the last hour 1,000 with 20 failures; the five hours before it
        // 5,000 with 10; the rest of the day 4,000 and the two days before 20,000, all good.
        var asOf = March10(12, 0);
        var series = new EventSeriesBadness(
            Spread(asOf - Duration.FromHours(1), asOf, 1000, 20)
                .Concat(Spread(asOf - Duration.FromHours(6), asOf - Duration.FromHours(1), 5000, 10))
                .Concat(Spread(asOf - Duration.FromDays(1), asOf - Duration.FromHours(6), 4000, 0))
                .Concat(Spread(asOf - Duration.FromDays(3), asOf - Duration.FromDays(1), 20000, 0)));

        var report = BurnReport.At(series, 0.999, asOf);

        Assert.Equal(asOf, report.AsOf);
        Assert.Equal(BurnWindows.Standard.ToArray(), report.Windows.Select(w => w.Window).ToArray());
        Assert.Equal(new[] { new BadCount(20, 1000), new BadCount(30, 6000), new BadCount(30, 10000), new BadCount(30, 30000) }, report.Windows.Select(w => w.Count).ToArray());
        Assert.Equal(new double?[] { 20, 5, 3, 1 }, report.Windows.Select(w => w.Rate).ToArray());
        Assert.Equal(new Interval(asOf - Duration.FromHours(6), asOf), report.Windows[1].Span);
    }

    [Fact]
    public void A_window_without_events_has_no_burn_rate_in_the_report()
    {
        var asOf = March10(12, 0);
        var series = new EventSeriesBadness([(asOf - Duration.FromHours(2), true)]);

        var report = BurnReport.At(series, 0.99, asOf);

        Assert.Equal(new double?[] { null, 100, 100, 100 }, report.Windows.Select(w => w.Rate).ToArray());
    }

    /// <summary><paramref name="count"/> outcomes evenly spread over [from, to), the first <paramref name="bad"/> of them bad.</summary>
    internal static IEnumerable<(Instant At, bool Bad)> Spread(Instant from, Instant to, int count, int bad)
    {
        var step = (to - from) / count;
        return Enumerable.Range(0, count).Select(i => (from + (step * i), i < bad));
    }
}
