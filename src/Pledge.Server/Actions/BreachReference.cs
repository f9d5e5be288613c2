using NodaTime;

namespace Pledge.Server.Actions;

/// <summary>A breach the live monitor raised: which ticket's clock breached which target, and when.</summary>
/// <param name="Ticket">The ticket.</param>
/// <param name="Agreement">The agreement whose target it breached.</param>
/// <param name="Target">The target's id in that agreement.</param>
/// <param name="Customer">The ticket's customer.</param>
/// <param name="Service">The ticket's service.</param>
/// <param name="BreachedAt">When the clock passed its threshold.</param>
internal sealed record BreachReference(string Ticket, string Agreement, string Target, string Customer, string Service, Instant BreachedAt)
{
    /// <summary>The clock's measurement (a reopened ticket restarting its clock measures again: 2, 3, …).</summary>
    public int Measurement { get; init; } = 1;

    /// <summary>The ticket's priority, when known (for the action's title).</summary>
    public string? Priority { get; init; }

    /// <summary><c>agreement/target</c>.</summary>
    public string QualifiedTarget => $"{Agreement}/{Target}";
}
