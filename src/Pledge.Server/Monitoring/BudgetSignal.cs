namespace Pledge.Server.Monitoring;

/// <summary>Events were stored that change error budgets: of measure targets, of ticket targets, or both.</summary>
internal sealed class BudgetSignal(bool measures, bool tickets) : Signal
{
    public bool Measures { get; } = measures;

    public bool Tickets { get; } = tickets;
}
