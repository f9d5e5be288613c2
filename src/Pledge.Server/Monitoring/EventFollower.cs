using System.Collections.Concurrent;
using System.Threading.Channels;
using NodaTime;
using Pledge.Storage;
using Pledge.Tickets;

namespace Pledge.Server.Monitoring;

/// <summary>
/// Follows the event log by sequence for the live monitor, so that events appended by any server instance on the
/// database (or any other process) re-plan this instance's clocks: it remembers the highest sequence it has read and,
/// when woken, reads the newer events and hands their tickets on.
/// </summary>
/// <remarks>
/// <para>Woken three ways: at once by this instance's own appends, which the store hands it as they commit
/// (<see cref="EventStore.OnAppended"/>: taken as read, without reading them back); by the database's notification of
/// appends on PostgreSQL (<see cref="EventFeed.ListenAsync"/>), which names the sequences appended, so the
/// notifications of its own appends are known and cost nothing; and every <see cref="PostgresInterval"/>
/// (PostgreSQL: the safety net should a notification be lost) or <see cref="SqliteInterval"/> (SQLite, which cannot
/// notify) on the injected <see cref="TimeProvider"/>. Only the last two, and notifications of sequences it does not
/// hold, read the table.</para>
/// <para>Sequences can become visible out of order on PostgreSQL (a transaction that took lower sequences commits
/// after one that took higher), and some are never used (duplicates, rollbacks). Re-reading a window by
/// <c>received_at</c> was the other choice; it was not taken because <c>received_at</c> comes from the appending
/// instance's clock (clocks differ, and tests fake them) and a window re-reads everything in it on every round. Instead
/// the follower keeps the <b>holes</b> it saw below its mark (a sequence skipped between two it read) and reads them
/// again on every catch-up, for <see cref="HolePatience"/>: a late commit is picked up as soon as it is visible; a
/// hole still empty after that was a duplicate or a rollback (or a transaction held open longer, whose events the next
/// rebuild reads). docs/storage.md, "Following the events".</para>
/// <para>It also notices when the stored repository changed (<see cref="DocumentStore.RevisionAsync"/>), so a
/// repository stored through another instance rebuilds this one's queue too.</para>
/// <para>Thread-safe: catch-ups run one at a time.</para>
/// </remarks>
internal sealed partial class EventFollower(PledgeDatabase database, TimeProvider time, ILogger<EventFollower> logger) : IDisposable
{
    /// <summary>How often a follower on PostgreSQL reads anyway, notified or not.</summary>
    public static readonly TimeSpan PostgresInterval = TimeSpan.FromSeconds(5);

    /// <summary>How often a follower on SQLite looks for events appended by other processes.</summary>
    public static readonly TimeSpan SqliteInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a hole is read again before it is taken as never to be filled.</summary>
    public static readonly Duration HolePatience = Duration.FromMinutes(1);

    /// <summary>How many sequences below the last one the first catch-up looks at for holes (transactions in flight).</summary>
    private const int FirstLook = 1000;

    /// <summary>The most holes kept; past it the oldest are given up (and logged).</summary>
    private const int MaxHoles = 1000;

    private static readonly HashSet<string> TicketTypes = new(TicketEventNames.All, StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly ConcurrentQueue<IReadOnlyList<AppendedEvent>> _own = new();
    private readonly ConcurrentQueue<HeardAppend> _heard = new();

    // Guarded by _gate.
    private readonly List<Hole> _holes = [];
    private readonly List<HeardAppend> _undecided = [];
    private long? _mark;
    private long? _revision;
    private Action<IReadOnlyCollection<string>, bool>? _handOn;
    private bool _measuresSeen;
    private int _lookAtRepository = 1;
    private int _readStore = 1;
    private Action? _repositoryChanged;

    private void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>This instance appended events (or failed to): they are taken as read at the next catch-up.</summary>
    private void OwnAppended(IReadOnlyList<AppendedEvent> events)
    {
        if (events.Count > 0)
        {
            _own.Enqueue(events);
        }

        Wake();
    }

    /// <summary>Asks for a catch-up that reads the table and looks at the stored repository: on the interval, and when
    /// the database says anything may have changed, which is how another instance's work shows.</summary>
    private void WakeForOthers()
    {
        Volatile.Write(ref _lookAtRepository, 1);
        Volatile.Write(ref _readStore, 1);
        Wake();
    }

    private void Notified(FeedNotice notice, long writesBegun)
    {
        switch (notice.Kind)
        {
            case FeedNoticeKind.Events:
                // Read only if it names sequences not held yet: the catch-up decides, after taking its own appends.
                _heard.Enqueue(new HeardAppend(notice, writesBegun));
                Wake();
                break;
            case FeedNoticeKind.Documents:
                Volatile.Write(ref _lookAtRepository, 1);
                Wake();
                break;
            default:
                WakeForOthers();
                break;
        }
    }

    /// <summary>
    /// Follows the log until <paramref name="cancellationToken"/> is cancelled, handing the tickets of the events it
    /// reads to <paramref name="handOn"/> with whether any measure event was among them (measure budgets change), and telling <paramref name="repositoryChanged"/> when the stored
    /// repository changed (another instance stored a new one), one catch-up at a time.
    /// </summary>
    public async Task RunAsync(Action<IReadOnlyCollection<string>, bool> handOn, Action repositoryChanged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handOn);
        ArgumentNullException.ThrowIfNull(repositoryChanged);
        _handOn = handOn;
        _repositoryChanged = repositoryChanged;
        PledgeStore store;
        try
        {
            store = await database.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var interval = store.EventFeed.Notifies ? PostgresInterval : SqliteInterval;
        using var own = store.Events.OnAppended(OwnAppended);
        using var timer = time.CreateTimer(static state => ((EventFollower)state!).WakeForOthers(), this, interval, Timeout.InfiniteTimeSpan);
        var listening = store.EventFeed.ListenAsync(n => Notified(n, store.Events.WritesBegun), e => LogListenFailed(e, 5), cancellationToken);
        try
        {
            while (await _wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _wake.Reader.TryRead(out _);
                try
                {
                    var lookAtRepository = Interlocked.Exchange(ref _lookAtRepository, 0) == 1;
                    var readStore = Interlocked.Exchange(ref _readStore, 0) == 1;
                    await CatchUpAsync(handOn: true, lookAtRepository, readStore, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogFailed(e);
                }

                timer.Change(interval, Timeout.InfiniteTimeSpan);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await listening.ConfigureAwait(false);
        }
    }

    /// <summary>Reads the events that became visible since the last catch-up (above the mark, and in the holes below
    /// it) and hands their tickets on before returning.</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken) => CatchUpAsync(handOn: true, lookAtRepository: true, readStore: true, cancellationToken);

    /// <summary>Moves past every event visible now without handing anything on: the caller is about to read every
    /// event itself (the monitor's rebuild). Holes are kept: what commits into them later is handed on.</summary>
    public Task SkipAsync(CancellationToken cancellationToken) => CatchUpAsync(handOn: false, lookAtRepository: true, readStore: true, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task CatchUpAsync(bool handOn, bool lookAtRepository, bool readStore, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var store = await database.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var now = Instant.FromDateTimeOffset(time.GetUtcNow());
            var tickets = new HashSet<string>(StringComparer.Ordinal);
            _measuresSeen = false;

            // The repository first: a rebuild (asked for now, or about to run when skipping) reads it after this.
            var repositoryChanged = false;
            if (lookAtRepository || _revision is null)
            {
                var revision = await store.Documents.RevisionAsync(cancellationToken).ConfigureAwait(false);
                repositoryChanged = _revision is { } seen && seen != revision;
                _revision = revision;
            }

            if (_mark is null)
            {
                await StartAsync(store, now, cancellationToken).ConfigureAwait(false);
                TakeOwn(now, null);
            }
            else
            {
                TakeOwn(now, tickets);
                readStore |= MustRead(store.Events);

                if (readStore)
                {
                    await ReadHolesAsync(store, now, tickets, cancellationToken).ConfigureAwait(false);
                    await ReadAfterAsync(store, now, tickets, cancellationToken).ConfigureAwait(false);
                }
            }

            if (handOn && repositoryChanged)
            {
                _repositoryChanged?.Invoke();
            }

            if (handOn && (tickets.Count > 0 || _measuresSeen))
            {
                _handOn?.Invoke(tickets, _measuresSeen);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The first catch-up: the mark is the last sequence; the events below it are the rebuild's to read, but
    /// the holes among the last few are kept, for transactions still in flight.</summary>
    private async Task StartAsync(PledgeStore store, Instant now, CancellationToken cancellationToken)
    {
        var last = await store.EventFeed.LastSequenceAsync(cancellationToken).ConfigureAwait(false);
        _mark = Math.Max(0, last - FirstLook);
        await ReadAfterAsync(store, now, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes this instance's appends as read: above the mark they move it (leaving holes for sequences
    /// skipped), in a hole they fill it, and below the mark outside the holes they were read from the table already.</summary>
    private void TakeOwn(Instant now, HashSet<string>? tickets)
    {
        while (_own.TryDequeue(out var events))
        {
            foreach (var e in events)
            {
                if (e.Sequence > _mark)
                {
                    if (e.Sequence > _mark + 1)
                    {
                        AddHole(_mark.Value + 1, e.Sequence - 1, now);
                    }

                    _mark = e.Sequence;
                    Collect(e, tickets);
                }
                else if (Fill(e.Sequence))
                {
                    Collect(e, tickets);
                }
            }
        }
    }

    /// <summary>
    /// Whether appends the database told of must be read from the table: those whose sequences are all held are
    /// dropped; those heard while this instance was writing wait until that write has ended (its events come from the
    /// store, a little after the database's notification of the commit); the rest are someone else's.
    /// </summary>
    private bool MustRead(EventStore events)
    {
        while (_heard.TryDequeue(out var heard))
        {
            _undecided.Add(heard);
        }

        var ended = events.WritesEnded;
        var read = false;
        _undecided.RemoveAll(h =>
        {
            if (Holds(h.Notice))
            {
                return true;
            }

            if (ended >= h.WritesBegun)
            {
                read = true;
                return true;
            }

            return false;
        });
        return read;
    }

    /// <summary>Whether every sequence <paramref name="notice"/> names has been taken already (at or below the mark, in no hole).</summary>
    private bool Holds(FeedNotice notice) =>
        notice.Last <= _mark && !_holes.Exists(h => h.First <= notice.Last && notice.First <= h.Last);

    private async Task ReadAfterAsync(PledgeStore store, Instant now, HashSet<string>? tickets, CancellationToken cancellationToken)
    {
        while (true)
        {
            var events = await store.EventFeed.ReadAfterAsync(_mark!.Value, EventFeed.MaxLimit, cancellationToken).ConfigureAwait(false);
            foreach (var e in events)
            {
                if (e.Sequence > _mark + 1)
                {
                    AddHole(_mark.Value + 1, e.Sequence - 1, now);
                }

                _mark = e.Sequence;
                Collect(e, tickets);
            }

            if (events.Count < EventFeed.MaxLimit)
            {
                return;
            }
        }
    }

    private async Task ReadHolesAsync(PledgeStore store, Instant now, HashSet<string> tickets, CancellationToken cancellationToken)
    {
        _holes.RemoveAll(h => h.SeenAt + HolePatience <= now);
        foreach (var chunk in _holes.Select(h => (h.First, h.Last)).Chunk(EventFeed.MaxRanges).ToList())
        {
            foreach (var e in await store.EventFeed.ReadRangesAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                if (Fill(e.Sequence))
                {
                    Collect(e, tickets);
                }
            }
        }
    }

    private void AddHole(long first, long last, Instant now)
    {
        if (_holes.Count >= MaxHoles)
        {
            var given = _holes[0];
            _holes.RemoveAt(0);
            LogHoleGivenUp(given.First, given.Last);
        }

        _holes.Add(new Hole(first, last, now));
    }

    /// <summary>An event appeared in a hole: the hole keeps what is left on either side. False if
    /// <paramref name="sequence"/> was in no hole (taken already).</summary>
    private bool Fill(long sequence)
    {
        var index = _holes.FindIndex(h => h.First <= sequence && sequence <= h.Last);
        if (index < 0)
        {
            return false;
        }

        var hole = _holes[index];
        _holes.RemoveAt(index);
        if (sequence < hole.Last)
        {
            _holes.Insert(index, hole with { First = sequence + 1 });
        }

        if (sequence > hole.First)
        {
            _holes.Insert(index, hole with { Last = sequence - 1 });
        }

        return true;
    }

    private void Collect(AppendedEvent e, HashSet<string>? tickets)
    {
        if (tickets is null)
        {
            return;
        }

        if (TicketTypes.Contains(e.Type))
        {
            tickets.Add(e.Subject);
        }
        else
        {
            _measuresSeen |= BudgetWatches.Affected([e.Type]).Measures;
        }
    }

    /// <summary>The database told of <see cref="Notice"/> when this instance had begun <see cref="WritesBegun"/> writes.</summary>
    private readonly record struct HeardAppend(FeedNotice Notice, long WritesBegun);

    /// <summary>Sequences <see cref="First"/> to <see cref="Last"/> (inclusive) were not visible when a higher one was.</summary>
    private readonly record struct Hole(long First, long Last, Instant SeenAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event follower: a catch-up failed; the next wake tries again")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event follower: listening for appends failed; it listens again in {Seconds} s and reads on its interval meanwhile")]
    private partial void LogListenFailed(Exception exception, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event follower: too many holes; sequences {First} to {Last} are no longer watched (the next rebuild reads them)")]
    private partial void LogHoleGivenUp(long first, long last);
}
