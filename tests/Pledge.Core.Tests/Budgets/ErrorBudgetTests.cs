using NodaTime;
using Pledge.Budgets;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Budgets;

public sealed class ErrorBudgetTests
{
    [Fact]
    public void A_30_day_month_at_99_9_percent_has_43_2_minutes_of_budget()
    {
        var budget = ErrorBudget.ForTime(Duration.FromDays(30), 0.999);

        Assert.Equal(BudgetUnit.Minutes, budget.Unit);
        Assert.Equal(43200, budget.Total);
        Assert.Equal(43.2, budget.Allowed);
    }

    [Theory]
    [InlineData(1, 44.64)] // January: 31 days
    [InlineData(2, 40.32)] // February 2026: 28 days
    [InlineData(4, 43.2)] // April: 30 days
    public void A_24x7_month_budget_comes_from_the_true_length_of_the_period(int month, double minutes)
    {
        var budget = ErrorBudget.ForPeriod(Months.Month(2026, month, DateTimeZone.Utc), null, 0.999);

        Assert.Equal(minutes, budget.Allowed);
    }

    [Fact]
    public void A_month_whose_clocks_go_forward_has_an_hour_less_of_budget_time()
    {
        // March 2026 in Berlin: 31 days less the hour skipped on the 29th, 743 hours.
        var march = Months.Month(2026, 3, Months.Berlin);

        var budget = ErrorBudget.ForPeriod(march, null, 0.999);

        Assert.Equal(743 * 60, budget.Total);
        Assert.Equal(44.58, budget.Allowed);
    }

    [Fact]
    public void A_month_whose_clocks_go_back_has_an_hour_more_of_budget_time()
    {
        // October 2026 in Berlin: the clocks go back on the 25th, 745 hours.
        var budget = ErrorBudget.ForPeriod(Months.Month(2026, 10, Months.Berlin), TestCalendars.Get("24x7-berlin"), 0.999);

        Assert.Equal(44.7, budget.Allowed);
    }

    [Fact]
    public void A_24x7_calendar_gives_the_same_budget_as_no_calendar()
    {
        var march = Months.Month(2026, 3, Months.Berlin);

        var budget = ErrorBudget.ForPeriod(march, TestCalendars.Get("24x7-berlin"), 0.999);

        Assert.Equal(44.58, budget.Allowed);
    }

    [Fact]
    public void A_business_hours_budget_counts_only_business_time()
    {
        // January 2026 in Berlin has 22 working days of 8 hours: 10,560 minutes.
        var budget = ErrorBudget.ForPeriod(Months.Month(2026, 1, Months.Berlin), TestCalendars.Get("8x5"), 0.999);

        Assert.Equal(10560, budget.Total);
        Assert.Equal(10.56, budget.Allowed);
    }

    [Theory]
    [InlineData(0.99, 432)]
    [InlineData(0.995, 216)]
    [InlineData(0.9995, 21.6)]
    [InlineData(0.9999, 4.32)]
    [InlineData(0.99999, 0.432)]
    [InlineData(0, 43200)]
    [InlineData(1, 0)]
    public void A_30_day_budget_is_the_objectives_complement_of_the_period(double objective, double minutes)
    {
        Assert.Equal(minutes, ErrorBudget.ForTime(Duration.FromDays(30), objective).Allowed);
    }

    [Fact]
    public void A_million_requests_with_250_failures_at_99_9_percent_leave_75_percent_of_the_budget()
    {
        var budget = ErrorBudget.ForEvents(1_000_000, 0.999);

        var status = budget.Spend(250);

        Assert.Equal(BudgetUnit.Events, status.Unit);
        Assert.Equal(1000, status.Allowed);
        Assert.Equal(250, status.Spent);
        Assert.Equal(750, status.Remaining);
        Assert.Equal(0.75, status.RemainingShare);
        Assert.False(status.Exhausted);
        Assert.False(status.Overspent);
    }

    [Fact]
    public void Half_the_downtime_budget_spent_leaves_half()
    {
        var status = ErrorBudget.ForTime(Duration.FromDays(30), 0.999).Spend(Duration.FromSeconds(1296));

        Assert.Equal(21.6, status.Spent);
        Assert.Equal(21.6, status.Remaining);
        Assert.Equal(0.5, status.RemainingShare);
    }

    [Fact]
    public void The_remaining_share_goes_negative_when_the_budget_is_overspent()
    {
        // 86.4 minutes down against a 43.2-minute budget: overspent by the whole budget again.
        var status = ErrorBudget.ForTime(Duration.FromDays(30), 0.999).Spend(Duration.FromSeconds(5184));

        Assert.Equal(-43.2, status.Remaining);
        Assert.Equal(-1.0, status.RemainingShare);
        Assert.True(status.Exhausted);
        Assert.True(status.Overspent);
    }

    [Fact]
    public void A_budget_spent_exactly_is_exhausted_but_not_overspent()
    {
        var status = ErrorBudget.ForEvents(1_000_000, 0.999).Spend(1000);

        Assert.Equal(0, status.Remaining);
        Assert.Equal(0, status.RemainingShare);
        Assert.True(status.Exhausted);
        Assert.False(status.Overspent);
    }

    [Fact]
    public void A_100_percent_objective_has_no_budget_and_no_remaining_share()
    {
        var budget = ErrorBudget.ForEvents(500, 1.0);

        Assert.Equal(0, budget.Allowed);
        Assert.Null(budget.Spend(0).RemainingShare);
        Assert.False(budget.Spend(0).Overspent);
        Assert.True(budget.Spend(1).Overspent);
    }

    [Fact]
    public void A_period_with_no_events_has_no_budget()
    {
        Assert.Equal(0, ErrorBudget.ForEvents(0, 0.95).Allowed);
    }

    [Fact]
    public void An_event_budget_is_not_spent_in_downtime()
    {
        var budget = ErrorBudget.ForEvents(100, 0.95);

        Assert.Throws<InvalidOperationException>(() => budget.Spend(Duration.FromMinutes(1)));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(99.9)]
    public void An_objective_outside_0_to_1_is_refused(double objective)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ErrorBudget.ForEvents(100, objective));
        Assert.Contains("0.999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_amounts_are_refused()
    {
        var budget = ErrorBudget.ForTime(Duration.FromDays(30), 0.999);

        Assert.Throws<ArgumentOutOfRangeException>(() => budget.Spend(-1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => budget.Spend(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => budget.Spend(Duration.FromMinutes(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorBudget.ForTime(Duration.FromMinutes(-1), 0.999));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorBudget.ForEvents(-1, 0.999));
    }

    [Fact]
    public void A_period_without_an_end_is_refused()
    {
        var open = new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), null);

        Assert.Throws<ArgumentException>(() => ErrorBudget.ForPeriod(open, null, 0.999));
    }
}
