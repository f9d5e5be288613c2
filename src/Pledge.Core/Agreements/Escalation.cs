using System.Collections.Immutable;

namespace Pledge.Agreements;

/// <summary>
/// One escalation rule of an agreement version: when an alert of <see cref="When"/> fires on one of
/// <see cref="Targets"/> (or any target), notify every recipient of <see cref="Notify"/>.
/// </summary>
/// <param name="When">The alert that sets it off.</param>
/// <param name="Targets">The target ids it is limited to (ignoring case); empty: every target of the version.</param>
/// <param name="Notify">Who is notified, in the order written.</param>
public sealed record Escalation(EscalationTrigger When, ImmutableArray<string> Targets, ImmutableArray<EscalationRecipient> Notify)
{
    /// <summary>Whether an alert of <paramref name="alertEvent"/> at <paramref name="share"/> on target
    /// <paramref name="targetId"/> (a target id, or <c>agreement/target</c>) sets this rule off.</summary>
    public bool Matches(EscalationEvent alertEvent, double? share, string targetId)
    {
        ArgumentNullException.ThrowIfNull(targetId);
        if (!When.Matches(alertEvent, share))
        {
            return false;
        }

        var slash = targetId.LastIndexOf('/');
        var id = slash >= 0 ? targetId[(slash + 1)..] : targetId;
        return Targets.IsEmpty || Targets.Contains(id, StringComparer.OrdinalIgnoreCase);
    }
}
