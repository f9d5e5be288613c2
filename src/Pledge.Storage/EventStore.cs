using System.Collections.Immutable;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pledge.Storage;

/// <summary>
/// The append-only event log: every event Pledge measures from, kept as it arrived, each id once.
/// </summary>
/// <remarks>
/// <para>Idempotent: appending an event whose id is stored (or came earlier in the same batch) changes nothing
/// and counts it as a duplicate, so a sender may retry a batch after any failure. Events may arrive in any order:
/// reads are in time order (<c>at</c>, then the order of appends).</para>
/// <para>Atomic: a batch is stored whole or not at all. Rows are never updated or deleted (the database refuses).</para>
/// <para>Thread-safe; several processes may append to the same database at once.</para>
/// </remarks>
public sealed class EventStore
{
    /// <summary>The most events one append takes.</summary>
    public const int MaxBatchSize = 10_000;

    internal const string InsertOne =
        "INSERT INTO events (id, type, subject, at, received_at, body) VALUES (@id, @type, @subject, @at, @received_at, @body) ON CONFLICT (id) DO NOTHING";

    private const string Columns = "SELECT id, type, subject, at, received_at, sequence, body FROM events";

    private readonly StoreDialect _dialect;
    private readonly TimeProvider _time;
    private readonly AppendQueue _queue;
    private ImmutableArray<Action<IReadOnlyList<AppendedEvent>>> _observers = [];
    private long _writesBegun;
    private long _writesEnded;

    internal EventStore(StoreDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
        _queue = new AppendQueue(WriteAsync);
    }

    /// <summary>
    /// Appends a batch of up to <see cref="MaxBatchSize"/> events in one transaction, which it may share with batches
    /// appended at the same moment (group commit: see <see cref="AppendQueue"/>); it returns once that transaction
    /// has committed. Their <c>received_at</c> is the store clock's instant when the transaction began.
    /// </summary>
    /// <returns>How many were stored and how many were duplicates; together, the batch's size.</returns>
    /// <exception cref="ArgumentException">The batch is too big, or an event is not valid (an empty id, type,
    /// subject or body; a key over 512 characters; text with U+0000 or half a surrogate pair). The message names
    /// the event (<c>events[12].id is empty</c>) and nothing is stored.</exception>
    public async Task<AppendResult> AppendAsync(IEnumerable<IncomingEvent> events, CancellationToken cancellationToken = default)
    {
        var batch = EventBatch.Read(events);
        if (batch.Count == 0)
        {
            return new AppendResult(0, batch.Duplicates);
        }

        var inserted = await _queue.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
        return new AppendResult(inserted, batch.Duplicates + batch.Count - inserted);
    }

    /// <summary>How many transactions appending events this store has begun; with <see cref="WritesEnded"/>, whether
    /// one was being written at a given moment (a follower hearing of a commit that may be this store's own).</summary>
    public long WritesBegun => Interlocked.Read(ref _writesBegun);

    /// <summary>How many of the <see cref="WritesBegun"/> have ended, committed or failed; counted before the
    /// observers of <see cref="OnAppended"/> are called.</summary>
    public long WritesEnded => Interlocked.Read(ref _writesEnded);

    /// <summary>
    /// Calls <paramref name="observer"/> with the events each transaction appending through this store inserted
    /// (duplicates left out), in sequence order, right after it commits and before the appending callers are
    /// answered, and with none after one that failed; until the returned handle is disposed. Thread-safe.
    /// </summary>
    /// <remarks>So a follower of the log in the same process has its own instance's appends without reading them back.
    /// <paramref name="observer"/> runs on the writer's task, holding up the next group: it should only hand on,
    /// and must not throw.</remarks>
    public IDisposable OnAppended(Action<IReadOnlyList<AppendedEvent>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ImmutableInterlocked.Update(ref _observers, static (all, o) => all.Add(o), observer);
        return new Subscription(this, observer);
    }

    /// <summary>Writes <paramref name="batches"/> in one transaction (see <see cref="AppendQueue"/>).</summary>
    private async Task<IReadOnlyList<int>> WriteAsync(IReadOnlyList<EventBatch> batches)
    {
        Interlocked.Increment(ref _writesBegun);
        IReadOnlyList<AppendedEvent>[] appended = [];
        try
        {
            // Not a caller's token: a group holds other callers' batches too.
            appended = await _dialect.WriteEventsAsync(batches, StoreTime.NowTicks(_time)).ConfigureAwait(false);
            return [.. appended.Select(a => a.Count)];
        }
        finally
        {
            Interlocked.Increment(ref _writesEnded);
            var observers = _observers;
            if (!observers.IsEmpty)
            {
                IReadOnlyList<AppendedEvent> all = appended.Length == 1 ? appended[0] : [.. appended.SelectMany(a => a)];
                foreach (var observer in observers)
                {
                    observer(all);
                }
            }
        }
    }

    /// <summary>
    /// Reads the events <paramref name="query"/> selects in time order (<c>at</c>, then <see cref="StoredEvent.Sequence"/>),
    /// streaming: rows are read as they are enumerated, so any number fits in memory.
    /// </summary>
    /// <remarks>The read sees the events committed when it starts; appends made meanwhile are not part of it.
    /// It holds a connection until enumeration ends.</remarks>
    public async IAsyncEnumerable<StoredEvent> ReadAsync(EventQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Types is { Count: 0 })
        {
            yield break;
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, Columns);
        var conditions = new List<string>();
        if (query.Types is { } types)
        {
            conditions.Add(_dialect.TypeIn(command, types));
        }

        if (query.From is { } from)
        {
            conditions.Add("at >= @from");
            Sql.Add(command, "@from", from.ToUnixTimeTicks());
        }

        if (query.Subject is { } subject)
        {
            conditions.Add("subject = @subject");
            Sql.Add(command, "@subject", subject);
        }

        var sql = new StringBuilder(Columns);
        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

#pragma warning disable CA2100 // Built from constants of this class and the dialect; values are parameters.
        command.CommandText = sql.Append(" ORDER BY at, sequence").ToString();
#pragma warning restore CA2100

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    /// <summary>How many events of each type are stored (types with none are absent).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByTypeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT type, COUNT(*) FROM events GROUP BY type");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static StoredEvent Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        StoreTime.FromTicks(reader.GetInt64(3)),
        StoreTime.FromTicks(reader.GetInt64(4)),
        reader.GetInt64(5),
        reader.GetString(6));

    private sealed class Subscription(EventStore store, Action<IReadOnlyList<AppendedEvent>> observer) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref store._observers, static (all, o) => all.Remove(o), observer);
    }
}
