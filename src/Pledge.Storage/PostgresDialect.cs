using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Pledge.Storage;

/// <summary>PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>.</summary>
/// <remarks>
/// Batches are written with binary <c>COPY</c>, which PostgreSQL takes at about twice the rate of a multi-row
/// <c>INSERT</c>, but which cannot skip an id already stored: if one is (a resent batch), the copy fails whole and
/// the batch goes in one <c>INSERT … ON CONFLICT DO NOTHING</c> statement instead (arrays unnested). Both write rows
/// in id order (code-point order, as <c>COLLATE "C"</c>): two transactions inserting overlapping ids then always
/// meet them in the same order, so one waits for the other instead of deadlocking. The <c>sequence</c> values are
/// still handed out in batch order, so events at the same instant read back in the order they were appended, as
/// on SQLite.
/// </remarks>
internal sealed class PostgresDialect : StoreDialect
{
    // pg_advisory_lock key serialising migrations between server instances: "Pledge" in ASCII.
    private const long SchemaLockKey = 0x506C65646765;

    // pg_advisory_xact_lock key serialising repository writes: "PledgeD" in ASCII.
    private const long DocumentsLockKey = 0x506C6564676544;

    private const string InsertBatch = """
        INSERT INTO events (id, type, subject, at, received_at, body, sequence)
        SELECT e.id, e.type, e.subject, e.at, @received_at, e.body, s.sequence
        FROM unnest(@ids, @types, @subjects, @ats, @bodies) WITH ORDINALITY AS e (id, type, subject, at, body, n)
        JOIN (
            SELECT v.sequence, row_number() OVER (ORDER BY v.sequence) AS n
            FROM (SELECT nextval('events_sequence') AS sequence FROM generate_series(1, @count)) AS v
        ) AS s ON s.n = e.n
        ORDER BY e.id COLLATE "C"
        ON CONFLICT (id) DO NOTHING
        RETURNING sequence, id
        """;

    private const string CopyEvents = "COPY events (id, type, subject, at, received_at, body, sequence) FROM STDIN (FORMAT BINARY)";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string database)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(database);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"the PostgreSQL connection string is not valid: {e.Message}", nameof(database), e);
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new ArgumentException("the PostgreSQL connection string names no Database=…", nameof(database));
        }

        Location = $"postgresql {builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override StoreKind Kind => StoreKind.PostgreSql;

    public override string Location { get; }

    public override string ForUpdate => " FOR UPDATE";

    public override string CreateMigrationsTable =>
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at bigint NOT NULL)";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<WriteTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        new(await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false), gate: null);

    public override async Task LockDocumentsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)");
        Sql.Add(command, "@key", DocumentsLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var command = Sql.Command(connection, null, "SELECT pg_advisory_lock(@key)"))
        {
            Sql.Add(command, "@key", SchemaLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new SchemaLock(connection);
    }

    public override IReadOnlyList<string> Statements(Migration migration) => migration.PostgreSql;

    public override async Task<IReadOnlyList<AppendedEvent>[]> WriteEventsAsync(IReadOnlyList<EventBatch> batches, long receivedAt)
    {
        // One statement for the whole group (a round trip per caller's batch made the group's writer the bottleneck),
        // outside a transaction: a single statement is atomic on its own, and BEGIN and COMMIT cost a round trip.
        var (merged, owners) = batches.Count == 1 ? (batches[0], null) : EventBatch.Merge(batches);
        await using var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        List<(int Row, long Sequence)> inserted;
        try
        {
            inserted = await CopyAsync(connection, merged, receivedAt).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            inserted = await InsertAsync(connection, merged, receivedAt).ConfigureAwait(false);
        }

        var appended = new List<AppendedEvent>[batches.Count];
        for (var i = 0; i < appended.Length; i++)
        {
            appended[i] = [];
        }

        // In sequence order, each with its caller's batch.
        inserted.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        foreach (var (row, sequence) in inserted)
        {
            appended[owners?[row] ?? 0].Add(new AppendedEvent(sequence, merged.Ids[row], merged.Types[row], merged.Subjects[row]));
        }

        return appended;
    }

    /// <summary>Copies every row in, returning each row's sequence; fails with a unique violation, storing nothing, if
    /// any id is stored already.</summary>
    private static async Task<List<(int Row, long Sequence)>> CopyAsync(NpgsqlConnection connection, EventBatch batch, long receivedAt)
    {
        var sequences = new long[batch.Count];
        await using (var command = new NpgsqlCommand("SELECT nextval('events_sequence') FROM generate_series(1, @count)", connection))
        {
            command.Parameters.AddWithValue("count", batch.Count);
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false); i++)
            {
                sequences[i] = reader.GetInt64(0);
            }
        }

        // Handed out in batch order; nextval's values rise, but the generated rows need not come back in order.
        Array.Sort(sequences);
        var order = new int[batch.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => CodePointOrder(batch.Ids[a], batch.Ids[b]));
        await using (var copy = await connection.BeginBinaryImportAsync(CopyEvents, CancellationToken.None).ConfigureAwait(false))
        {
            foreach (var i in order)
            {
                await copy.StartRowAsync(CancellationToken.None).ConfigureAwait(false);
                await copy.WriteAsync(batch.Ids[i], NpgsqlDbType.Text, CancellationToken.None).ConfigureAwait(false);
                await copy.WriteAsync(batch.Types[i], NpgsqlDbType.Text, CancellationToken.None).ConfigureAwait(false);
                await copy.WriteAsync(batch.Subjects[i], NpgsqlDbType.Text, CancellationToken.None).ConfigureAwait(false);
                await copy.WriteAsync(batch.Ats[i], NpgsqlDbType.Bigint, CancellationToken.None).ConfigureAwait(false);
                await copy.WriteAsync(receivedAt, NpgsqlDbType.Bigint, CancellationToken.None).ConfigureAwait(false);
                await copy.WriteAsync(batch.Bodies[i], NpgsqlDbType.Text, CancellationToken.None).ConfigureAwait(false);
                await copy.WriteAsync(sequences[i], NpgsqlDbType.Bigint, CancellationToken.None).ConfigureAwait(false);
            }

            await copy.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return [.. sequences.Select((sequence, row) => (row, sequence))];
    }

    /// <summary>Inserts the rows whose ids are not stored yet, returning the sequence of each it inserted.</summary>
    private static async Task<List<(int Row, long Sequence)>> InsertAsync(NpgsqlConnection connection, EventBatch batch, long receivedAt)
    {
        var rows = new Dictionary<string, int>(batch.Count, StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            rows.Add(batch.Ids[i], i);
        }

        var inserted = new List<(int Row, long Sequence)>(batch.Count);
        await using var command = Sql.Command(connection, null, InsertBatch);
        Sql.Add(command, "@received_at", receivedAt);
        Sql.Add(command, "@count", batch.Count);
        Sql.Add(command, "@ids", batch.Ids);
        Sql.Add(command, "@types", batch.Types);
        Sql.Add(command, "@subjects", batch.Subjects);
        Sql.Add(command, "@ats", batch.Ats);
        Sql.Add(command, "@bodies", batch.Bodies);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            inserted.Add((rows[reader.GetString(1)], reader.GetInt64(0)));
        }

        return inserted;
    }

    /// <summary>Orders strings by code point, as PostgreSQL's <c>COLLATE "C"</c> orders their UTF-8 bytes (UTF-16 code
    /// units differ only in that surrogates, which encode code points above U+FFFF, come before U+E000 to U+FFFF).</summary>
    internal static int CodePointOrder(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                var (surrogateA, surrogateB) = (char.IsSurrogate(a[i]), char.IsSurrogate(b[i]));
                return surrogateA == surrogateB ? a[i].CompareTo(b[i]) : surrogateA ? 1 : -1;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    public override string TypeIn(DbCommand command, IReadOnlyCollection<string> types)
    {
        Sql.Add(command, "@types", types.ToArray());
        return "type = ANY(@types)";
    }

    // Databases are often created with a linguistic collation (en_US.UTF-8); "C" compares bytes like SQLite.
    public override string Ordinal(string column) => column + " COLLATE \"C\"";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override Task ListenForAppendsAsync(Action<FeedNotice> notified, Action<Exception> failed, TimeProvider time, CancellationToken cancellationToken) =>
        PostgresAppendListener.RunAsync(_dataSource, notified, failed, time, cancellationToken);

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private sealed class SchemaLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var command = Sql.Command(connection, null, "SELECT pg_advisory_unlock(@key)");
            Sql.Add(command, "@key", SchemaLockKey);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}
