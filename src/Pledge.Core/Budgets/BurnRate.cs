using NodaTime;

namespace Pledge.Budgets;

/// <summary>
/// Burn rate: how fast a window spends the error budget, relative to the pace that spends exactly the whole
/// budget over the period. A burn rate of 1 runs out at the period's end; 14.4 spends a 30-day budget in 50 hours.
/// </summary>
public static class BurnRate
{
    /// <summary>
    /// The burn rate of a window whose bad fraction is <paramref name="badFraction"/>:
    /// badFraction / (1 - <paramref name="objective"/>). For a 100% objective (no budget) it is 0 when nothing
    /// is bad and positive infinity otherwise.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is negative or not finite, or the objective is outside 0 to 1.</exception>
    public static double Of(double badFraction, double objective)
    {
        if (!double.IsFinite(badFraction) || badFraction < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(badFraction), badFraction, "A bad fraction is finite and not negative.");
        }

        var share = Objectives.ErrorShare(objective);
        if (share == 0)
        {
            return badFraction == 0 ? 0 : double.PositiveInfinity;
        }

        // In decimal, like the budget itself, so that 1.44% bad at 99.9% is a burn rate of exactly 14.4.
        // Fractions beyond decimal's range cannot be bad shares of a window; they fall back to doubles.
        return badFraction < 1e15 ? (double)((decimal)badFraction / share) : badFraction / (double)share;
    }

    /// <summary>The burn rate of a window's count; null when the window holds no service time or no events.</summary>
    public static double? Of(BadCount count, double objective) =>
        count.Fraction is { } fraction ? Of(fraction, objective) : null;

    /// <summary>
    /// The share of a period's budget that a window of <paramref name="window"/> at <paramref name="burnRate"/>
    /// spends: burnRate × window / period. 14.4 over one hour of a 30-day period spends 0.02 (2%).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The burn rate is negative or NaN, the window negative, or the period not positive.</exception>
    public static double BudgetSpent(double burnRate, Duration window, Duration period)
    {
        if (double.IsNaN(burnRate) || burnRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(burnRate), burnRate, "A burn rate is not negative.");
        }

        if (window < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "A window cannot be negative.");
        }

        if (period <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A period must be longer than zero.");
        }

        var windowTicks = window.BclCompatibleTicks;
        var periodTicks = period.BclCompatibleTicks;
        // Decimal gives the hand-computed figure (0.02, not 0.020000000000000004) while the product fits.
        return double.IsFinite(burnRate) && burnRate * windowTicks < 1e27
            ? (double)((decimal)burnRate * windowTicks / periodTicks)
            : burnRate * ((double)windowTicks / periodTicks);
    }
}
