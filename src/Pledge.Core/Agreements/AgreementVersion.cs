using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Agreements;

/// <summary>One version of an agreement: its status, when it is in force, and its targets.</summary>
/// <param name="Number">The version number (1, 2, …).</param>
/// <param name="Status">Where it is in its lifecycle.</param>
/// <param name="EffectiveFrom">First instant in force (start of the "from" date in the agreement's zone).</param>
/// <param name="EffectiveUntil">First instant no longer in force (the day after the "until" date); null: open-ended.</param>
/// <param name="Targets">Its targets, at most one per kind.</param>
public sealed record AgreementVersion(int Number, AgreementStatus Status, Instant EffectiveFrom, Instant? EffectiveUntil, ImmutableArray<Target> Targets)
{
    /// <summary>Whether this version was in force at <paramref name="instant"/>: agreed or later, and inside its effective period.</summary>
    public bool IsInForceAt(Instant instant) =>
        Status is not (AgreementStatus.Draft or AgreementStatus.Negotiating)
        && instant >= EffectiveFrom
        && (EffectiveUntil is null || instant < EffectiveUntil);

    /// <summary>Its escalation rules (<c>escalations:</c>), in the order written; empty when it has none.</summary>
    public ImmutableArray<Escalation> Escalations { get; init; } = [];
}
