using NodaTime;
using NodaTime.Text;
using Pledge.Storage;

namespace Pledge.Server.Security;

/// <summary>The body of <c>POST /api/v1/auth/login</c>.</summary>
internal sealed record LoginRequest(string? Name, string? Password);

/// <summary>A session: send <see cref="Token"/> as <c>Authorization: Bearer …</c> until <see cref="ExpiresAt"/>.</summary>
internal sealed record LoginResult(string Token, string TokenType, string ExpiresAt, UserBody User);

/// <summary>The answer of <c>GET /api/v1/auth/me</c>: who the credential is, and what it may do.</summary>
internal sealed record MeBody(string Name, string DisplayName, string Role, string? Customer, IReadOnlyList<string> Scopes, string Credential);

/// <summary>The body that creates a user. A customer contact names its customer; a password is optional (a user
/// without one uses API keys only).</summary>
internal sealed record UserCreate(string? Name, string? DisplayName, string? Email, string? Role, string? Customer, string? Password);

/// <summary>The body that changes a user: only the fields present change.</summary>
internal sealed record UserUpdate(string? DisplayName, string? Email, string? Role, string? Customer, bool? Disabled);

/// <summary>The body with which users change their own password: the current one, and the new one.</summary>
internal sealed record PasswordChange(string? Current, string? Password);

/// <summary>The body that sets a user's password.</summary>
internal sealed record PasswordSet(string? Password);

/// <summary>A user as the API shows it (never its password hash).</summary>
internal sealed record UserBody(string Name, string DisplayName, string? Email, string Role, string? Customer, bool Disabled, bool HasPassword, string CreatedAt, string UpdatedAt)
{
    public static UserBody Of(StoredUser user) => new(user.Name, user.DisplayName, user.Email, user.Role, user.Customer, user.Disabled,
        user.PasswordHash is not null, Iso(user.CreatedAt), Iso(user.UpdatedAt));

    public static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}

/// <summary>The body that creates an API key: what it is for, its scopes (at most its owner's role's, and the
/// creating credential's), and an optional expiry instant with an offset.</summary>
internal sealed record KeyCreate(string? Label, IReadOnlyList<string>? Scopes, string? ExpiresAt);

/// <summary>An API key as listed: its id, never its secret.</summary>
internal sealed record KeyBody(string Id, string User, string Label, IReadOnlyList<string> Scopes, string CreatedAt, string? ExpiresAt, string? RevokedAt, string? LastUsedAt)
{
    public static KeyBody Of(StoredApiKey key) => new(key.Id, key.UserName, key.Label, key.Scopes, UserBody.Iso(key.CreatedAt),
        key.ExpiresAt is { } e ? UserBody.Iso(e) : null, key.RevokedAt is { } r ? UserBody.Iso(r) : null, key.LastUsedAt is { } u ? UserBody.Iso(u) : null);
}

/// <summary>A new API key with its secret <see cref="Key"/>: shown in this answer only, never again.</summary>
internal sealed record KeyCreated(string Key, KeyBody Details);
