namespace Pledge.Storage;

/// <summary>
/// Group commit for event appends: batches that arrive while one transaction is being written wait for it to end
/// and are then written together in the next one, each batch still whole, counted on its own, and answered when
/// the transaction that holds it has committed.
/// </summary>
/// <remarks>
/// <para>A commit costs a flush to disk (SQLite's <c>synchronous = FULL</c>, PostgreSQL's WAL flush) whatever it
/// holds. One event per request at a few hundred requests a second made a queue of commits, each waiting for the
/// flushes of all those before it: p90 latency of 750 ms on SQLite. Sharing the commit among whatever is waiting
/// keeps the flush rate at what the disk can do and adds no delay when nothing is waiting: a batch arriving at
/// an idle store is written at once.</para>
/// <para>Batches are written in arrival order, so an id sent in two batches of one group is stored by the first
/// and a duplicate for the second, as if they had been appended one after the other. If a group's transaction
/// fails, each of its batches is written again in a transaction of its own, so one batch the database refuses
/// fails alone.</para>
/// </remarks>
internal sealed class AppendQueue
{
    /// <summary>The most events one group transaction takes (a batch bigger than the room left waits for the next).</summary>
    private const int GroupLimit = EventStore.MaxBatchSize;

    private readonly Func<IReadOnlyList<EventBatch>, Task<IReadOnlyList<int>>> _write;
    private readonly Queue<Pending> _waiting = new();
    private bool _writing;

    /// <param name="write">Writes batches in one transaction and returns how many rows of each it inserted.</param>
    public AppendQueue(Func<IReadOnlyList<EventBatch>, Task<IReadOnlyList<int>>> write) => _write = write;

    /// <summary>Writes <paramref name="batch"/> in the next transaction and returns how many of its rows were new.</summary>
    public Task<int> AppendAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        var pending = new Pending(batch);
        bool start;
        lock (_waiting)
        {
            _waiting.Enqueue(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            // The writer is a task of its own: a caller's request never waits for other callers' groups.
            _ = Task.Run(WriteWhileWaitingAsync, CancellationToken.None);
        }

        // A caller that stops waiting leaves its batch to be written: it may already be in a transaction.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteWhileWaitingAsync()
    {
        while (Take() is { Count: > 0 } group)
        {
            await WriteAsync(group).ConfigureAwait(false);
        }
    }

    /// <summary>The next group in arrival order, or none (and the writer stops) when nothing waits.</summary>
    private List<Pending> Take()
    {
        lock (_waiting)
        {
            var group = new List<Pending>();
            var rows = 0;
            while (_waiting.TryPeek(out var next) && (group.Count == 0 || rows + next.Batch.Count <= GroupLimit))
            {
                group.Add(_waiting.Dequeue());
                rows += next.Batch.Count;
            }

            _writing = group.Count > 0;
            return group;
        }
    }

    private async Task WriteAsync(List<Pending> group)
    {
        try
        {
            var inserted = await _write([.. group.Select(p => p.Batch)]).ConfigureAwait(false);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(inserted[i]);
            }

            return;
        }
        catch (Exception e) when (group.Count == 1)
        {
            group[0].Done.TrySetException(e);
            return;
        }
        catch (Exception)
        {
            // One batch may be what the database refused: each is tried alone below and answered on its own.
        }

        foreach (var pending in group)
        {
            try
            {
                pending.Done.TrySetResult((await _write([pending.Batch]).ConfigureAwait(false))[0]);
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    private sealed class Pending(EventBatch batch)
    {
        public EventBatch Batch { get; } = batch;

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
