using NodaTime;

namespace Pledge.Compliance;

/// <summary>One subject failing one term, and why.</summary>
/// <param name="Term">The term.</param>
/// <param name="Subject">The subject.</param>
/// <param name="EvidenceAt">When the evidence that decides it was taken.</param>
/// <param name="Reason"><see cref="Failed"/> or <see cref="Stale"/>.</param>
/// <param name="Detail">The deciding evidence's detail, if any.</param>
public sealed record NonCompliance(string Term, string Subject, Instant EvidenceAt, string Reason, string? Detail)
{
    /// <summary>The latest evidence says the subject does not comply.</summary>
    public const string Failed = "failed";

    /// <summary>The latest evidence said it complied, but is older than the rules allow: no current evidence.</summary>
    public const string Stale = "stale";
}
