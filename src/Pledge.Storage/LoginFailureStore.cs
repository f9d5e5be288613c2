using System.Data.Common;
using NodaTime;

namespace Pledge.Storage;

/// <summary>
/// Failed logins, counted per user name and per client address, shared by every server instance on the database:
/// so a limit on failures holds however the attempts are spread over instances, and across restarts.
/// </summary>
/// <remarks>
/// <para>Holds the name as sent and the address, and when; never a password. Rows older than the caller's window
/// are removed with <see cref="ForgetBeforeAsync"/>: the table only holds recent failures.</para>
/// <para>Thread-safe; several processes may record and read at once. Times come from the store's clock.</para>
/// </remarks>
public sealed class LoginFailureStore
{
    private const string Name = "name";
    private const string Address = "address";

    private readonly StoreDialect _dialect;
    private readonly TimeProvider _time;

    internal LoginFailureStore(StoreDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    /// <summary>Records that a login of <paramref name="name"/> from <paramref name="address"/> failed now.</summary>
    /// <exception cref="ArgumentException">A blank name or address, one over 512 characters, or text the databases
    /// cannot store (the caller shortens or hashes what it cannot vouch for).</exception>
    public async Task RecordAsync(string name, string address, CancellationToken cancellationToken = default)
    {
        StoredText.RequireKey(name, "name", nameof(name));
        StoredText.RequireKey(address, "address", nameof(address));
        var now = StoreTime.NowTicks(_time);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var write = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var transaction = write.Transaction;
        await using (var command = Sql.Command(connection, transaction,
            "INSERT INTO login_failures (kind, value, at) VALUES (@name_kind, @name, @at), (@address_kind, @address, @at)"))
        {
            Sql.Add(command, "@name_kind", Name);
            Sql.Add(command, "@name", name);
            Sql.Add(command, "@address_kind", Address);
            Sql.Add(command, "@address", address);
            Sql.Add(command, "@at", now);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The failures of <paramref name="name"/> and from <paramref name="address"/> after <paramref name="since"/>
    /// (exclusive), newest first, at most <paramref name="limit"/> of each.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public async Task<LoginFailures> RecentAsync(string name, string address, Instant since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var byName = await RecentAsync(connection, Name, name, since, limit, cancellationToken).ConfigureAwait(false);
        var byAddress = await RecentAsync(connection, Address, address, since, limit, cancellationToken).ConfigureAwait(false);
        return new LoginFailures(byName, byAddress);
    }

    /// <summary>Forgets the failures of <paramref name="name"/> (a successful login clears them); those from its
    /// addresses stay, so one good account cannot reset an address that guesses others.</summary>
    /// <returns>How many were forgotten.</returns>
    public async Task<int> ClearNameAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "DELETE FROM login_failures WHERE kind = @kind AND value = @value");
        Sql.Add(command, "@kind", Name);
        Sql.Add(command, "@value", name);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets every failure at or before <paramref name="before"/>.</summary>
    /// <returns>How many were forgotten.</returns>
    public async Task<int> ForgetBeforeAsync(Instant before, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "DELETE FROM login_failures WHERE at <= @before");
        Sql.Add(command, "@before", before.ToUnixTimeTicks());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<Instant>> RecentAsync(DbConnection connection, string kind, string value, Instant since, int limit, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, null,
            "SELECT at FROM login_failures WHERE kind = @kind AND value = @value AND at > @since ORDER BY at DESC LIMIT @limit");
        Sql.Add(command, "@kind", kind);
        Sql.Add(command, "@value", value);
        Sql.Add(command, "@since", since.ToUnixTimeTicks());
        Sql.Add(command, "@limit", limit);
        var times = new List<Instant>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            times.Add(StoreTime.FromTicks(reader.GetInt64(0)));
        }

        return times;
    }
}
