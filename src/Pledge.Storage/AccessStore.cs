using System.Data.Common;
using NodaTime;

namespace Pledge.Storage;

/// <summary>
/// Users, their API keys and their login sessions. Secrets never reach this store: keys and session tokens are
/// kept as the SHA-256 of the secret, passwords as a hash the caller computed (docs/security.md).
/// </summary>
/// <remarks>Thread-safe. Names are compared exactly: the server lower-cases user names before they come here.</remarks>
public sealed class AccessStore
{
    private const string UserColumns = "name, display_name, email, role, customer, password_hash, disabled, created_at, updated_at";
    private const string KeyColumns = "id, user_name, label, secret_hash, scopes, created_at, expires_at, revoked_at, last_used_at";

    private readonly StoreDialect _dialect;
    private readonly TimeProvider _time;

    internal AccessStore(StoreDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    /// <summary>How many users there are (the server creates the first admin when there are none).</summary>
    public async Task<long> CountUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT COUNT(*) FROM users");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates a user; null when one of that name exists (nothing is changed then).</summary>
    /// <remarks><see cref="StoredUser.CreatedAt"/> and <see cref="StoredUser.UpdatedAt"/> are set from the store's clock.</remarks>
    public async Task<StoredUser?> CreateUserAsync(StoredUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        RequireUser(user);
        var now = StoreTime.NowTicks(_time);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"INSERT INTO users ({UserColumns}) VALUES (@name, @display, @email, @role, @customer, @hash, @disabled, @at, @at)");
        AddUser(command, user);
        Sql.Add(command, "@at", now);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_dialect.IsUniqueViolation(e))
        {
            return null;
        }

        return user with { CreatedAt = StoreTime.FromTicks(now), UpdatedAt = StoreTime.FromTicks(now) };
    }

    /// <summary>Writes every field of an existing user but its name and creation time; null when there is none.</summary>
    public async Task<StoredUser?> UpdateUserAsync(StoredUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        RequireUser(user);
        var now = StoreTime.NowTicks(_time);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "UPDATE users SET display_name = @display, email = @email, role = @role, customer = @customer, password_hash = @hash, disabled = @disabled, updated_at = @at WHERE name = @name");
        AddUser(command, user);
        Sql.Add(command, "@at", now);
        var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return changed == 0 ? null : await GetUserAsync(user.Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user named <paramref name="name"/>, or null.</summary>
    public async Task<StoredUser?> GetUserAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, $"SELECT {UserColumns} FROM users WHERE name = @name");
        Sql.Add(command, "@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadUser(reader, 0) : null;
    }

    /// <summary>Every user, by name (code-point order).</summary>
    public async Task<IReadOnlyList<StoredUser>> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, $"SELECT {UserColumns} FROM users ORDER BY {_dialect.Ordinal("name")}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<StoredUser>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(ReadUser(reader, 0));
        }

        return users;
    }

    /// <summary>Stores a new API key (its owner must exist); <see cref="StoredApiKey.CreatedAt"/> is the store's clock.</summary>
    /// <exception cref="ArgumentException">A blank id, owner or hash, or an id already used.</exception>
    public async Task<StoredApiKey> CreateKeyAsync(StoredApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        StoredText.RequireKey(key.Id, "id", nameof(key));
        StoredText.RequireKey(key.UserName, "user", nameof(key));
        StoredText.RequireKey(key.SecretHash, "secretHash", nameof(key));
        StoredText.RequireText(key.Label, "label", nameof(key));
        var now = StoreTime.NowTicks(_time);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"INSERT INTO api_keys ({KeyColumns}) VALUES (@id, @user, @label, @hash, @scopes, @at, @expires, NULL, NULL)");
        Sql.Add(command, "@id", key.Id);
        Sql.Add(command, "@user", key.UserName);
        Sql.Add(command, "@label", key.Label);
        Sql.Add(command, "@hash", key.SecretHash);
        Sql.Add(command, "@scopes", string.Join(' ', key.Scopes));
        Sql.Add(command, "@at", now);
        Sql.Add(command, "@expires", key.ExpiresAt?.ToUnixTimeTicks());
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_dialect.IsUniqueViolation(e))
        {
            throw new ArgumentException($"api key {key.Id} (or its secret) exists already", nameof(key), e);
        }

        return key with { CreatedAt = StoreTime.FromTicks(now), RevokedAt = null, LastUsedAt = null };
    }

    /// <summary>The keys of <paramref name="userName"/> (or of everyone), by owner and id; revoked ones included.</summary>
    public async Task<IReadOnlyList<StoredApiKey>> ListKeysAsync(string? userName = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var order = $" ORDER BY {_dialect.Ordinal("user_name")}, {_dialect.Ordinal("id")}";
        await using var command = Sql.Command(connection, null,
            userName is null ? $"SELECT {KeyColumns} FROM api_keys" + order : $"SELECT {KeyColumns} FROM api_keys WHERE user_name = @user" + order);
        if (userName is not null)
        {
            Sql.Add(command, "@user", userName);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<StoredApiKey>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(ReadKey(reader, 0));
        }

        return keys;
    }

    /// <summary>Revokes the key <paramref name="id"/> of <paramref name="userName"/> now; false when it has no such key.
    /// Revoking a revoked key keeps its first revocation time.</summary>
    public async Task<bool> RevokeKeyAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @at) WHERE id = @id AND user_name = @user");
        Sql.Add(command, "@at", StoreTime.NowTicks(_time));
        Sql.Add(command, "@id", id);
        Sql.Add(command, "@user", userName);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>The key whose secret hashes to <paramref name="secretHash"/> and its owner, whatever their state; null when none.</summary>
    public async Task<(StoredApiKey Key, StoredUser User)?> FindKeyAsync(string secretHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secretHash);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT {Prefixed("k", KeyColumns)}, {Prefixed("u", UserColumns)} FROM api_keys k JOIN users u ON u.name = k.user_name WHERE k.secret_hash = @hash");
        Sql.Add(command, "@hash", secretHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (ReadKey(reader, 0), ReadUser(reader, 9)) : null;
    }

    /// <summary>Records that the key was used now, when its last use is older than <paramref name="resolution"/>
    /// (so a busy key does not write on every request).</summary>
    public async Task TouchKeyAsync(string id, Duration resolution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var now = StoreTime.NowTicks(_time);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "UPDATE api_keys SET last_used_at = @at WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @before)");
        Sql.Add(command, "@at", now);
        Sql.Add(command, "@before", now - resolution.BclCompatibleTicks);
        Sql.Add(command, "@id", id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a new session; its creation time is the store's clock. Expired sessions are deleted on the way.</summary>
    public async Task<StoredSession> CreateSessionAsync(string tokenHash, string userName, Instant expiresAt, CancellationToken cancellationToken = default)
    {
        StoredText.RequireKey(tokenHash, "tokenHash", nameof(tokenHash));
        StoredText.RequireKey(userName, "user", nameof(userName));
        var now = StoreTime.NowTicks(_time);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var prune = Sql.Command(connection, null, "DELETE FROM sessions WHERE expires_at <= @at"))
        {
            Sql.Add(prune, "@at", now);
            await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = Sql.Command(connection, null,
            "INSERT INTO sessions (token_hash, user_name, created_at, expires_at) VALUES (@hash, @user, @at, @expires)");
        Sql.Add(command, "@hash", tokenHash);
        Sql.Add(command, "@user", userName);
        Sql.Add(command, "@at", now);
        Sql.Add(command, "@expires", expiresAt.ToUnixTimeTicks());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new StoredSession(tokenHash, userName, StoreTime.FromTicks(now), expiresAt);
    }

    /// <summary>The session whose token hashes to <paramref name="tokenHash"/> and its user, expired or not; null when none.</summary>
    public async Task<(StoredSession Session, StoredUser User)?> FindSessionAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT s.token_hash, s.user_name, s.created_at, s.expires_at, {Prefixed("u", UserColumns)} FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = @hash");
        Sql.Add(command, "@hash", tokenHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var session = new StoredSession(reader.GetString(0), reader.GetString(1), StoreTime.FromTicks(reader.GetInt64(2)), StoreTime.FromTicks(reader.GetInt64(3)));
        return (session, ReadUser(reader, 4));
    }

    /// <summary>Ends one session (logout); false when there was none.</summary>
    public async Task<bool> DeleteSessionAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "DELETE FROM sessions WHERE token_hash = @hash");
        Sql.Add(command, "@hash", tokenHash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Ends every session of a user (their password changed, or they were disabled); returns how many.</summary>
    public async Task<int> DeleteSessionsOfAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "DELETE FROM sessions WHERE user_name = @user");
        Sql.Add(command, "@user", userName);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void RequireUser(StoredUser user)
    {
        StoredText.RequireKey(user.Name, "name", nameof(user));
        StoredText.RequireText(user.DisplayName, "displayName", nameof(user));
        StoredText.RequireKey(user.Role, "role", nameof(user));
        if (user.Email is not null)
        {
            StoredText.RequireText(user.Email, "email", nameof(user));
        }

        if (user.Customer is not null)
        {
            StoredText.RequireKey(user.Customer, "customer", nameof(user));
        }
    }

    private static void AddUser(DbCommand command, StoredUser user)
    {
        Sql.Add(command, "@name", user.Name);
        Sql.Add(command, "@display", user.DisplayName);
        Sql.Add(command, "@email", user.Email);
        Sql.Add(command, "@role", user.Role);
        Sql.Add(command, "@customer", user.Customer);
        Sql.Add(command, "@hash", user.PasswordHash);
        Sql.Add(command, "@disabled", user.Disabled);
    }

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));

    private static StoredUser ReadUser(DbDataReader reader, int at) => new(
        reader.GetString(at),
        reader.GetString(at + 1),
        reader.IsDBNull(at + 2) ? null : reader.GetString(at + 2),
        reader.GetString(at + 3),
        reader.IsDBNull(at + 4) ? null : reader.GetString(at + 4),
        reader.IsDBNull(at + 5) ? null : reader.GetString(at + 5),
        reader.GetBoolean(at + 6),
        StoreTime.FromTicks(reader.GetInt64(at + 7)),
        StoreTime.FromTicks(reader.GetInt64(at + 8)));

    private static StoredApiKey ReadKey(DbDataReader reader, int at) => new(
        reader.GetString(at),
        reader.GetString(at + 1),
        reader.GetString(at + 2),
        reader.GetString(at + 3),
        [.. reader.GetString(at + 4).Split(' ', StringSplitOptions.RemoveEmptyEntries)],
        StoreTime.FromTicks(reader.GetInt64(at + 5)),
        Ticks(reader, at + 6),
        Ticks(reader, at + 7),
        Ticks(reader, at + 8));

    private static Instant? Ticks(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : StoreTime.FromTicks(reader.GetInt64(ordinal));
}
