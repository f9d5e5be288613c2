namespace Pledge.Storage;

/// <summary>
/// A breach an action answers: a ticket's breach of a target (<paramref name="Ticket"/> set), or a target failing
/// for a period (<paramref name="Period"/> set).
/// </summary>
/// <param name="Target">The target, <c>agreement/target</c>.</param>
/// <param name="Ticket">The ticket whose clock breached it.</param>
/// <param name="Period">The period in which it failed (<c>2026-11</c>).</param>
public sealed record ActionLink(string Target, string? Ticket, string? Period)
{
    /// <summary>The link's identity within its action: <c>ticket:T-1:acme-gold/resolution</c> or <c>period:2026-11:acme-gold/availability</c>.</summary>
    public string Key => Ticket is not null ? $"ticket:{Ticket}:{Target}" : $"period:{Period}:{Target}";
}
