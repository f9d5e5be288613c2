using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Storage;

/// <summary>An API key as stored: never its secret, only the SHA-256 of it.</summary>
/// <param name="Id">Its visible identifier (also the start of the key itself), safe to show and log.</param>
/// <param name="UserName">Its owner.</param>
/// <param name="Label">What it is for, as its owner named it.</param>
/// <param name="SecretHash">The SHA-256 of the whole key, lower-case hex.</param>
/// <param name="Scopes">What it may do, a subset of its owner's role.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ExpiresAt">When it stops working, or null for never.</param>
/// <param name="RevokedAt">When it was revoked, or null.</param>
/// <param name="LastUsedAt">When it was last seen (recorded at most about once a minute), or null.</param>
public sealed record StoredApiKey(
    string Id,
    string UserName,
    string Label,
    string SecretHash,
    ImmutableArray<string> Scopes,
    Instant CreatedAt,
    Instant? ExpiresAt,
    Instant? RevokedAt,
    Instant? LastUsedAt);
