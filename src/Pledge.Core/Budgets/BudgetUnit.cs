namespace Pledge.Budgets;

/// <summary>What an error budget counts.</summary>
public enum BudgetUnit
{
    /// <summary>Minutes of service time (availability): the budget is downtime the objective allows.</summary>
    Minutes,

    /// <summary>Events (tickets, requests, deliveries): the budget is bad events the objective allows.</summary>
    Events,
}
