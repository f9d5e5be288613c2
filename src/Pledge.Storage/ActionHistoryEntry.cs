using NodaTime;
using Pledge.Actions;

namespace Pledge.Storage;

/// <summary>One change of an action, kept forever (table <c>action_history</c>).</summary>
/// <param name="Sequence">The order of recording.</param>
/// <param name="ActionId">The action.</param>
/// <param name="At">When (the store's clock).</param>
/// <param name="Actor">Who.</param>
/// <param name="Change"><c>opened</c>, <c>status</c>, <c>updated</c> or <c>linked</c>.</param>
/// <param name="From">The status before (null when opened).</param>
/// <param name="To">The status after.</param>
/// <param name="Detail">What changed, or the note given with a status change.</param>
public sealed record ActionHistoryEntry(long Sequence, string ActionId, Instant At, string Actor, string Change, ActionStatus? From, ActionStatus To, string? Detail);
