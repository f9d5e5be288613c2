using NodaTime;

namespace Pledge.Storage;

/// <summary>The current version of a repository document.</summary>
/// <param name="Path">Its path in the repository (<c>agreements/acme-sla.yaml</c>): its key.</param>
/// <param name="Kind">What it defines: <c>agreement</c>, <c>calendar</c>, <c>catalogue</c>, ….</param>
/// <param name="Content">Its YAML, exactly as put.</param>
/// <param name="Version">1 when created, one more at each change.</param>
/// <param name="UpdatedAt">When this version was put (the store's clock).</param>
/// <param name="UpdatedBy">Who put it.</param>
public sealed record StoredDocument(string Path, string Kind, string Content, int Version, Instant UpdatedAt, string UpdatedBy);
