using NodaTime;

namespace Pledge.Compliance;

/// <summary>
/// One check of one subject against one term at one time ("account alice's password is 14 characters: compliant"),
/// read from a <c>"type":"evidence"</c> event.
/// </summary>
/// <param name="Id">The event's id; decides between two pieces of evidence at the same instant.</param>
/// <param name="Term">The term checked ("password-length").</param>
/// <param name="Subject">What was checked ("account:alice", "card:0042").</param>
/// <param name="At">When it was checked; it speaks for the subject from then until newer evidence (or until it goes stale).</param>
/// <param name="Compliant">Whether the subject complied.</param>
public sealed record Evidence(string Id, string Term, string Subject, Instant At, bool Compliant)
{
    /// <summary>The customer whose terms these are, if any.</summary>
    public string? Customer { get; init; }

    /// <summary>What the check found ("password 6 characters"), shown with a failure.</summary>
    public string? Detail { get; init; }
}
