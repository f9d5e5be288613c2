using NodaTime;
using Pledge.Agreements;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Tests.Agreements;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Reports;

/// <summary>
/// <see cref="ReportPeriod.Previous"/> and <see cref="ReportPeriod.LastPeriods"/>: the periods a trend covers,
/// for months, quarters, ISO weeks (across year boundaries and 53-week years) and rolling days; and the trend a
/// <see cref="ServiceReport"/> builds from them.
/// </summary>
public sealed class ReportPeriodTrendTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static readonly Instant AsOf = Iso.Instant("2026-12-01T00:00:00+01:00");

    private static ReportPeriod Period(string name)
    {
        Assert.True(ReportPeriod.TryParse(name, out var period), name);
        return period;
    }

    [Theory]
    [InlineData("2026-11", "2026-10")]
    [InlineData("2026-01", "2025-12")]
    [InlineData("2026-03", "2026-02")]
    [InlineData("2026-Q4", "2026-Q3")]
    [InlineData("2026-Q1", "2025-Q4")]
    [InlineData("2026-W47", "2026-W46")]
    [InlineData("2026-W01", "2025-W52")]
    [InlineData("2021-W01", "2020-W53")]
    [InlineData("2027-W01", "2026-W53")]
    [InlineData("30d", "30d-1")]
    [InlineData("7d", "7d-1")]
    public void The_previous_period_is_the_one_of_the_same_kind_just_before(string name, string previous)
    {
        Assert.Equal(previous, Period(name).Previous().Name);
    }

    [Theory]
    // The previous period's instants in Berlin: it ends where this one starts.
    [InlineData("2026-11", "2026-10-01T00:00:00+02:00", "2026-11-01T00:00:00+01:00")]
    [InlineData("2026-01", "2025-12-01T00:00:00+01:00", "2026-01-01T00:00:00+01:00")]
    [InlineData("2026-Q2", "2026-01-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00")]
    [InlineData("2026-W01", "2025-12-22T00:00:00+01:00", "2025-12-29T00:00:00+01:00")]
    [InlineData("2021-W01", "2020-12-28T00:00:00+01:00", "2021-01-04T00:00:00+01:00")]
    public void The_previous_calendar_period_ends_where_this_one_starts(string name, string start, string end)
    {
        var period = Period(name);

        var previous = period.Previous().In(Berlin, AsOf);

        Assert.Equal(new Interval(Iso.Instant(start), Iso.Instant(end)), previous);
        Assert.Equal(period.In(Berlin, AsOf).Start, previous.End);
    }

    [Fact]
    public void October_2026_in_berlin_has_the_extra_hour_of_the_end_of_summer_time()
    {
        Assert.Equal(Duration.FromHours((31 * 24) + 1), Period("2026-11").Previous().In(Berlin, AsOf).Duration);
    }

    [Fact]
    public void The_rolling_periods_before_end_where_the_later_ones_start()
    {
        var thirty = Period("30d");

        Assert.Equal(new Interval(AsOf - Duration.FromDays(30), AsOf), thirty.In(Berlin, AsOf));
        Assert.Equal(new Interval(AsOf - Duration.FromDays(60), AsOf - Duration.FromDays(30)), thirty.Previous().In(Berlin, AsOf));
        Assert.Equal(new Interval(AsOf - Duration.FromDays(90), AsOf - Duration.FromDays(60)), thirty.Previous().Previous().In(DateTimeZone.Utc, AsOf));
        Assert.Equal("30d-2", thirty.Previous().Previous().Name);
    }

    [Theory]
    [InlineData("2026-11", 3, "2026-09 2026-10 2026-11")]
    [InlineData("2026-02", 4, "2025-11 2025-12 2026-01 2026-02")]
    [InlineData("2026-Q2", 5, "2025-Q2 2025-Q3 2025-Q4 2026-Q1 2026-Q2")]
    [InlineData("2026-W02", 3, "2025-W52 2026-W01 2026-W02")]
    [InlineData("2021-W02", 3, "2020-W53 2021-W01 2021-W02")]
    [InlineData("30d", 3, "30d-2 30d-1 30d")]
    [InlineData("2026-11", 1, "2026-11")]
    public void The_last_periods_are_oldest_first_and_end_with_this_one(string name, int count, string names)
    {
        var period = Period(name);

        var periods = period.LastPeriods(count);

        Assert.Equal(names.Split(' '), periods.Select(p => p.Name));
        Assert.Same(period, periods[^1]);
    }

    [Fact]
    public void Twelve_months_back_are_contiguous()
    {
        var months = Period("2026-11").LastPeriods(12).Select(p => p.In(Berlin, AsOf)).ToList();

        Assert.Equal(Iso.Instant("2025-12-01T00:00:00+01:00"), months[0].Start);
        for (var i = 1; i < months.Count; i++)
        {
            Assert.Equal(months[i - 1].End, months[i].Start);
        }
    }

    [Fact]
    public void At_least_one_period_is_asked_for()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Period("2026-11").LastPeriods(0));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("2026-W00")]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]
    [InlineData("0d")]
    [InlineData("3661d")]
    [InlineData("2026-1")]
    [InlineData("november")]
    [InlineData("")]
    [InlineData(null)]
    public void A_name_that_is_no_period_is_refused(string? name)
    {
        Assert.False(ReportPeriod.TryParse(name, out _));
    }

    [Theory]
    [InlineData(1, "")]
    [InlineData(3, "2026-09 2026-10")]
    [InlineData(6, "2026-06 2026-07 2026-08 2026-09 2026-10")]
    public void A_service_report_trend_covers_the_periods_before_this_one(int trendPeriods, string earlier)
    {
        var repository = RepositoryKit.ValidCorporate(
            "{ kind: availability, calendar: office, objective: 99% }",
            "{ kind: compliance, terms: [t] }");
        var november = Period("2026-11");
        var tickets = AttainmentReport.Build(repository, [], november, AsOf);

        var report = ServiceReport.Build(repository, tickets, MeasureEvents.Empty, november, AsOf, trendPeriods);

        Assert.Equal(earlier.Length == 0 ? [] : earlier.Split(' '), report.Trend.Select(r => r.Period).Distinct());
        Assert.Equal([.. earlier.Split(' ', StringSplitOptions.RemoveEmptyEntries), "2026-11"], report.TrendPeriods);
        // Per month: 3 customers x 4 services of availability, and 3 compliance rows.
        Assert.Equal((trendPeriods - 1) * 15, report.Trend.Length);
        Assert.All(report.Measures, r => Assert.Equal("2026-11", r.Period));
        Assert.All(report.Trend.Where(r => r.Kind == TargetKind.Compliance), r => Assert.Equal(Verdict.NotEnoughData, r.Verdict));
    }
}
