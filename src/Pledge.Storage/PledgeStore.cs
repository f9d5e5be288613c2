using System.Data.Common;

namespace Pledge.Storage;

/// <summary>
/// Pledge's database: the event log, the repository documents with their history, and the audit trail, on
/// SQLite (one file, the embedded default) or PostgreSQL (production, shareable by several server instances),
/// with the same schema and behaviour on both.
/// </summary>
/// <remarks>
/// <para>Open it once per process and share it: it is thread-safe, and every operation takes a pooled connection
/// of its own. Opening applies the schema migrations the database lacks (docs/storage.md).</para>
/// <para>Times the store records (<c>received_at</c>, <c>updated_at</c>, audit and migration times) come from the
/// injected <see cref="TimeProvider"/>, never from the machine's clock directly.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var store = await PledgeStore.OpenAsync("pledge.db", TimeProvider.System);
/// var result = await store.Events.AppendAsync(events);
/// </code>
/// </example>
public sealed class PledgeStore : IAsyncDisposable
{
    private readonly StoreDialect _dialect;

    private PledgeStore(StoreDialect dialect, TimeProvider time, int schemaVersion)
    {
        _dialect = dialect;
        SchemaVersion = schemaVersion;
        Events = new EventStore(dialect, time);
        Documents = new DocumentStore(dialect, time);
        Audit = new AuditLog(dialect, time);
        Actions = new ActionStore(dialect, time);
        Alerts = new AlertStore(dialect);
        Channels = new ChannelStore(dialect, time);
        Notifications = new NotificationStore(dialect, time);
        Access = new AccessStore(dialect, time);
        EventFeed = new EventFeed(dialect, time);
        LoginFailures = new LoginFailureStore(dialect, time);
    }

    /// <summary>The newest schema version this build knows and migrates to.</summary>
    public static int LatestSchemaVersion => Schema.Latest;

    /// <summary>The database behind the store.</summary>
    public StoreKind Kind => _dialect.Kind;

    /// <summary>Where the database is, safe to print: the SQLite file's full path, or the PostgreSQL host, port and
    /// database (never the password).</summary>
    public string Location => _dialect.Location;

    /// <summary>The database's schema version once opened: <see cref="LatestSchemaVersion"/>.</summary>
    public int SchemaVersion { get; }

    /// <summary>The append-only event log.</summary>
    public EventStore Events { get; }

    /// <summary>The repository documents and their history.</summary>
    public DocumentStore Documents { get; }

    /// <summary>The audit trail.</summary>
    public AuditLog Audit { get; }

    /// <summary>Corrective actions, their links to breaches and their history.</summary>
    public ActionStore Actions { get; }

    /// <summary>The alerts the live monitor raised (warnings, breaches, budget alerts), each once.</summary>
    public AlertStore Alerts { get; }

    /// <summary>Notification channels (webhooks, e-mail lists).</summary>
    public ChannelStore Channels { get; }

    /// <summary>The notification outbox and its delivery log.</summary>
    public NotificationStore Notifications { get; }

    /// <summary>Users, API keys and login sessions (docs/security.md).</summary>
    public AccessStore Access { get; }

    /// <summary>The event log in append order, for following what every process appends (docs/storage.md).</summary>
    public EventFeed EventFeed { get; }

    /// <summary>Recent failed logins per user name and per address, shared by every process (docs/security.md).</summary>
    public LoginFailureStore LoginFailures { get; }

    /// <summary>
    /// Opens the database and brings its schema up to date: each missing migration in its own transaction; nothing
    /// when it is up to date.
    /// </summary>
    /// <param name="database">A PostgreSQL connection string (<c>Host=db;Database=pledge;Username=…;Password=…</c>),
    /// a SQLite connection string (<c>Data Source=pledge.db</c>) or a SQLite file path (<c>pledge.db</c>; created,
    /// with its folder, when missing).</param>
    /// <param name="timeProvider">The clock for every time the store records.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="ArgumentException"><paramref name="database"/> is blank, or a connection string that is not
    /// valid, or names neither <c>Host</c> nor <c>Data Source</c>, or an in-memory SQLite database.</exception>
    /// <exception cref="SchemaVersionException">The database was migrated by a newer Pledge.</exception>
    /// <exception cref="DbException">The database cannot be reached or read.</exception>
    public static async Task<PledgeStore> OpenAsync(string database, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var dialect = StoreDialect.Create(database);
        try
        {
            await dialect.PrepareAsync(cancellationToken).ConfigureAwait(false);
            var version = await SchemaMigrator.ApplyAsync(dialect, timeProvider, cancellationToken).ConfigureAwait(false);
            return new PledgeStore(dialect, timeProvider, version);
        }
        catch
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the store's pooled connections.</summary>
    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction on a connection of its own, and commits when it returns;
    /// rolls back when it throws. Writes of several stores that must happen together (an alert and its outbox rows)
    /// go through here.
    /// </summary>
    public async Task RunInTransactionAsync(Func<DbConnection, DbTransaction, CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var write = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var transaction = write.Transaction;
        await work(connection, transaction, cancellationToken).ConfigureAwait(false);
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A connection of the store's own, for tests and tools that inspect the database.</summary>
    internal Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) => _dialect.OpenAsync(cancellationToken);
}
