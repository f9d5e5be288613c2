using System.Collections.Frozen;
using NodaTime;
using Pledge.Storage;

namespace Pledge.Server.Security;

/// <summary>
/// Turns a bearer secret (an API key or a session token) into a <see cref="Caller"/>, or refuses it. The secret is
/// hashed and looked up; it is never stored, compared as text, or written anywhere.
/// </summary>
/// <remarks>The user is read with the credential on every request, so disabling a user, changing its role or its
/// customer takes effect on the next request. Thread-safe.</remarks>
internal sealed class BearerAuthenticator(PledgeDatabase database, TimeProvider time)
{
    /// <summary>The longest bearer secret looked at (anything longer is refused unread).</summary>
    public const int MaxSecretLength = 512;

    // A busy key would otherwise write its last use on every request.
    private static readonly Duration LastUsedResolution = Duration.FromMinutes(1);

    /// <summary>The caller <paramref name="secret"/> proves, or null when it proves nothing (unknown, expired,
    /// revoked, or its user disabled: one answer for all, so the caller learns nothing about the secret).</summary>
    public async Task<Caller?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > MaxSecretLength)
        {
            return null;
        }

        var store = await database.GetAsync();
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var hash = SecretTokens.Hash(secret);
        if (secret.StartsWith(SecretTokens.SessionPrefix, StringComparison.Ordinal))
        {
            if (await store.Access.FindSessionAsync(hash, cancellationToken) is not var (session, sessionUser) || session.ExpiresAt <= now)
            {
                return null;
            }

            return CallerOf(sessionUser, null, Caller.SessionCredential);
        }

        if (await store.Access.FindKeyAsync(hash, cancellationToken) is not var (key, user)
            || key.RevokedAt is not null
            || (key.ExpiresAt is { } expires && expires <= now))
        {
            return null;
        }

        var caller = CallerOf(user, key.Scopes, $"key {key.Id}");
        if (caller is not null && (key.LastUsedAt is not { } used || now - used >= LastUsedResolution))
        {
            await store.Access.TouchKeyAsync(key.Id, LastUsedResolution, cancellationToken);
        }

        return caller;
    }

    /// <summary>The caller a credential of <paramref name="user"/> makes: its key's scopes within the role's (a
    /// session: the role's), or null when the user is disabled or its role unknown.</summary>
    public static Caller? CallerOf(StoredUser user, IEnumerable<string>? keyScopes, string credential)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Disabled || !Roles.TryParse(user.Role, out var role))
        {
            return null;
        }

        var max = Roles.MaxScopes(role);
        var scopes = keyScopes is null ? max : keyScopes.Where(max.Contains).ToFrozenSet(StringComparer.Ordinal);
        return new Caller(user.Name, role, role == Role.CustomerContact ? user.Customer : null, scopes, credential);
    }
}
