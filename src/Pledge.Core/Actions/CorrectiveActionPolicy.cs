namespace Pledge.Actions;

/// <summary>
/// An agreement's policy for opening corrective actions automatically (<c>corrective_actions</c> in its YAML,
/// docs/actions.md): on which events, for whom, due when. Without a policy actions are opened by hand only.
/// </summary>
/// <param name="OpenOn">What opens an action: breaches, failing targets, or both.</param>
public sealed record CorrectiveActionPolicy(ActionTriggers OpenOn)
{
    /// <summary>Who an opened action is assigned to (a team or a person); null: nobody yet.</summary>
    public string? Owner { get; init; }

    /// <summary>How long after opening it is due; null: no due day.</summary>
    public ActionDueRule? DueIn { get; init; }

    /// <summary>The calendar whose open days are business days for <see cref="DueIn"/>; null: Monday to Friday.</summary>
    public string? Calendar { get; init; }

    /// <summary>Whether <paramref name="trigger"/> opens an action under this policy.</summary>
    public bool Opens(ActionTriggers trigger) => (OpenOn & trigger) != 0;
}
