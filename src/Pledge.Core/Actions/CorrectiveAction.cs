using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Actions;

/// <summary>
/// One state of a corrective action: what is done about a breach or a failing target, by whom, by when.
/// An action changes by new events with the same <see cref="Action"/> key; the latest one is its state.
/// </summary>
/// <param name="Id">The event's unique id.</param>
/// <param name="Action">The action it describes (several events, one action).</param>
/// <param name="Customer">The customer whose service it improves.</param>
/// <param name="At">When this state was recorded.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Title">What is done.</param>
public sealed record CorrectiveAction(string Id, string Action, string Customer, Instant At, ActionStatus Status, string Title)
{
    /// <summary>Who carries it out.</summary>
    public string? Owner { get; init; }

    /// <summary>The day it is due (in the customer's agreement zone).</summary>
    public LocalDate? Due { get; init; }

    /// <summary>The agreement it answers.</summary>
    public string? Agreement { get; init; }

    /// <summary>The target it answers (<c>agreement-id/target-id</c> or a target id).</summary>
    public string? Target { get; init; }

    /// <summary>The root cause found.</summary>
    public string? RootCause { get; init; }

    /// <summary>What came of it.</summary>
    public string? Outcome { get; init; }

    /// <summary>The tickets whose breaches it answers.</summary>
    public ImmutableArray<string> Breaches { get; init; } = [];

    /// <summary>Whether it is still to be carried out.</summary>
    public bool IsOpen => Status is ActionStatus.Open or ActionStatus.InProgress;

    /// <summary>Whether it is open after its due day has passed at <paramref name="at"/> in <paramref name="zone"/>.</summary>
    public bool IsOverdueAt(Instant at, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return IsOpen && Due is { } due && at.InZone(zone).Date > due;
    }
}
