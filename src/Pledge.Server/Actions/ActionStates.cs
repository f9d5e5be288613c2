using Pledge.Actions;
using Pledge.Storage;

namespace Pledge.Server.Actions;

/// <summary>
/// Stored actions as the Core model of corrective actions the report already reads from <c>action</c> events: one
/// <see cref="CorrectiveAction"/> state per status the action has had (opened, then each transition, at the instant
/// recorded), keyed by the action's id. The report then shows each in its latest state at its instant, as it does
/// for events, so a report of an earlier period shows an action as it stood then.
/// </summary>
internal static class ActionStates
{
    /// <summary>The states of <paramref name="actions"/> from their <paramref name="history"/>.</summary>
    public static IEnumerable<CorrectiveAction> Of(IReadOnlyList<StoredAction> actions, IReadOnlyList<ActionHistoryEntry> history)
    {
        var byId = actions.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var entry in history)
        {
            if (entry.Change is not ("opened" or "status") || !byId.TryGetValue(entry.ActionId, out var action))
            {
                continue;
            }

            yield return State(action, entry);
        }
    }

    /// <summary>The action as a Core action in the status <paramref name="entry"/> recorded.</summary>
    public static CorrectiveAction State(StoredAction action, ActionHistoryEntry entry) =>
        Current(action) with { Id = $"{action.Id}#{entry.Sequence}", At = entry.At, Status = entry.To };

    /// <summary>The action as a Core action in its current state.</summary>
    public static CorrectiveAction Current(StoredAction action) =>
        new(action.Id, action.Id, action.Customer, action.UpdatedAt, action.Status, action.Title)
        {
            Owner = action.Owner,
            Due = action.Due,
            Agreement = action.Agreement,
            Target = action.Target,
            RootCause = action.RootCause,
            Outcome = action.Outcome,
            Breaches = [.. action.Links.Where(l => l.Ticket is not null).Select(l => l.Ticket!).Distinct(StringComparer.Ordinal)],
        };
}
