using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Pledge.Storage;

/// <summary>The audit trail: append-only, read in the order recorded.</summary>
/// <remarks>Document changes are traceable without an entry here (<see cref="DocumentStore.HistoryAsync"/> keeps who
/// and when for every version); a <see cref="DocumentBatch"/> records its entry in its own transaction. Thread-safe.</remarks>
public sealed class AuditLog
{
    private const string Columns = "SELECT id, at, actor, action, target, detail FROM audit";

    private readonly StoreDialect _dialect;
    private readonly TimeProvider _time;

    internal AuditLog(StoreDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    /// <summary>Records an entry at the store clock's current instant.</summary>
    /// <exception cref="ArgumentException">A blank actor, action or target, a key over 512 characters, or text
    /// with U+0000 or half a surrogate pair; nothing is recorded.</exception>
    public async Task<AuditEntry> RecordAsync(string actor, string action, string target, string? detail = null, CancellationToken cancellationToken = default)
    {
        StoredText.RequireKey(actor, "actor", nameof(actor));
        StoredText.RequireKey(action, "action", nameof(action));
        StoredText.RequireKey(target, "target", nameof(target));
        if (detail is not null)
        {
            StoredText.RequireText(detail, "detail", nameof(detail));
        }

        var at = StoreTime.NowTicks(_time);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var id = await InsertAsync(connection, null, at, actor, action, target, detail, cancellationToken).ConfigureAwait(false);
        return new AuditEntry(id, StoreTime.FromTicks(at), actor, action, target, detail);
    }

    /// <summary>Inserts an entry on a connection of the caller's, inside its transaction when given; returns its id.</summary>
    internal static async Task<long> InsertAsync(
        DbConnection connection, DbTransaction? transaction, long at, string actor, string action, string target, string? detail, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(
            connection,
            transaction,
            "INSERT INTO audit (at, actor, action, target, detail) VALUES (@at, @actor, @action, @target, @detail) RETURNING id");
        Sql.Add(command, "@at", at);
        Sql.Add(command, "@actor", actor);
        Sql.Add(command, "@action", action);
        Sql.Add(command, "@target", target);
        Sql.Add(command, "@detail", detail);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The entries (about <paramref name="target"/>, or all), in the order recorded, streaming.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAsync(string? target = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, target is null ? Columns + " ORDER BY id" : Columns + " WHERE target = @target ORDER BY id");
        if (target is not null)
        {
            Sql.Add(command, "@target", target);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    private static AuditEntry Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        StoreTime.FromTicks(reader.GetInt64(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5));
}
