using NodaTime;
using Pledge.Budgets;
using static Pledge.Tests.Budgets.EventSeriesBadnessTests;
using static Pledge.Tests.Budgets.Months;

namespace Pledge.Tests.Budgets;

public sealed class MultiWindowAlertRuleTests
{
    private static readonly Interval Day = new(March10(0, 0), Instant.FromUtc(2026, 3, 11, 0, 0));

    [Fact]
    public void The_workbook_rules_page_at_2_and_5_percent_and_ticket_at_10_percent_of_a_30_day_budget()
    {
        var month = Duration.FromDays(30);

        Assert.Equal((Duration.FromHours(1), Duration.FromMinutes(5), 14.4, AlertSeverity.Page), Parts(MultiWindowAlertRule.FastPage));
        Assert.Equal((Duration.FromHours(6), Duration.FromMinutes(30), 6.0, AlertSeverity.Page), Parts(MultiWindowAlertRule.SlowPage));
        Assert.Equal((Duration.FromDays(3), Duration.FromHours(6), 1.0, AlertSeverity.Ticket), Parts(MultiWindowAlertRule.Ticket));
        Assert.Equal(new[] { 0.02, 0.05, 0.1 }, MultiWindowAlertRule.Workbook.Select(r => r.BudgetSpent(month)).ToArray());
    }

    [Fact]
    public void The_rule_fires_while_both_windows_burn_and_stops_once_the_short_window_recovers()
    {
        // A request every 10 seconds from 10:00 to 12:00; every one fails from 11:00 to 11:10.
        var series = new EventSeriesBadness(
            Spread(March10(10, 0), March10(12, 0), 720, 0).Select(o => (o.At, o.At >= March10(11, 0) && o.At < March10(11, 10))));
        var rule = MultiWindowAlertRule.FastPage;

        var during = rule.Check(series, 0.999, March10(11, 10));
        var after = rule.Check(series, 0.999, March10(11, 20));

        // During: 60 of the last hour's 360 failed, and all 30 of the last 5 minutes.
        Assert.True(during.Fires);
        Assert.Equal(1000, during.ShortRate);
        // After: the hour still burns at 166.7, but the last 5 minutes were clean.
        Assert.False(after.Fires);
        Assert.Equal(1000.0 / 6, after.LongRate!.Value, 9);
        Assert.Equal(0, after.ShortRate);
        Assert.False(rule.Fires(series, 0.999, March10(11, 20)));
    }

    [Fact]
    public void A_short_spike_does_not_fire_while_the_long_window_stays_below_the_factor()
    {
        // Three failures from 11:00:00 to 11:00:20: 3 of the last 5 minutes' 30, but only 3 of the hour's 360.
        var series = new EventSeriesBadness(
            Spread(March10(10, 0), March10(12, 0), 720, 0).Select(o => (o.At, o.At >= March10(11, 0) && o.At <= March10(11, 0, 20))));

        var check = MultiWindowAlertRule.FastPage.Check(series, 0.999, March10(11, 0, 30));

        Assert.Equal(100, check.ShortRate);
        Assert.Equal(25.0 / 3, check.LongRate!.Value, 9);
        Assert.False(check.Fires);
    }

    [Fact]
    public void The_rule_fires_when_both_rates_reach_the_factor_exactly()
    {
        // 51.84 seconds down is 1.44% of an hour: a burn rate of exactly 14.4 at 99.9%; one tick less is not.
        var exactly = new TimeSeriesBadness([(March10(11, 0) - Duration.FromMilliseconds(51840), March10(11, 0), 1.0)]);
        var justLess = new TimeSeriesBadness([(March10(11, 0) - Duration.FromMilliseconds(51840) + Duration.FromTicks(1), March10(11, 0), 1.0)]);

        var check = MultiWindowAlertRule.FastPage.Check(exactly, 0.999, March10(11, 0));

        Assert.Equal(14.4, check.LongRate);
        Assert.True(check.Fires);
        Assert.False(MultiWindowAlertRule.FastPage.Fires(justLess, 0.999, March10(11, 0)));
    }

    [Fact]
    public void A_window_without_service_time_never_fires()
    {
        var quiet = new EventSeriesBadness([]);

        var check = MultiWindowAlertRule.FastPage.Check(quiet, 0.999, March10(11, 0));

        Assert.Equal(new AlertCheck(March10(11, 0), null, null, false), check);
    }

    [Theory]
    [InlineData(60, 10, 1, 0)] // one-minute polls: first at 10:01
    [InlineData(1, 10, 0, 52)] // one-second polls: 52 seconds down is the first poll past 51.84
    public void A_full_outage_first_fires_the_fast_page_once_it_has_spent_2_percent_of_a_30_day_budget_in_the_hour(
        int stepSeconds, int hour, int minute, int second)
    {
        var series = new TimeSeriesBadness([(March10(10, 0), March10(11, 0), 1.0)]);

        var first = MultiWindowAlertRule.FastPage.FirstFiring(series, 0.999, Day, Duration.FromSeconds(stepSeconds));

        Assert.NotNull(first);
        Assert.Equal(March10(hour, minute, second), first.At);
        Assert.True(first.Fires);
    }

    [Fact]
    public void A_failing_event_series_first_fires_once_enough_failures_are_in_the_hour()
    {
        // A request every 10 seconds, all failing from 11:00: six failures of 360 (1.67%) are needed to pass 1.44%,
        // and the sixth happens at 11:00:50, so the first one-second poll after it fires.
        var series = new EventSeriesBadness(
            Spread(March10(10, 0), March10(12, 0), 720, 0).Select(o => (o.At, o.At >= March10(11, 0))));

        var first = MultiWindowAlertRule.FastPage.FirstFiring(series, 0.999, Day, Duration.FromSeconds(1));

        Assert.Equal(March10(11, 0, 51), first?.At);
        Assert.Equal(1000.0 / 60, first!.LongRate!.Value, 9);
    }

    [Fact]
    public void A_clean_year_never_fires_and_a_single_late_outage_is_found_without_walking_the_year()
    {
        var year = new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2027, 1, 1, 0, 0));
        var start = Instant.FromUtc(2026, 12, 30, 23, 0);
        var counting = new CountingSource(new TimeSeriesBadness([(start, start + Duration.FromMinutes(10), 1.0)]));

        Assert.Null(MultiWindowAlertRule.FastPage.FirstFiring(new EventSeriesBadness([]), 0.999, year, Duration.FromMinutes(1)));
        var first = MultiWindowAlertRule.FastPage.FirstFiring(counting, 0.999, year, Duration.FromMinutes(1));

        Assert.Equal(start + Duration.FromMinutes(1), first?.At);
        Assert.True(counting.Queries < 20, $"{counting.Queries} window queries");
    }

    [Fact]
    public void A_rule_fires_only_inside_the_span_it_is_asked_about()
    {
        var series = new TimeSeriesBadness([(March10(10, 0), March10(11, 0), 1.0)]);

        Assert.Null(MultiWindowAlertRule.FastPage.FirstFiring(series, 0.999, new Interval(March10(0, 0), March10(10, 1)), Duration.FromMinutes(1)));
        Assert.Equal(March10(10, 30), MultiWindowAlertRule.FastPage.FirstFiring(series, 0.999, new Interval(March10(10, 30), March10(12, 0)), Duration.FromMinutes(1))?.At);
    }

    [Fact]
    public void Impossible_rules_and_steps_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiWindowAlertRule(Duration.FromMinutes(5), Duration.FromHours(1), 14.4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiWindowAlertRule(Duration.FromHours(1), Duration.Zero, 14.4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiWindowAlertRule(Duration.FromHours(1), Duration.FromMinutes(5), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiWindowAlertRule.FastPage.FirstFiring(new EventSeriesBadness([]), 0.999, Day, Duration.Zero));
    }

    private static (Duration, Duration, double, AlertSeverity) Parts(MultiWindowAlertRule rule) =>
        (rule.LongWindow, rule.ShortWindow, rule.Factor, rule.Severity);

    /// <summary>Counts the window queries a search makes.</summary>
    private sealed class CountingSource(IBadFractionSource inner) : IBadFractionSource
    {
        public int Queries { get; private set; }

        public BadCount Count(Interval window)
        {
            Queries++;
            return inner.Count(window);
        }

        public Instant? NextBad(Instant from) => inner.NextBad(from);
    }
}
