using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Storage;

/// <summary>A notification channel defined on the server: a webhook, or a list of e-mail addresses.</summary>
/// <param name="Name">Its name, lower case: escalation rules name it (<c>channel: ops-webhook</c>).</param>
/// <param name="Type"><c>webhook</c> or <c>email</c>.</param>
/// <param name="Url">The webhook's URL (webhooks only).</param>
/// <param name="Secret">The webhook's HMAC key (webhooks only). Never shown by the API nor logged.</param>
/// <param name="Addresses">The e-mail addresses (e-mail channels only).</param>
/// <param name="CreatedAt">When it was created (the store's clock).</param>
/// <param name="UpdatedAt">When it was last changed.</param>
public sealed record StoredChannel(string Name, string Type, string? Url, string? Secret, ImmutableArray<string> Addresses, Instant CreatedAt, Instant UpdatedAt)
{
    /// <summary>Never prints the secret (records print every property by default).</summary>
    public override string ToString() => $"{Type} channel {Name}";
}
