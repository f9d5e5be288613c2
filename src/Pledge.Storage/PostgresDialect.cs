using System.Data.Common;
using Npgsql;

namespace Pledge.Storage;

/// <summary>PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>.</summary>
/// <remarks>
/// Batches insert in one statement (arrays unnested) in id order: two transactions inserting overlapping ids
/// then always meet them in the same order, so one waits for the other instead of deadlocking. The
/// <c>sequence</c> values are still handed out in batch order, so events at the same instant read back in the
/// order they were appended, as on SQLite.
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
        var rows = new Dictionary<string, int>(merged.Count, StringComparer.Ordinal);
        for (var i = 0; i < merged.Count; i++)
        {
            rows.Add(merged.Ids[i], i);
        }

        var appended = new List<AppendedEvent>[batches.Count];
        for (var i = 0; i < appended.Length; i++)
        {
            appended[i] = [];
        }

        await using var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, InsertBatch);
        Sql.Add(command, "@received_at", receivedAt);
        Sql.Add(command, "@count", merged.Count);
        Sql.Add(command, "@ids", merged.Ids);
        Sql.Add(command, "@types", merged.Types);
        Sql.Add(command, "@subjects", merged.Subjects);
        Sql.Add(command, "@ats", merged.Ats);
        Sql.Add(command, "@bodies", merged.Bodies);
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var row = rows[reader.GetString(1)];
                appended[owners?[row] ?? 0].Add(new AppendedEvent(reader.GetInt64(0), merged.Ids[row], merged.Types[row], merged.Subjects[row]));
            }
        }

        // Inserted in id order (see the class remarks); followers take them in sequence order.
        foreach (var list in appended)
        {
            list.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        return appended;
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
