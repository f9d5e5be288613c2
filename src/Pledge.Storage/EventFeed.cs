using System.Globalization;
using System.Text;

namespace Pledge.Storage;

/// <summary>
/// The event log read in append order, for a process that follows what every process appends (a server instance's
/// live monitor hearing of events posted to another instance): the events after a sequence, and a wake-up when
/// anything is appended.
/// </summary>
/// <remarks>
/// <para>Sequences grow with each append, but they are not a gap-free, commit-ordered count:</para>
/// <list type="bullet">
/// <item>On PostgreSQL a transaction takes its sequences when it inserts and they become visible when it commits, so
/// a lower sequence can become visible after a higher one; and an insert that finds its id taken (a duplicate) or is
/// rolled back uses up its sequences for good.</item>
/// <item>On SQLite one writer commits at a time, in sequence order.</item>
/// </list>
/// <para>A follower that remembers only the highest sequence it read would miss the late ones: it also reads again the
/// holes it saw (<see cref="ReadRangesAsync"/>) for a while. docs/storage.md, "Following the events".</para>
/// <para>Thread-safe; every call takes a pooled connection of its own.</para>
/// </remarks>
public sealed class EventFeed
{
    /// <summary>The most events one read returns.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The most ranges one <see cref="ReadRangesAsync"/> reads.</summary>
    public const int MaxRanges = 100;

    private const string Columns = "SELECT sequence, id, type, subject FROM events";

    private readonly StoreDialect _dialect;
    private readonly TimeProvider _time;

    internal EventFeed(StoreDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    /// <summary>Whether the database tells of appends as they commit (<see cref="ListenAsync"/>): PostgreSQL does;
    /// on SQLite a follower checks now and then.</summary>
    public bool Notifies => _dialect.Kind == StoreKind.PostgreSql;

    /// <summary>The highest sequence visible now; 0 when there are no events.</summary>
    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT COALESCE(MAX(sequence), 0) FROM events");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>The visible events whose sequence is above <paramref name="sequence"/>, in sequence order, at most
    /// <paramref name="limit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not 1 to <see cref="MaxLimit"/>.</exception>
    public async Task<IReadOnlyList<AppendedEvent>> ReadAfterAsync(long sequence, int limit, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"the limit is 1 to {MaxLimit}");
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, Columns + " WHERE sequence > @after ORDER BY sequence LIMIT @limit");
        Sql.Add(command, "@after", sequence);
        Sql.Add(command, "@limit", limit);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The visible events whose sequence is in one of <paramref name="ranges"/> (each inclusive), in sequence
    /// order: the holes a follower saw, read again for events that committed late.</summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxRanges"/> ranges, or one whose first is above its last.</exception>
    public async Task<IReadOnlyList<AppendedEvent>> ReadRangesAsync(IReadOnlyList<(long First, long Last)> ranges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        if (ranges.Count > MaxRanges)
        {
            throw new ArgumentException($"{ranges.Count} ranges; at most {MaxRanges} are read at once", nameof(ranges));
        }

        if (ranges.Count == 0)
        {
            return [];
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, Columns);
        var sql = new StringBuilder(Columns).Append(" WHERE ");
        for (var i = 0; i < ranges.Count; i++)
        {
            var (first, last) = ranges[i];
            if (first > last)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ranges[{i}] starts at {first}, after its end {last}"), nameof(ranges));
            }

            sql.Append(i == 0 ? string.Empty : " OR ").Append(CultureInfo.InvariantCulture, $"sequence BETWEEN @first{i} AND @last{i}");
            Sql.Add(command, string.Create(CultureInfo.InvariantCulture, $"@first{i}"), first);
            Sql.Add(command, string.Create(CultureInfo.InvariantCulture, $"@last{i}"), last);
        }

#pragma warning disable CA2100 // Built from constants of this class; values are parameters.
        command.CommandText = sql.Append(" ORDER BY sequence").ToString();
#pragma warning restore CA2100
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Calls <paramref name="notified"/> whenever a transaction that appended events or changed the repository's
    /// documents commits, saying which (<see cref="FeedNotice"/>), until <paramref name="cancellationToken"/> is
    /// cancelled; also once, with <see cref="FeedNotice.Anything"/>, each time it starts listening (what was committed
    /// while it was not). PostgreSQL only (LISTEN on channel <c>pledge_events</c>, reconnecting after a failure,
    /// reported to <paramref name="failed"/>); on SQLite it returns at once.
    /// </summary>
    /// <remarks><paramref name="notified"/> runs on the listener's thread: it should only signal.</remarks>
    public Task ListenAsync(Action<FeedNotice> notified, Action<Exception> failed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notified);
        ArgumentNullException.ThrowIfNull(failed);
        return _dialect.ListenForAppendsAsync(notified, failed, _time, cancellationToken);
    }

    private static async Task<IReadOnlyList<AppendedEvent>> ReadAsync(System.Data.Common.DbCommand command, CancellationToken cancellationToken)
    {
        var events = new List<AppendedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new AppendedEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return events;
    }
}
