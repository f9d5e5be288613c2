using NodaTime;
using Pledge.Budgets;

namespace Pledge.Tests.Budgets;

public sealed class BurnRateTests
{
    [Fact]
    public void A_burn_rate_of_14_4_over_one_hour_spends_2_percent_of_a_30_day_budget()
    {
        Assert.Equal(0.02, BurnRate.BudgetSpent(14.4, Duration.FromHours(1), Duration.FromDays(30)));
    }

    [Theory]
    [InlineData(6, 6, 0.05)]
    [InlineData(1, 72, 0.1)]
    [InlineData(1, 720, 1)]
    [InlineData(0, 720, 0)]
    [InlineData(3, 240, 1)] // 3 burns a 30-day budget in 10 days
    public void The_budget_a_window_spends_is_the_burn_rate_times_the_windows_share_of_the_period(double burnRate, int windowHours, double spent)
    {
        Assert.Equal(spent, BurnRate.BudgetSpent(burnRate, Duration.FromHours(windowHours), Duration.FromDays(30)));
    }

    [Theory]
    [InlineData(0.0144, 0.999, 14.4)]
    [InlineData(0.00025, 0.999, 0.25)]
    [InlineData(0.001, 0.999, 1)]
    [InlineData(0.06, 0.99, 6)]
    [InlineData(0, 0.999, 0)]
    [InlineData(1, 0.9, 10)]
    public void The_burn_rate_is_the_bad_fraction_over_the_error_share(double badFraction, double objective, double rate)
    {
        Assert.Equal(rate, BurnRate.Of(badFraction, objective));
    }

    [Fact]
    public void A_100_percent_objective_burns_infinitely_fast_at_the_first_bad_event()
    {
        Assert.Equal(0, BurnRate.Of(0, 1.0));
        Assert.Equal(double.PositiveInfinity, BurnRate.Of(0.001, 1.0));
    }

    [Fact]
    public void A_window_with_nothing_to_judge_has_no_burn_rate()
    {
        Assert.Null(BurnRate.Of(new BadCount(0, 0), 0.999));
        Assert.Equal(20, BurnRate.Of(new BadCount(20, 1000), 0.999));
    }

    [Fact]
    public void Impossible_inputs_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BurnRate.Of(-0.1, 0.999));
        Assert.Throws<ArgumentOutOfRangeException>(() => BurnRate.Of(double.NaN, 0.999));
        Assert.Throws<ArgumentOutOfRangeException>(() => BurnRate.Of(0.1, 1.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BurnRate.BudgetSpent(-1, Duration.FromHours(1), Duration.FromDays(30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BurnRate.BudgetSpent(1, Duration.FromHours(1), Duration.Zero));
    }
}
