using System.Data.Common;

namespace Pledge.Storage;

/// <summary>Notification channels by name (lower case). Thread-safe.</summary>
public sealed class ChannelStore
{
    private const string Columns = "SELECT name, type, url, secret, addresses, created_at, updated_at FROM channels";

    private readonly StoreDialect _dialect;
    private readonly TimeProvider _time;

    internal ChannelStore(StoreDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    /// <summary>Creates the channel <paramref name="name"/>, or replaces its settings when it exists (keeping its creation time).</summary>
    /// <returns>The stored channel, and whether it was created.</returns>
    /// <exception cref="ArgumentException">A blank name or type, or text the databases cannot store.</exception>
    public async Task<(StoredChannel Channel, bool Created)> PutAsync(string name, string type, string? url, string? secret, IReadOnlyList<string> addresses, CancellationToken cancellationToken = default)
    {
        StoredText.RequireKey(name, "name", nameof(name));
        StoredText.RequireKey(type, "type", nameof(type));
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var text in new[] { url, secret }.Concat(addresses).OfType<string>())
        {
            StoredText.RequireText(text, "channel setting", nameof(url));
        }

        var key = name.ToLowerInvariant();
        var now = StoreTime.NowTicks(_time);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var write = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var transaction = write.Transaction;
        var existing = await GetAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
        var joined = addresses.Count == 0 ? null : string.Join('\n', addresses);
        await using (var command = Sql.Command(
            connection,
            transaction,
            existing is null
                ? "INSERT INTO channels (name, type, url, secret, addresses, created_at, updated_at) VALUES (@name, @type, @url, @secret, @addresses, @now, @now)"
                : "UPDATE channels SET type = @type, url = @url, secret = @secret, addresses = @addresses, updated_at = @now WHERE name = @name"))
        {
            Sql.Add(command, "@name", key);
            Sql.Add(command, "@type", type);
            Sql.Add(command, "@url", url);
            Sql.Add(command, "@secret", secret);
            Sql.Add(command, "@addresses", joined);
            Sql.Add(command, "@now", now);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        var created = existing?.CreatedAt ?? StoreTime.FromTicks(now);
        return (new StoredChannel(key, type, url, secret, [.. addresses], created, StoreTime.FromTicks(now)), existing is null);
    }

    /// <summary>The channel named <paramref name="name"/> (ignoring case), or null.</summary>
    public async Task<StoredChannel?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, name.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every channel, by name.</summary>
    public async Task<IReadOnlyList<StoredChannel>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, Columns + " ORDER BY " + _dialect.Ordinal("name"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var channels = new List<StoredChannel>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            channels.Add(Read(reader));
        }

        return channels;
    }

    /// <summary>Deletes the channel; false when there was none. Notifications already queued for it fail and are retried
    /// (a channel created again under the name receives them) until they are dead.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "DELETE FROM channels WHERE name = @name");
        Sql.Add(command, "@name", name.ToLowerInvariant());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static async Task<StoredChannel?> GetAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, Columns + " WHERE name = @name");
        Sql.Add(command, "@name", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static StoredChannel Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? [] : [.. reader.GetString(4).Split('\n')],
        StoreTime.FromTicks(reader.GetInt64(5)),
        StoreTime.FromTicks(reader.GetInt64(6)));
}
