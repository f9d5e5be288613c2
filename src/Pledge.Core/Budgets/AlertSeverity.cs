namespace Pledge.Budgets;

/// <summary>How urgently a firing alert rule calls for a person.</summary>
public enum AlertSeverity
{
    /// <summary>Someone should look now: the budget burns fast enough to be gone within days.</summary>
    Page,

    /// <summary>Someone should look during working hours: a slow burn that would still miss the objective.</summary>
    Ticket,
}
