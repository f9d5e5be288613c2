using NodaTime;

namespace Pledge.Storage;

/// <summary>A login session as stored: the SHA-256 of its bearer token, never the token.</summary>
/// <param name="TokenHash">The SHA-256 of the token, lower-case hex: the key.</param>
/// <param name="UserName">Who logged in.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="ExpiresAt">When the token stops working.</param>
public sealed record StoredSession(string TokenHash, string UserName, Instant CreatedAt, Instant ExpiresAt);
