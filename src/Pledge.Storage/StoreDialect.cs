using System.Data.Common;

namespace Pledge.Storage;

/// <summary>
/// What differs between SQLite and PostgreSQL: connecting, starting a write transaction, the DDL of each
/// migration and the batch insert of events. Everything else is shared SQL, so both behave the same.
/// </summary>
/// <remarks>Thread-safe: every operation opens its own (pooled) connection.</remarks>
internal abstract class StoreDialect : IAsyncDisposable
{
    public abstract StoreKind Kind { get; }

    /// <summary>Where the database is, safe to print: a file path, or host, port and database without the password.</summary>
    public abstract string Location { get; }

    /// <summary>The clause that locks a row read in a write transaction (SQLite's write transactions already lock the file).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>
    /// Chooses the database from <paramref name="database"/>: a PostgreSQL connection string (it names a
    /// <c>Host</c>), a SQLite connection string (it names a <c>Data Source</c>) or a SQLite file path.
    /// </summary>
    /// <exception cref="ArgumentException">The value is blank, names neither, or is not a valid connection string.</exception>
    public static StoreDialect Create(string database)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            throw new ArgumentException("the database is empty: give a SQLite file path or a PostgreSQL connection string (Host=…;Database=…)", nameof(database));
        }

        var value = database.Trim();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("PostgreSQL URLs are not read: write the connection string as Host=…;Port=…;Database=…;Username=…;Password=…", nameof(database));
        }

        if (!value.Contains('=', StringComparison.Ordinal))
        {
            return SqliteDialect.FromPath(value);
        }

        var keys = Keys(value, nameof(database));
        if (keys.Contains("host") || keys.Contains("server"))
        {
            return new PostgresDialect(value);
        }

        if (keys.Contains("data source") || keys.Contains("datasource") || keys.Contains("filename"))
        {
            return SqliteDialect.FromConnectionString(value);
        }

        throw new ArgumentException(
            "the database connection string names neither Host= (PostgreSQL) nor Data Source= (SQLite)", nameof(database));
    }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a transaction that will write: on SQLite it waits for this process's other writers to finish, then takes
    /// the write lock at once (<c>BEGIN IMMEDIATE</c>). Commit it with <see cref="WriteTransaction.CommitAsync"/>.
    /// </summary>
    public abstract Task<WriteTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Serialises writers of the repository documents until <paramref name="transaction"/> ends, so a change
    /// validated against the documents read inside it cannot race another (SQLite's write transaction already
    /// holds the file's write lock).
    /// </summary>
    public abstract Task LockDocumentsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Runs once when the store opens, before migrations (SQLite creates the file and switches it to WAL).</summary>
    public abstract Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Keeps other processes from migrating at the same time, until disposed.</summary>
    public abstract Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The DDL of the <c>schema_migrations</c> table, if it does not exist.</summary>
    public abstract string CreateMigrationsTable { get; }

    /// <summary>The statements of <paramref name="migration"/> in this dialect.</summary>
    public abstract IReadOnlyList<string> Statements(Migration migration);

    /// <summary>
    /// Writes <paramref name="batches"/> in one transaction, in order, as if appended one after the other, skipping
    /// ids already stored; returns the events of each batch it inserted, in sequence order.
    /// </summary>
    public abstract Task<IReadOnlyList<AppendedEvent>[]> WriteEventsAsync(IReadOnlyList<EventBatch> batches, long receivedAt);

    /// <summary>A predicate <c>type IN (…)</c> for <paramref name="types"/>, its parameters added to <paramref name="command"/>.</summary>
    public abstract string TypeIn(DbCommand command, IReadOnlyCollection<string> types);

    /// <summary><paramref name="column"/> sorted in code-point order, whatever the database's collation.</summary>
    public abstract string Ordinal(string column);

    /// <summary>Whether <paramref name="exception"/> is a unique-key violation (a concurrent insert of the same key).</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Calls <paramref name="notified"/> when a transaction that appended events commits, until cancelled
    /// (<see cref="EventFeed.ListenAsync"/>); a database that cannot tell returns at once.</summary>
    public virtual Task ListenForAppendsAsync(Action<FeedNotice> notified, Action<Exception> failed, TimeProvider time, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public abstract ValueTask DisposeAsync();

    /// <summary>The keys <paramref name="value"/> names, lower case, empty values included.</summary>
    private static HashSet<string> Keys(string value, string parameter)
    {
        try
        {
            // Parsed to reject malformed strings; the provider's own builder checks the keys and values later.
            _ = new DbConnectionStringBuilder { ConnectionString = value };
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"the database connection string is not valid: {e.Message}", parameter, e);
        }

        // The generic builder drops keys with empty values ("Data Source="): read the names from the text.
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in value.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                keys.Add(string.Join(' ', part[..equals].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant());
            }
        }

        return keys;
    }
}
