using System.Data.Common;
using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>The event log: idempotent by id, atomic per batch, read in time order.</summary>
public abstract class EventStoreTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Appending_the_same_batch_twice_stores_it_once()
    {
        var store = await OpenAsync();
        var batch = Events(0, 500);

        var first = await store.Events.AppendAsync(batch);
        var second = await store.Events.AppendAsync(batch);

        Assert.Equal(new AppendResult(500, 0), first);
        Assert.Equal(new AppendResult(0, 500), second);
        Assert.Equal(500, await CountAsync(store, "events"));
    }

    [Fact]
    public async Task Duplicates_inside_a_batch_are_stored_once_keeping_the_first_and_counted()
    {
        var store = await OpenAsync();

        var result = await store.Events.AppendAsync(
            [Event("a", body: ",\"copy\":1"), Event("b"), Event("a", body: ",\"copy\":2"), Event("c"), Event("b"), Event("a", body: ",\"copy\":3")]);

        Assert.Equal(new AppendResult(3, 3), result);
        var stored = await ReadAllAsync(store);
        Assert.Equal(["a", "b", "c"], stored.Select(e => e.Id));
        Assert.Contains("\"copy\":1", stored[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_already_stored_is_a_duplicate_even_when_its_content_differs_and_the_first_copy_stays()
    {
        var store = await OpenAsync();
        await store.Events.AppendAsync([Event("a", at: "2026-03-02T10:00:00Z", body: ",\"copy\":1")]);

        var result = await store.Events.AppendAsync([Event("a", at: "2026-03-03T10:00:00Z", body: ",\"copy\":2"), Event("b")]);

        Assert.Equal(new AppendResult(1, 1), result);
        var a = Assert.Single(await ReadAllAsync(store, new EventQuery { Subject = "T-1", Types = ["created"] }), e => e.Id == "a");
        Assert.Equal(At("2026-03-02T10:00:00Z"), a.At);
        Assert.Contains("\"copy\":1", a.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_appended_out_of_order_read_back_in_time_order_and_the_same_instant_in_append_order()
    {
        var store = await OpenAsync();
        await store.Events.AppendAsync([Event("late", "2026-03-02T12:00:00Z"), Event("z-same", "2026-03-02T11:00:00Z"), Event("first", "2026-03-02T08:00:00Z")]);
        await store.Events.AppendAsync([Event("m-same", "2026-03-02T11:00:00Z"), Event("middle", "2026-03-02T10:00:00+01:00"), Event("a-same", "2026-03-02T11:00:00Z")]);

        var stored = await ReadAllAsync(store);

        // 10:00+01:00 is 09:00Z. At 11:00Z, the order of appends, not of ids: z-same (first batch), then m-same, a-same.
        Assert.Equal(["first", "middle", "z-same", "m-same", "a-same", "late"], stored.Select(e => e.Id));
        Assert.True(stored.Zip(stored.Skip(1)).All(p => p.First.Sequence != p.Second.Sequence));
    }

    [Fact]
    public async Task Stored_events_keep_every_field_and_are_received_at_the_clocks_time()
    {
        var store = await OpenAsync();
        var sent = new IncomingEvent("e-1", "status_changed", "T-42", At("2026-03-02T10:15:30.1234567Z"), """{"id":"e-1","text":"é 😀 ü"}""");
        Time.Advance(TimeSpan.FromMinutes(5));

        await store.Events.AppendAsync([sent]);

        var stored = Assert.Single(await ReadAllAsync(store));
        Assert.Equal(sent, new IncomingEvent(stored.Id, stored.Type, stored.Subject, stored.At, stored.Body));
        Assert.Equal(Ticks(Start.AddMinutes(5)), stored.ReceivedAt);
    }

    [Fact]
    public async Task Reading_selects_by_type_subject_and_from_an_instant_inclusive()
    {
        var store = await OpenAsync();
        await store.Events.AppendAsync(
        [
            Event("t1", "2026-03-02T09:00:00Z", "created", "T-1"),
            Event("t2", "2026-03-02T10:00:00Z", "status_changed", "T-1"),
            Event("t3", "2026-03-02T11:00:00Z", "resolved", "T-2"),
            Event("o1", "2026-03-02T10:00:00Z", "outage", "email"),
        ]);

        async Task<IEnumerable<string>> Ids(EventQuery query) => (await ReadAllAsync(store, query)).Select(e => e.Id);

        Assert.Equal(["t1", "t2", "o1", "t3"], await Ids(EventQuery.All));
        Assert.Equal(["t1", "t2", "t3"], await Ids(EventQuery.OfTypes("created", "status_changed", "resolved")));
        Assert.Equal(["o1"], await Ids(EventQuery.OfTypes("outage")));
        Assert.Equal(["t2", "o1", "t3"], await Ids(new EventQuery { From = At("2026-03-02T10:00:00Z") }));
        Assert.Equal(["t2"], await Ids(new EventQuery { Types = ["status_changed", "resolved"], Subject = "T-1", From = At("2026-03-02T09:00:00.0000001Z") }));
        Assert.Empty(await Ids(EventQuery.OfTypes()));
        Assert.Empty(await Ids(EventQuery.OfTypes("merged")));
    }

    [Fact]
    public async Task Reading_streams_and_can_stop_early()
    {
        var store = await OpenAsync();
        await store.Events.AppendAsync(Events(0, 3000));

        var seen = new List<string>();
        await foreach (var e in store.Events.ReadAsync(EventQuery.All))
        {
            seen.Add(e.Id);
            if (seen.Count == 10)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => "e" + i), seen);

        // Stopping early released the connection: the store still writes.
        Assert.Equal(1, (await store.Events.AppendAsync([Event("after")])).Inserted);
    }

    [Fact]
    public async Task Counting_by_type_counts_each_stored_event_once()
    {
        var store = await OpenAsync();
        await store.Events.AppendAsync([Event("a", type: "created"), Event("b", type: "created"), Event("c", type: "outage", subject: "email"), Event("a", type: "created")]);

        var counts = await store.Events.CountByTypeAsync();

        Assert.Equal(new Dictionary<string, long> { ["created"] = 2, ["outage"] = 1 }, counts);
    }

    [Theory]
    [MemberData(nameof(BadEvents.All), MemberType = typeof(BadEvents))]
    public async Task A_batch_with_a_bad_event_in_the_middle_is_refused_naming_it_and_stores_nothing(string what, IncomingEvent? bad, string message)
    {
        _ = what;
        var store = await OpenAsync();
        await store.Events.AppendAsync([Event("before")]);
        var batch = Events(0, 10).Cast<IncomingEvent?>().ToList();
        batch.Insert(5, bad);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.Events.AppendAsync(batch!));

        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal("events", refused.ParamName);
        Assert.Equal(["before"], (await ReadAllAsync(store)).Select(e => e.Id));
    }

    [Fact]
    public async Task A_batch_that_the_database_rejects_midway_leaves_nothing()
    {
        var store = await OpenAsync();
        await ExecuteAsync(store, Database.PoisonEvents);
        await store.Events.AppendAsync([Event("before")]);
        var batch = Events(0, 1000);
        batch.Insert(700, Event("poison"));

        var failed = await Assert.ThrowsAnyAsync<DbException>(() => store.Events.AppendAsync(batch));

        Assert.Contains("poisoned event", failed.Message, StringComparison.Ordinal);
        Assert.Equal(["before"], (await ReadAllAsync(store)).Select(e => e.Id));

        // The store is still usable, and the same events append once the poison is gone.
        batch.RemoveAt(700);
        Assert.Equal(new AppendResult(1000, 0), await store.Events.AppendAsync(batch));
    }

    [Fact]
    public async Task A_batch_whose_source_fails_midway_leaves_nothing()
    {
        var store = await OpenAsync();

        IEnumerable<IncomingEvent> Failing()
        {
            foreach (var e in Events(0, 100))
            {
                yield return e;
            }

            throw new InvalidDataException("the request body ended early");
        }

        await Assert.ThrowsAsync<InvalidDataException>(() => store.Events.AppendAsync(Failing()));

        Assert.Equal(0, await CountAsync(store, "events"));
    }

    [Fact]
    public async Task A_batch_of_10000_events_is_taken_and_one_of_10001_is_refused_whole()
    {
        var store = await OpenAsync();

        var taken = await store.Events.AppendAsync(Events(0, 10_000));
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.Events.AppendAsync(Events(20_000, 10_001)));
        var refusedLazily = await Assert.ThrowsAsync<ArgumentException>(() => store.Events.AppendAsync(Lazily(Events(20_000, 10_001))));

        Assert.Equal(new AppendResult(10_000, 0), taken);
        Assert.StartsWith("a batch holds at most 10,000 events; this one has 10,001", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("a batch holds at most 10,000 events; this one has more", refusedLazily.Message, StringComparison.Ordinal);
        Assert.Equal(10_000, await CountAsync(store, "events"));
    }

    private static IEnumerable<IncomingEvent> Lazily(IEnumerable<IncomingEvent> events)
    {
        foreach (var e in events)
        {
            yield return e;
        }
    }

    [Fact]
    public async Task An_empty_batch_stores_nothing()
    {
        var store = await OpenAsync();

        Assert.Equal(new AppendResult(0, 0), await store.Events.AppendAsync([]));
    }

    [Fact]
    public async Task A_write_that_fails_inside_its_transaction_lets_the_next_writer_in_and_leaves_nothing()
    {
        var store = await OpenAsync();
        var failing = store.RunInTransactionAsync(async (connection, transaction, cancellationToken) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO events (id, type, subject, at, received_at, body) VALUES ('x', 'created', 'T-1', 0, 0, '{}')";
            await command.ExecuteNonQueryAsync(cancellationToken);
            throw new InvalidOperationException("the work failed half-way");
        });
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);

        // Within the busy timeout: a writer left waiting would fail with a timeout, not pass.
        var result = await store.Events.AppendAsync(Events(0, 3)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(new AppendResult(3, 0), result);
        Assert.Equal(["e0", "e1", "e2"], (await ReadAllAsync(store)).Select(e => e.Id));
    }

    [Fact]
    public async Task Many_single_events_appended_at_once_are_each_counted_for_their_own_caller()
    {
        var store = await OpenAsync();

        // 200 callers, two per id: whichever comes first stores it, the other is told it is a duplicate.
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => store.Events.AppendAsync([Event("s" + (i % 100))]))));

        Assert.All(results, r => Assert.Equal(1, r.Inserted + r.Duplicates));
        Assert.Equal(100, results.Sum(r => r.Inserted));
        Assert.Equal(100, await CountAsync(store, "events"));
    }

    [Fact]
    public async Task Concurrent_appends_of_overlapping_batches_store_each_id_once()
    {
        var store = await OpenAsync();
        const int Tasks = 8;
        const int Size = 2000;
        const int Step = 700;

        // Each task sends ids [k*Step, k*Step + Size), in its own shuffled order, twice.
        var appends = Enumerable.Range(0, Tasks).Select(k => Task.Run(async () =>
        {
            var batch = Events(k * Step, Size);
            new Random(k).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch));
            var first = await store.Events.AppendAsync(batch);
            var second = await store.Events.AppendAsync(batch);
            return (first, second);
        }));
        var results = await Task.WhenAll(appends);

        var distinct = ((Tasks - 1) * Step) + Size;
        Assert.Equal(distinct, results.Sum(r => r.first.Inserted));
        Assert.All(results, r => Assert.Equal(Size, r.first.Inserted + r.first.Duplicates));
        Assert.All(results, r => Assert.Equal(new AppendResult(0, Size), r.second));
        Assert.Equal(distinct, await CountAsync(store, "events"));
        Assert.Equal(distinct, Convert.ToInt64(await ScalarAsync(store, "SELECT COUNT(DISTINCT id) FROM events"), System.Globalization.CultureInfo.InvariantCulture));
        var stored = await ReadAllAsync(store);
        Assert.Equal(Enumerable.Range(0, distinct).Select(i => "e" + i), stored.Select(e => e.Id));
    }

    [Fact]
    public async Task Two_stores_appending_overlapping_batches_at_once_store_each_id_once()
    {
        // Two stores are two processes' writers: their appends are not queued one after the other, so on PostgreSQL a
        // copy can meet an id the other is storing at that moment (and the batch is then inserted skipping it).
        var stores = new[] { await OpenAsync(), await OpenAsync() };
        const int Rounds = 6;
        const int Size = 1500;
        var appends = Enumerable.Range(0, Rounds * 2).Select(k => Task.Run(async () =>
        {
            var batch = Events((k / 2) * 1000, Size);
            new Random(k).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch));
            return await stores[k % 2].Events.AppendAsync(batch);
        }));
        var results = await Task.WhenAll(appends);

        var distinct = ((Rounds - 1) * 1000) + Size;
        Assert.Equal(distinct, results.Sum(r => r.Inserted));
        Assert.All(results, r => Assert.Equal(Size, r.Inserted + r.Duplicates));
        var stored = await ReadAllAsync(stores[0]);
        Assert.Equal(Enumerable.Range(0, distinct).Select(i => "e" + i).Order(StringComparer.Ordinal), stored.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(distinct, stored.Select(e => e.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task Observers_hear_of_every_write_that_ends_a_failed_one_with_nothing_inserted()
    {
        var store = await OpenAsync();
        await ExecuteAsync(store, Database.PoisonEvents);
        var heard = new List<string[]>();
        using var watching = store.Events.OnAppended(events =>
        {
            lock (heard)
            {
                heard.Add([.. events.Select(e => e.Id)]);
            }
        });

        await store.Events.AppendAsync([Event("a"), Event("b")]);
        await Assert.ThrowsAnyAsync<DbException>(() => store.Events.AppendAsync([Event("c"), Event("poison")]));
        await store.Events.AppendAsync([Event("a")]);

        Assert.Equal([["a", "b"], [], []], heard);
        Assert.Equal(3, store.Events.WritesBegun);
        Assert.Equal(3, store.Events.WritesEnded);
    }
}
