namespace Pledge.Storage;

/// <summary>The audit entry a batch records, in the same transaction, when it changes anything.</summary>
/// <param name="Action">What was done: <c>repository.put</c>, <c>agreement.transitioned</c>, ….</param>
/// <param name="Target">What it was done to: <c>repository</c>, <c>agreement:acme-gold</c>, ….</param>
/// <param name="Detail">Anything more; the store adds the versions it made (<c>catalogue.yaml v2 updated</c>).</param>
public sealed record DocumentAudit(string Action, string Target, string? Detail = null);
