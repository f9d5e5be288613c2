using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Pledge.Storage;

/// <summary>SQLite: one file in WAL mode, foreign keys on, writers queue on a busy timeout.</summary>
/// <remarks>
/// Microsoft.Data.Sqlite's async methods run synchronously, so the hot paths here call the synchronous ones and
/// save a task per row. SQLite allows one writer at a time: write transactions start with <c>BEGIN IMMEDIATE</c>,
/// so two writers never deadlock upgrading a read lock, and the second waits (up to <see cref="BusyTimeoutSeconds"/>)
/// instead of failing. In WAL mode readers never wait for the writer.
/// </remarks>
internal sealed class SqliteDialect : StoreDialect
{
    /// <summary>How long a writer waits for another one before failing with "database is locked".</summary>
    public const int BusyTimeoutSeconds = 30;

    private readonly string _connectionString;

    // This process's writers queue here rather than on SQLite's busy handler (see WriteTransaction).
    private readonly SemaphoreSlim _writers = new(1, 1);

    private SqliteDialect(SqliteConnectionStringBuilder builder, string parameter)
    {
        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource))
        {
            throw new ArgumentException("the SQLite Data Source is empty: give the database file's path", parameter);
        }

        if (builder.Mode == SqliteOpenMode.Memory || dataSource.Trim() == ":memory:")
        {
            // Each pooled connection would see its own empty database.
            throw new ArgumentException("an in-memory SQLite database is not supported: give a file path", parameter);
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new ArgumentException("a read-only SQLite database is not supported: the store applies migrations when it opens", parameter);
        }

        builder.DataSource = Path.GetFullPath(dataSource);
        builder.ForeignKeys = true;
        builder.DefaultTimeout = BusyTimeoutSeconds;
        Location = builder.DataSource;
        _connectionString = builder.ToString();
    }

    public override StoreKind Kind => StoreKind.Sqlite;

    public override string Location { get; }

    public override string ForUpdate => string.Empty;

    public override string CreateMigrationsTable =>
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY NOT NULL, description TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT";

    public static SqliteDialect FromPath(string database) => new(new SqliteConnectionStringBuilder { DataSource = database }, nameof(database));

    public static SqliteDialect FromConnectionString(string database)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(database);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"the SQLite connection string is not valid: {e.Message}", nameof(database), e);
        }

        return new SqliteDialect(builder, nameof(database));
    }

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}");
            command.ExecuteNonQuery();
            return Task.FromResult<DbConnection>(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override async Task<WriteTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // The same patience as SQLite's own busy timeout: a writer waiting longer fails as it would have without the gate.
        if (!await _writers.WaitAsync(TimeSpan.FromSeconds(BusyTimeoutSeconds), cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"another writer of {Location} held it for over {BusyTimeoutSeconds} s");
        }

        try
        {
            // Serializable and not deferred: BEGIN IMMEDIATE.
            return new WriteTransaction(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false), _writers);
        }
        catch
        {
            _writers.Release();
            throw;
        }
    }

    public override Task LockDocumentsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // Created on first start, folder included.
        Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();

        // WAL persists in the file: readers never block the writer, and the writer never blocks readers.
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite could not switch {Location} to WAL mode (it is in '{mode}' mode): put the file on a local file system");
        }
    }

    public override Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>

        // Every migration runs in its own BEGIN IMMEDIATE transaction, which already excludes other writers.
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    public override IReadOnlyList<string> Statements(Migration migration) => migration.Sqlite;

    public override async Task<IReadOnlyList<AppendedEvent>[]> WriteEventsAsync(IReadOnlyList<EventBatch> batches, long receivedAt)
    {
        await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var write = await BeginWriteAsync(connection, CancellationToken.None).ConfigureAwait(false);
        var appended = Insert((SqliteConnection)connection, batches, receivedAt);
        await write.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return appended;
    }

    private static IReadOnlyList<AppendedEvent>[] Insert(SqliteConnection connection, IReadOnlyList<EventBatch> batches, long receivedAt)
    {
        // Straight through SQLite's C API: Microsoft.Data.Sqlite looks every parameter up by name and builds a data
        // reader on each execution, which cost three times the insert itself for a 10,000-event batch. The
        // statement, prepared once for the group, runs inside the caller's transaction on the same connection handle.
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, EventStore.InsertOne, out var statement));
        using (statement)
        {
            int Index(string name) => raw.sqlite3_bind_parameter_index(statement, name);
            var (id, type, subject, at, body) = (Index("@id"), Index("@type"), Index("@subject"), Index("@at"), Index("@body"));
            Check(db, raw.sqlite3_bind_int64(statement, Index("@received_at"), receivedAt));

            // Rows go in batch order, so the rowid (the sequence) follows it.
            var appended = new IReadOnlyList<AppendedEvent>[batches.Count];
            for (var b = 0; b < batches.Count; b++)
            {
                var batch = batches[b];
                var inserted = new List<AppendedEvent>(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    Check(db, raw.sqlite3_bind_text(statement, id, batch.Ids[i]));
                    Check(db, raw.sqlite3_bind_text(statement, type, batch.Types[i]));
                    Check(db, raw.sqlite3_bind_text(statement, subject, batch.Subjects[i]));
                    Check(db, raw.sqlite3_bind_int64(statement, at, batch.Ats[i]));
                    Check(db, raw.sqlite3_bind_text(statement, body, batch.Bodies[i]));
                    var step = raw.sqlite3_step(statement);
                    if (step != raw.SQLITE_DONE)
                    {
                        Check(db, step);
                    }

                    if (raw.sqlite3_changes(db) == 1)
                    {
                        inserted.Add(new AppendedEvent(raw.sqlite3_last_insert_rowid(db), batch.Ids[i], batch.Types[i], batch.Subjects[i]));
                    }

                    Check(db, raw.sqlite3_reset(statement));
                }

                appended[b] = inserted;
            }

            return appended;
        }
    }

    /// <summary>Throws what Microsoft.Data.Sqlite would for a failed call (so callers see one kind of error).</summary>
    private static void Check(sqlite3 db, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(result, db);
        }
    }

    public override string TypeIn(DbCommand command, IReadOnlyCollection<string> types)
    {
        var sql = new StringBuilder("type IN (");
        var i = 0;
        foreach (var type in types)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@type{i}");
            sql.Append(i == 0 ? string.Empty : ", ").Append(name);
            Sql.Add(command, name, type);
            i++;
        }

        return sql.Append(')').ToString();
    }

    // SQLite's default BINARY collation compares UTF-8 bytes: code-point order.
    public override string Ordinal(string column) => column;

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 1555 or 2067 };

    public override ValueTask DisposeAsync()
    {

        // Close pooled connections so the file (and its -wal and -shm) can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
