using NodaTime;

namespace Pledge.Storage.Tests;

/// <summary>Group commit: who shares a transaction, in which order, and who fails when one does.</summary>
public sealed class AppendQueueTests
{
    [Fact]
    public async Task A_batch_arriving_at_an_idle_queue_is_written_alone_and_at_once()
    {
        var writer = new Writer();
        var queue = new AppendQueue(writer.WriteAsync);

        var inserted = await queue.AppendAsync(Batch("a", "b"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, inserted);
        Assert.Equal([["a", "b"]], writer.Transactions);
    }

    [Fact]
    public async Task Batches_arriving_during_a_transaction_share_the_next_one_in_arrival_order()
    {
        var writer = new Writer { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var queue = new AppendQueue(writer.WriteAsync);
        var first = queue.AppendAsync(Batch("a"), CancellationToken.None);
        await writer.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var waiting = Enumerable.Range(0, 5).Select(i => queue.AppendAsync(Batch($"w{i}"), CancellationToken.None)).ToList();
        writer.Hold.SetResult();

        Assert.Equal(1, await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.All(await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(10)), n => Assert.Equal(1, n));
        Assert.Equal([["a"], ["w0", "w1", "w2", "w3", "w4"]], writer.Transactions);
    }

    [Fact]
    public async Task A_group_never_holds_more_than_a_full_batch_of_events()
    {
        var writer = new Writer { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var queue = new AppendQueue(writer.WriteAsync);
        var first = queue.AppendAsync(Batch("a"), CancellationToken.None);
        await writer.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var big = Enumerable.Range(0, 3).Select(k => queue.AppendAsync(Batch([.. Enumerable.Range(0, 6_000).Select(i => $"b{k}-{i}")]), CancellationToken.None)).ToList();
        writer.Hold.SetResult();
        await Task.WhenAll([first, .. big]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([1, 6_000, 6_000, 6_000], writer.Transactions.Select(t => t.Count));
    }

    [Fact]
    public async Task When_a_shared_transaction_fails_each_batch_is_written_alone_and_only_the_refused_one_fails()
    {
        var writer = new Writer { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Refuse = "bad" };
        var queue = new AppendQueue(writer.WriteAsync);
        var first = queue.AppendAsync(Batch("a"), CancellationToken.None);
        await writer.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var good = queue.AppendAsync(Batch("g1"), CancellationToken.None);
        var bad = queue.AppendAsync(Batch("bad"), CancellationToken.None);
        var alsoGood = queue.AppendAsync(Batch("g2"), CancellationToken.None);
        writer.Hold.SetResult();

        await first;
        Assert.Equal(1, await good.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await alsoGood.WaitAsync(TimeSpan.FromSeconds(10)));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("bad", refused.Message, StringComparison.Ordinal);
        Assert.Equal([["a"], ["g1"], ["g2"]], writer.Transactions);
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_is_released_and_its_batch_is_still_written()
    {
        var writer = new Writer { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var queue = new AppendQueue(writer.WriteAsync);
        var first = queue.AppendAsync(Batch("a"), CancellationToken.None);
        await writer.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var gone = new CancellationTokenSource();

        var abandoned = queue.AppendAsync(Batch("b"), gone.Token);
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        writer.Hold.SetResult();
        await first;
        await queue.AppendAsync(Batch("c"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["a", "b", "c"], writer.Transactions.SelectMany(t => t));
    }

    private static EventBatch Batch(params string[] ids) =>
        EventBatch.Read(ids.Select(id => new IncomingEvent(id, "created", "T-1", Instant.FromUtc(2026, 3, 2, 10, 0), "{}")));

    /// <summary>Records each transaction's ids; the first can be held open, and a batch holding <see cref="Refuse"/> fails its transaction.</summary>
    private sealed class Writer
    {
        private int _calls;

        public TaskCompletionSource? Hold { get; init; }

        public string? Refuse { get; init; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<List<string>> Transactions { get; } = [];

        public async Task<IReadOnlyList<int>> WriteAsync(IReadOnlyList<EventBatch> batches)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Started.SetResult();
                if (Hold is not null)
                {
                    await Hold.Task;
                }
            }

            var ids = batches.SelectMany(b => b.Ids).ToList();
            if (Refuse is { } refused && ids.Contains(refused))
            {
                throw new InvalidOperationException($"the database refused {refused}");
            }

            lock (Transactions)
            {
                Transactions.Add(ids);
            }

            return [.. batches.Select(b => b.Count)];
        }
    }
}
