using NodaTime;

namespace Pledge.Storage;

/// <summary>One audited action: who did what to what, and when.</summary>
/// <param name="Id">Its number, increasing in the order entries were recorded.</param>
/// <param name="At">When it was recorded (the store's clock).</param>
/// <param name="Actor">Who acted: a user, an API key, <c>pledge</c> itself.</param>
/// <param name="Action">What was done: <c>agreement.activated</c>, <c>key.created</c>, ….</param>
/// <param name="Target">What it was done to: a document path, an agreement id, a user.</param>
/// <param name="Detail">Anything more (free text or JSON), or null.</param>
public sealed record AuditEntry(long Id, Instant At, string Actor, string Action, string Target, string? Detail);
