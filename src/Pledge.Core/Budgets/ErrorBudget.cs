using NodaTime;
using Pledge.Calendars;

namespace Pledge.Budgets;

/// <summary>
/// The error budget of one target in one period: how much bad service time or how many bad events the
/// objective allows. Immutable; <see cref="Spend(double)"/> gives what is left.
/// </summary>
/// <remarks>
/// <para>Time-based (availability): the budget is (1 - objective) × the period's service time, in minutes.
/// Service time is the business time of the target's calendar in the period; for a 24x7 calendar that is the
/// period's true length, so a calendar month has 28 to 31 days and, in a zone with daylight saving time, one
/// hour more or less in the months the clocks change (see <see cref="ForPeriod"/>).</para>
/// <para>Event-based (ticket clocks, deliveries, request ratios): the budget is (1 - objective) × the events
/// of the period. For a period still running the caller passes either the events so far or the expected total.</para>
/// <para>The budget is computed in decimal so that hand-computed figures come out exactly: 30 days at 99.9%
/// is 43.2 minutes, 1,000,000 requests at 99.9% allow 1,000 failures.</para>
/// </remarks>
public sealed record ErrorBudget
{
    private ErrorBudget(BudgetUnit unit, double total, double objective, double allowed)
    {
        Unit = unit;
        Total = total;
        Objective = objective;
        Allowed = allowed;
    }

    /// <summary>What the budget counts: minutes of service time or events.</summary>
    public BudgetUnit Unit { get; }

    /// <summary>What the budget is a share of: the period's service time in minutes, or its events.</summary>
    public double Total { get; }

    /// <summary>The objective, a share from 0 to 1 (99.9% is 0.999).</summary>
    public double Objective { get; }

    /// <summary>The budget: bad minutes or events the objective allows in the period; 0 for a 100% objective.</summary>
    public double Allowed { get; }

    /// <summary>The budget of <paramref name="serviceTime"/> (business time of the period) at <paramref name="objective"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The service time is negative, or the objective is outside 0 to 1.</exception>
    public static ErrorBudget ForTime(Duration serviceTime, double objective)
    {
        if (serviceTime < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(serviceTime), serviceTime, "Service time cannot be negative.");
        }

        var share = Objectives.ErrorShare(objective);
        // Ticks are exact in decimal; one division by the ticks of a minute at the end.
        var ticks = (decimal)serviceTime.BclCompatibleTicks;
        var allowed = share * ticks / NodaConstants.TicksPerMinute;
        return new ErrorBudget(BudgetUnit.Minutes, (double)(ticks / NodaConstants.TicksPerMinute), objective, (double)allowed);
    }

    /// <summary>
    /// The time budget of <paramref name="period"/>: its business time in <paramref name="calendar"/>, or its true
    /// length when <paramref name="calendar"/> is null (24x7). The period comes from the caller, built in the
    /// agreement's zone, so a month's length (and a daylight-saving hour) is already in it.
    /// </summary>
    /// <exception cref="ArgumentException">The period has no start or no end.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The objective is outside 0 to 1, or the period is outside the calendar's years.</exception>
    public static ErrorBudget ForPeriod(Interval period, BusinessCalendar? calendar, double objective)
    {
        Bounded.Require(period, nameof(period));
        var serviceTime = calendar is null ? period.Duration : calendar.Elapsed(period.Start, period.End);
        return ForTime(serviceTime, objective);
    }

    /// <summary>The budget of <paramref name="total"/> events (so far, or expected) at <paramref name="objective"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The total is negative, or the objective is outside 0 to 1.</exception>
    public static ErrorBudget ForEvents(long total, double objective)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var share = Objectives.ErrorShare(objective);
        return new ErrorBudget(BudgetUnit.Events, total, objective, (double)(share * total));
    }

    /// <summary>The status after <paramref name="bad"/> bad minutes (weighted downtime) or bad events.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bad"/> is negative or not finite.</exception>
    public BudgetStatus Spend(double bad)
    {
        if (!double.IsFinite(bad) || bad < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bad), bad, "Bad minutes or events are a finite amount, not negative.");
        }

        return new BudgetStatus(Unit, Allowed, bad);
    }

    /// <summary>The status of a time budget after <paramref name="downtime"/> (weighted, in business time).</summary>
    /// <exception cref="InvalidOperationException">This is an event budget.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="downtime"/> is negative.</exception>
    public BudgetStatus Spend(Duration downtime)
    {
        if (Unit != BudgetUnit.Minutes)
        {
            throw new InvalidOperationException("An event budget is spent in events, not in downtime.");
        }

        if (downtime < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(downtime), downtime, "Downtime cannot be negative.");
        }

        return Spend((double)((decimal)downtime.BclCompatibleTicks / NodaConstants.TicksPerMinute));
    }
}
