using System.Text.RegularExpressions;
using NodaTime;
using Pledge.Storage;
using Pledge.Text;

namespace Pledge.Server.Security;

/// <summary>Issuing and revoking API keys, shared by a user's own key endpoints and the admin's.</summary>
internal static partial class ApiKeys
{
    /// <summary>Creates a key for <paramref name="owner"/> as <paramref name="caller"/> asks: its scopes must be within
    /// the owner's role and within the caller's own credential (a key cannot mint a stronger key).</summary>
    public static async Task<IResult> CreateAsync(PledgeStore store, TimeProvider time, Caller caller, StoredUser owner, KeyCreate? body, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return AccessProblems.BadRequest("body", "send {\"label\": \"…\", \"scopes\": [\"events:write\"], \"expiresAt\": \"…\"}");
        }

        var label = body.Label?.Trim() ?? string.Empty;
        if (label.Length is 0 or > 200 || label.Any(char.IsControl))
        {
            return AccessProblems.BadRequest("label", "is required: 1 to 200 characters saying what the key is for");
        }

        if (!Roles.TryParse(owner.Role, out var role))
        {
            return AccessProblems.Conflict($"user {owner.Name} has the unknown role \"{owner.Role}\"");
        }

        if (body.Scopes is null || body.Scopes.Count == 0)
        {
            return AccessProblems.BadRequest("scopes", $"is required: one or more of {string.Join(", ", Roles.MaxScopes(role).OrderBy(s => s, StringComparer.Ordinal))}");
        }

        foreach (var scope in body.Scopes)
        {
            if (scope is null || !Scopes.IsKnown(scope))
            {
                return AccessProblems.BadRequest("scopes", $"\"{scope}\" is not a scope ({string.Join(", ", Scopes.All)})");
            }

            if (!Roles.MaxScopes(role).Contains(scope))
            {
                return AccessProblems.BadRequest("scopes", $"{scope} is beyond the role {owner.Role} of {owner.Name}");
            }

            if (!caller.Has(scope))
            {
                return AccessProblems.BadRequest("scopes", $"{scope} is beyond the credential creating the key");
            }
        }

        Instant? expires = null;
        if (body.ExpiresAt is not null)
        {
            if (!IsoInstant.TryParse(body.ExpiresAt.AsSpan(), out var ticks))
            {
                return AccessProblems.BadRequest("expiresAt", $"\"{body.ExpiresAt}\" is not an instant with an offset, such as 2027-01-31T00:00:00Z");
            }

            expires = Instant.FromUnixTimeTicks(ticks);
            if (expires <= Instant.FromDateTimeOffset(time.GetUtcNow()))
            {
                return AccessProblems.BadRequest("expiresAt", $"{body.ExpiresAt} is not in the future");
            }
        }

        var (id, key) = SecretTokens.NewApiKey();
        var stored = await store.Access.CreateKeyAsync(
            new StoredApiKey(id, owner.Name, label, SecretTokens.Hash(key), [.. body.Scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], default, expires, null, null),
            cancellationToken);
        await store.Audit.RecordAsync(caller.Actor, "key.create", $"user/{owner.Name}", $"{id} ({string.Join(' ', stored.Scopes)})", cancellationToken);
        return TypedResults.Created($"/api/v1/users/{owner.Name}/keys/{id}", new KeyCreated(key, KeyBody.Of(stored)));
    }

    /// <summary>Revokes the key <paramref name="id"/> of <paramref name="owner"/>.</summary>
    public static async Task<IResult> RevokeAsync(PledgeStore store, Caller caller, string owner, string id, CancellationToken cancellationToken)
    {
        if (!await store.Access.RevokeKeyAsync(owner, id, cancellationToken))
        {
            // The id is not echoed: it may be someone else's, and the answer is the same whether it is or not.
            return AccessProblems.NotFound($"that key of {owner}");
        }

        await store.Audit.RecordAsync(caller.Actor, "key.revoke", $"user/{owner}", id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A user name as stored: trimmed, lower case; null when it is not a name (a letter or digit, then up
    /// to 63 letters, digits, '.', '_', '-' or '@').</summary>
    public static string? NormalizeName(string? name)
    {
        var normalized = name?.Trim().ToLowerInvariant();
        return normalized is not null && NamePattern().IsMatch(normalized) ? normalized : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
