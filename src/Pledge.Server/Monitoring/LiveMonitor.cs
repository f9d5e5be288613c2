using System.Diagnostics.Metrics;
using System.Threading.Channels;
using NodaTime;
using Pledge.Agreements;
using Pledge.Server.Api;
using Pledge.Storage;
using Pledge.Tickets;

namespace Pledge.Server.Monitoring;

/// <summary>
/// The live monitor: keeps the next alert (warning or breach) of every open ticket clock, and the next budget alert
/// of every target with an error budget (<see cref="BudgetWatches"/>), in a timer queue and raises each at its
/// instant, through one timer of the injected <see cref="TimeProvider"/> armed for the earliest.
/// </summary>
/// <remarks>
/// <para>All its state belongs to one loop that takes signals from a channel: the timer's, events appended by any
/// instance (through its <see cref="EventFollower"/>, which has this instance's appends from the store as they commit), the repository
/// changed (<see cref="RepositoryChanged"/>). Each round it rebuilds
/// when asked, evaluates again the tickets whose events changed, raises everything due (no cap), and arms the timer
/// for the next due instant: no polling, so nothing waits for a round to come by.</para>
/// <para>Alerts are recorded through <see cref="AlertStore.RecordAsync"/>, whose ids make each once: an alert that
/// fell due while the server was down is raised when it starts again (its queue is rebuilt from the database), and
/// one already recorded is never raised again. What goes with a new alert (<see cref="IAlertAlongside"/>) is
/// written in the same transaction. docs/monitor.md.</para>
/// </remarks>
internal sealed partial class LiveMonitor : BackgroundService
{
    /// <summary>How long after a ticket is closed its late events are still assembled with it on a rebuild.</summary>
    private static readonly Duration Grace = Duration.FromDays(7);

    /// <summary>How long the monitor waits before trying the database again after a failure.</summary>
    private static readonly Duration RetryAfter = Duration.FromSeconds(5);

    /// <summary>The longest a timer is armed for; it is armed again when it fires (system timers take up to 49 days).</summary>
    private static readonly Duration LongestArm = Duration.FromDays(1);

    private static readonly HashSet<string> TicketTypes = new(TicketEventNames.All, StringComparer.Ordinal);

    private readonly PledgeDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveMonitor> _logger;
    private readonly IAlertAlongside[] _alongside;
    private readonly IAlertFollowUp[] _followUps;
    private readonly MonitorMetrics _metrics;
    private readonly EventFollower _follower;
    private readonly Channel<Signal> _signals = Channel.CreateUnbounded<Signal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ITimer _timer;

    // Owned by the loop.
    private readonly Dictionary<string, ClockWatch[]> _tickets = new(StringComparer.Ordinal);
    private readonly PriorityQueue<ClockWatch, Instant> _queue = new();
    private readonly HashSet<string> _pendingTickets = new(StringComparer.Ordinal);
    private readonly BudgetWatches _budgets = new();
    private List<AlertRecord> _unrecorded = [];
    private ServiceLevelRepository? _repository;
    private bool _rebuildPending = true;
    private bool _failing;
    private Instant? _retryAt;
    private int _openClocks;
    private int _queued;
    private long _raised;
    private Instant? _rebuiltAt;
    private (Instant Due, Instant Fired)? _lastFiring;

    private MonitorStatus _status = MonitorStatus.Starting;

    public LiveMonitor(PledgeDatabase database, TimeProvider timeProvider, IMeterFactory meterFactory, IEnumerable<IAlertAlongside> alongside, IEnumerable<IAlertFollowUp> followUps, EventFollower follower, ILogger<LiveMonitor> logger)
    {
        _follower = follower;
        _database = database;
        _time = timeProvider;
        _logger = logger;
        _alongside = [.. alongside];
        _followUps = [.. followUps];
        _metrics = new MonitorMetrics(meterFactory, () => Volatile.Read(ref _status).OpenClocks);
        _timer = timeProvider.CreateTimer(static state => ((LiveMonitor)state!).Post(Signal.Wake), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The monitor as of its last round.</summary>
    public MonitorStatus Status => Volatile.Read(ref _status);

    /// <summary>The repository changed: the queue is rebuilt from the database. Returns at once; thread-safe.</summary>
    public void RepositoryChanged() => Post(Signal.Rebuild);

    /// <summary>
    /// Completes once the monitor has handled every event committed before the call (by any instance), every signal
    /// given before it (repository changes, the timer), and raised what is due now. For tests and tools that drive
    /// time: the monitor never needs it.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _follower.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        var flush = new FlushSignal(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Post(flush);
        await flush.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _signals.Reader;
        var flushes = new List<FlushSignal>();
        Post(Signal.Wake);
        // Tickets from any instance change the ticket budgets too (planned at most once a minute for events).
        var following = _follower.RunAsync(
            (tickets, measures) =>
            {
                if (tickets.Count > 0)
                {
                    Post(new TicketsSignal(tickets));
                }

                if (tickets.Count > 0 || measures)
                {
                    Post(new BudgetSignal(measures, tickets: tickets.Count > 0));
                }
            },
            RepositoryChanged,
            stoppingToken);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var signal))
                {
                    switch (signal)
                    {
                        case TicketsSignal tickets:
                            _pendingTickets.UnionWith(tickets.Tickets);
                            break;
                        case BudgetSignal budget:
                            _budgets.Changed(budget.Measures, budget.Tickets);
                            break;
                        case FlushSignal flush:
                            flushes.Add(flush);
                            break;
                        case var _ when ReferenceEquals(signal, Signal.Rebuild):
                            _rebuildPending = true;
                            break;
                    }
                }

                await RoundAsync(stoppingToken).ConfigureAwait(false);
                foreach (var flush in flushes)
                {
                    flush.Done.TrySetResult();
                }

                flushes.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was not recorded is found again when the monitor next starts.
        }
        finally
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            foreach (var flush in flushes)
            {
                flush.Done.TrySetCanceled(stoppingToken);
            }

            while (reader.TryRead(out var signal))
            {
                (signal as FlushSignal)?.Done.TrySetCanceled(stoppingToken);
            }

            await following.ConfigureAwait(false);
        }
    }

    /// <summary>One round: rebuild or evaluate what changed, raise what is due, arm the timer, publish the status.</summary>
    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_retryAt is { } retryAt && retryAt > Now())
            {
                // Waiting out a failure: the timer wakes the loop when it is over; signals meanwhile are kept.
                Arm();
                return;
            }

            _retryAt = null;
            var store = await _database.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_rebuildPending)
            {
                // Tickets signalled so far are read by the rebuild, which starts after their events were committed.
                _pendingTickets.Clear();
                await RebuildAsync(store, cancellationToken).ConfigureAwait(false);
                _rebuildPending = false;
            }

            if (_pendingTickets.Count > 0)
            {
                await EvaluateAsync(store, cancellationToken).ConfigureAwait(false);
            }

            await FireDueAsync(store, cancellationToken).ConfigureAwait(false);

            // Budgets after the clocks' alerts, so a breach raised now counts in them; what they find due is raised at once.
            await _budgets.PlanAsync(store, _repository, Now(), Retire, InstallBudget, cancellationToken).ConfigureAwait(false);
            await FireDueAsync(store, cancellationToken).ConfigureAwait(false);
            _failing = false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _failing = true;
            _retryAt = Now() + RetryAfter;
            LogFailed(e, RetryAfter.TotalSeconds);
        }

        Arm();
        Publish();
    }

    /// <summary>Reloads the repository and every ticket's events, and plans every open clock afresh.</summary>
    private async Task RebuildAsync(PledgeStore store, CancellationToken cancellationToken)
    {
        // Every event visible now is read below: the follower moves past them, and hands on only what comes later.
        await _follower.SkipAsync(cancellationToken).ConfigureAwait(false);
        foreach (var watches in _tickets.Values)
        {
            Retire(watches);
        }

        _tickets.Clear();
        _queue.Clear();
        _budgets.Reset();
        _queued = 0;
        _openClocks = 0;
        _repository = null;

        var files = await RepositoryDocuments.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        if (files.Count > 0)
        {
            var read = ServiceLevelRepositoryReader.Read(new InMemoryRepositorySource(files));
            _repository = read.Repository;
            if (_repository is null)
            {
                LogInvalidRepository(read.Problems.First(p => !p.IsWarning).ToString());
            }
        }

        if (_repository is { } repository)
        {
            var now = Now();

            // The events stream in time order through the assembler, as the report's do; the synchronous Core code
            // runs on a pool thread and reads the stream there.
            var planned = await Task.Run(() =>
            {
                using var lines = new StoredLines(store.Events.ReadAsync(EventQuery.OfTypes([.. TicketEventNames.All]), cancellationToken)
                    .ToBlockingEnumerable(cancellationToken));
                var events = TicketEventReader.ReadJsonLines(lines).Where(r => r.IsEvent).Select(r => r.Event!);
                var all = new List<ClockWatch[]>();
                foreach (var history in new TicketAssembler(Grace).Assemble(events))
                {
                    if (Plan(repository, history, now) is { Length: > 0 } watches)
                    {
                        all.Add(watches);
                    }
                }

                return all;
            }, cancellationToken).ConfigureAwait(false);

            foreach (var watches in planned)
            {
                Install(watches[0].Ticket, watches);
            }
        }

        _rebuiltAt = Now();
        LogRebuilt(_openClocks, _queued);
    }

    /// <summary>Evaluates the signalled tickets again from their stored events and replaces their queue entries.</summary>
    private async Task EvaluateAsync(PledgeStore store, CancellationToken cancellationToken)
    {
        if (_repository is not { } repository)
        {
            _pendingTickets.Clear();
            return;
        }

        var now = Now();
        foreach (var ticket in _pendingTickets.ToList())
        {
            var stored = new List<StoredEvent>();
            await foreach (var e in store.Events.ReadAsync(new EventQuery { Subject = ticket, Types = TicketTypes }, cancellationToken).ConfigureAwait(false))
            {
                stored.Add(e);
            }

            using var lines = new StoredLines(stored);
            var events = TicketEventReader.ReadJsonLines(lines).Where(r => r.IsEvent).Select(r => r.Event!).ToList();
            var watches = events.Count > 0 ? Plan(repository, TicketHistory.Of(events), now) : [];
            if (_tickets.Remove(ticket, out var old))
            {
                Retire(old);
            }

            Install(ticket, watches);
            _pendingTickets.Remove(ticket);
        }
    }

    /// <summary>Raises every alert due now, records them, and counts them.</summary>
    private async Task FireDueAsync(PledgeStore store, CancellationToken cancellationToken)
    {
        var now = Now();
        var due = new List<PlannedAlert>();
        while (_queue.TryPeek(out var watch, out var at) && at <= now)
        {
            _queue.Dequeue();
            if (!watch.Current)
            {
                continue;
            }

            _queued--;
            while (watch.NextDue is { } next && next <= now)
            {
                due.Add(watch.Alerts[watch.Next++]);
            }

            if (watch.NextDue is { } following)
            {
                _queue.Enqueue(watch, following);
                _queued++;
            }
        }

        if (due.Count == 0 && _unrecorded.Count == 0)
        {
            return;
        }

        // Alerts that could not be recorded before go first; any raised again since are the same ids, stored once.
        var batch = _unrecorded;
        batch.AddRange(due.Select(a => a.Raise(now)));
        _unrecorded = [];
        IReadOnlyList<AlertRecord> recorded;
        try
        {
            recorded = await store.Alerts.RecordAsync(batch, _alongside.Length == 0 ? null : AlongsideAsync, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _unrecorded = batch;
            throw;
        }

        foreach (var alert in recorded)
        {
            var lag = alert.FiredAt - alert.DueAt;
            _metrics.Raised(alert.Kind, lag);
            if (_lastFiring is not { } last || alert.FiredAt > last.Fired || (alert.FiredAt == last.Fired && alert.DueAt > last.Due))
            {
                _lastFiring = (alert.DueAt, alert.FiredAt);
            }
        }

        _budgets.Recorded(batch);
        _raised += recorded.Count;
        if (recorded.Count > 0)
        {
            LogRaised(recorded.Count, batch.Count - recorded.Count, now);
            foreach (var followUp in _followUps)
            {
                try
                {
                    await followUp.AfterAsync(recorded, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFollowUpFailed(e, followUp.GetType().Name);
                }
            }
        }
    }

    private async Task AlongsideAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, AlertRecord alert, CancellationToken cancellationToken)
    {
        foreach (var alongside in _alongside)
        {
            await alongside.WriteAsync(connection, transaction, alert, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Arms the one timer for the earliest due instant (or the retry); disarms it when nothing is due.</summary>
    private void Arm()
    {
        // Entries of replaced evaluations are left in the heap and skipped; drop them when they outnumber the live ones.
        while (_queue.TryPeek(out var top, out _) && !top.Current)
        {
            _queue.Dequeue();
        }

        if (_queue.Count > 2 * _queued + 1024)
        {
            Compact();
        }

        Instant? next = _queue.TryPeek(out _, out var at) ? at : null;
        if (_retryAt is { } retry && (next is null || retry < next))
        {
            next = retry;
        }
        else if (_retryAt is null && _budgets.WakeAt is { } budgets && (next is null || budgets < next))
        {
            next = budgets;
        }

        if (next is not { } wake)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var delay = wake - Now();
        if (delay <= Duration.Zero)
        {
            // Already due (it fell due during this round): go round again at once.
            Post(Signal.Wake);
            return;
        }

        _timer.Change(Duration.Min(delay, LongestArm).ToTimeSpan(), Timeout.InfiniteTimeSpan);
    }

    private void Compact()
    {
        var live = new List<(ClockWatch, Instant)>(_queued);
        while (_queue.TryDequeue(out var watch, out var at))
        {
            if (watch.Current)
            {
                live.Add((watch, at));
            }
        }

        _queue.EnqueueRange(live);
    }

    private void Install(string ticket, ClockWatch[] watches)
    {
        if (watches.Length == 0)
        {
            return;
        }

        _tickets[ticket] = watches;
        foreach (var watch in watches)
        {
            _openClocks += watch.Open ? 1 : 0;
            if (watch.NextDue is { } due)
            {
                _queue.Enqueue(watch, due);
                _queued++;
            }
        }
    }

    /// <summary>Queues budget watches (<see cref="BudgetWatches"/>): their alerts share the clocks' timer.</summary>
    private void InstallBudget(ClockWatch[] watches)
    {
        foreach (var watch in watches)
        {
            if (watch.NextDue is { } due)
            {
                _queue.Enqueue(watch, due);
                _queued++;
            }
        }
    }

    private void Retire(ClockWatch[] watches)
    {
        foreach (var watch in watches)
        {
            watch.Current = false;
            _openClocks -= watch.Open ? 1 : 0;
            _queued -= watch.NextDue is null ? 0 : 1;
        }
    }

    private ClockWatch[] Plan(ServiceLevelRepository repository, TicketHistory history, Instant now)
    {
        try
        {
            return [.. AlertPlanner.Plan(repository, history, now)];
        }
        catch (ArgumentException e)
        {
            // A deadline beyond the calendars' range (year 2199), say: that ticket is not watched, the others are.
            LogUnplannable(e, history.TicketId);
            return [];
        }
    }

    private void Publish()
    {
        Instant? next = _queue.TryPeek(out _, out var at) ? at : null;
        var state = _failing ? "failing" : _rebuiltAt is null ? "starting" : _repository is null ? "no-repository" : "running";
        Volatile.Write(ref _status, new MonitorStatus(
            state, _openClocks, _queued, next, _lastFiring?.Due, _lastFiring?.Fired, _lastFiring is { } l ? l.Fired - l.Due : null, _raised, _rebuiltAt));
    }

    private void Post(Signal signal) => _signals.Writer.TryWrite(signal);

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Error, Message = "A follow-up of new alerts failed: {FollowUp}")]
    private partial void LogFollowUpFailed(Exception exception, string followUp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live monitor rebuilt: {OpenClocks} open clocks, {Queued} with an alert to come")]
    private partial void LogRebuilt(int openClocks, int queued);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live monitor raised {Raised} alerts ({Known} already recorded) at {Now}")]
    private partial void LogRaised(int raised, int known, Instant now);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live monitor: the stored repository is not valid, nothing is watched: {Problem}")]
    private partial void LogInvalidRepository(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live monitor: ticket {Ticket} cannot be planned and is not watched")]
    private partial void LogUnplannable(Exception exception, string ticket);

    [LoggerMessage(Level = LogLevel.Error, Message = "Live monitor: a round failed; it tries again in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);
}
