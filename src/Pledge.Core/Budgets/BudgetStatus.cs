namespace Pledge.Budgets;

/// <summary>How much of an error budget is spent and what is left.</summary>
/// <remarks>
/// <see cref="Remaining"/> and <see cref="RemainingShare"/> go negative once the budget is overspent, so a
/// report can say by how much the objective was missed (-1 means the bad time or events were twice the budget).
/// </remarks>
public sealed record BudgetStatus
{
    /// <summary>Creates a status; amounts are in <paramref name="unit"/>.</summary>
    /// <param name="unit">What the amounts count.</param>
    /// <param name="allowed">The budget: bad minutes or events the objective allows; finite, not negative.</param>
    /// <param name="spent">Bad minutes or events so far; finite, not negative.</param>
    public BudgetStatus(BudgetUnit unit, double allowed, double spent)
    {
        if (!double.IsFinite(allowed) || allowed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(allowed), allowed, "A budget is a finite amount, not negative.");
        }

        if (!double.IsFinite(spent) || spent < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spent), spent, "Spent budget is a finite amount, not negative.");
        }

        Unit = unit;
        Allowed = allowed;
        Spent = spent;
    }

    /// <summary>What the amounts count: minutes of service time or events.</summary>
    public BudgetUnit Unit { get; }

    /// <summary>The budget: bad minutes or events the objective allows in the period.</summary>
    public double Allowed { get; }

    /// <summary>Bad minutes (weighted downtime) or bad events so far.</summary>
    public double Spent { get; }

    /// <summary>What is left: <see cref="Allowed"/> - <see cref="Spent"/>; negative when overspent.</summary>
    public double Remaining => Allowed - Spent;

    /// <summary>
    /// <see cref="Remaining"/> as a share of <see cref="Allowed"/>: 1 untouched, 0 used up, negative when overspent.
    /// Null for a zero budget (a 100% objective), where no share exists.
    /// </summary>
    public double? RemainingShare => Allowed > 0 ? Remaining / Allowed : null;

    /// <summary>Whether nothing is left to spend (<see cref="Remaining"/> ≤ 0); always true for a zero budget.</summary>
    public bool Exhausted => Remaining <= 0;

    /// <summary>Whether more was spent than allowed, that is whether the objective is missed.</summary>
    public bool Overspent => Spent > Allowed;
}
