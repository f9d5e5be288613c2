namespace Pledge.Actions;

/// <summary>
/// The rules a corrective action's status follows (docs/actions.md): open → in progress → done → verified, one step
/// at a time; a done action may be reopened (to open or in progress) when the fix did not hold; a verified action is
/// final, except that a service-level manager may reopen it.
/// </summary>
public static class ActionTransitions
{
    /// <summary>Whether an action may go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">Its status now.</param>
    /// <param name="to">The status asked for.</param>
    /// <param name="byManager">Whether a service-level manager (or an administrator) asks.</param>
    public static bool IsAllowed(ActionStatus from, ActionStatus to, bool byManager) => (from, to) switch
    {
        (ActionStatus.Open, ActionStatus.InProgress) => true,
        (ActionStatus.InProgress, ActionStatus.Done) => true,
        (ActionStatus.Done, ActionStatus.Verified) => true,
        (ActionStatus.Done, ActionStatus.Open or ActionStatus.InProgress) => true,
        (ActionStatus.Verified, ActionStatus.Open or ActionStatus.InProgress) => byManager,
        _ => false,
    };

    /// <summary>Whether going from <paramref name="from"/> to <paramref name="to"/> reopens the action.</summary>
    public static bool IsReopening(ActionStatus from, ActionStatus to) =>
        from is ActionStatus.Done or ActionStatus.Verified && to is ActionStatus.Open or ActionStatus.InProgress;

    /// <summary>The statuses an action may go to from <paramref name="from"/>.</summary>
    public static IReadOnlyList<ActionStatus> Next(ActionStatus from, bool byManager) =>
        [.. Enum.GetValues<ActionStatus>().Where(to => IsAllowed(from, to, byManager))];

    /// <summary>Reads <c>open</c>, <c>in-progress</c> (or <c>in_progress</c>), <c>done</c>, <c>verified</c>.</summary>
    public static bool TryParse(string? text, out ActionStatus status)
    {
        (var ok, status) = text switch
        {
            "open" => (true, ActionStatus.Open),
            "in-progress" or "in_progress" => (true, ActionStatus.InProgress),
            "done" => (true, ActionStatus.Done),
            "verified" => (true, ActionStatus.Verified),
            _ => (false, ActionStatus.Open),
        };
        return ok;
    }

    /// <summary>The status as written: <c>open</c>, <c>in-progress</c>, <c>done</c>, <c>verified</c>.</summary>
    public static string Name(ActionStatus status) => Reports.Formats.ActionText.Status(status);
}
