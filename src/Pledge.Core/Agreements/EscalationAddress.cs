namespace Pledge.Agreements;

/// <summary>Where one notification of an escalation goes, once the rule's recipients are resolved against the repository.</summary>
/// <param name="Channel">The server channel's name, or null for an e-mail address.</param>
/// <param name="Email">The e-mail address, or null for a channel.</param>
/// <param name="Reason">Which rule and recipient produced it, for the delivery log: <c>breach → contacts: customer/facilities</c>.</param>
public sealed record EscalationAddress(string? Channel, string? Email, string Reason)
{
    /// <summary>The key that makes one notification per alert and address: <c>channel:ops</c> or <c>email:ann@acme.example</c>.</summary>
    public string Key => Channel is not null ? "channel:" + Channel.ToLowerInvariant() : "email:" + Email!.ToLowerInvariant();
}
