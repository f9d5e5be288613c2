using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>The event log read in append order by a follower: after a sequence, in ranges, and the wake-up.</summary>
public abstract class EventFeedTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Events_appended_through_one_store_are_read_after_a_sequence_through_another_in_append_order()
    {
        var writer = await OpenAsync();
        var follower = await OpenAsync();
        Assert.Equal(0, await follower.EventFeed.LastSequenceAsync());
        await writer.Events.AppendAsync(Events(0, 5));
        var last = await follower.EventFeed.LastSequenceAsync();
        await writer.Events.AppendAsync([Event("late", subject: "T-9"), .. Events(3, 2)]);

        var all = await follower.EventFeed.ReadAfterAsync(0, EventFeed.MaxLimit);
        var after = await follower.EventFeed.ReadAfterAsync(last, EventFeed.MaxLimit);
        var page = await follower.EventFeed.ReadAfterAsync(0, 2);

        Assert.Equal(["e0", "e1", "e2", "e3", "e4", "late"], all.Select(e => e.Id));
        Assert.Equal(all.Select(e => e.Sequence).Order(), all.Select(e => e.Sequence));
        Assert.Equal(last, all[4].Sequence);
        var late = Assert.Single(after);
        Assert.Equal(("late", "created", "T-9"), (late.Id, late.Type, late.Subject));
        Assert.Equal(["e0", "e1"], page.Select(e => e.Id));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => follower.EventFeed.ReadAfterAsync(0, EventFeed.MaxLimit + 1));
    }

    [Fact]
    public async Task Ranges_read_exactly_the_events_whose_sequence_falls_inside_them()
    {
        var store = await OpenAsync();
        await store.Events.AppendAsync(Events(0, 6));
        var all = await store.EventFeed.ReadAfterAsync(0, EventFeed.MaxLimit);
        var s = all.Select(e => e.Sequence).ToList();

        var read = await store.EventFeed.ReadRangesAsync([(s[4], s[5]), (s[1], s[1]), (s[5] + 1, s[5] + 100)]);

        Assert.Equal(["e1", "e4", "e5"], read.Select(e => e.Id));
        Assert.Empty(await store.EventFeed.ReadRangesAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.EventFeed.ReadRangesAsync([(5, 4)]));
    }

    [Fact]
    public async Task A_listener_hears_which_sequences_each_commit_appended_on_postgresql_and_returns_at_once_on_sqlite()
    {
        var writer = await OpenAsync();
        var follower = await OpenAsync();
        var heard = System.Threading.Channels.Channel.CreateUnbounded<FeedNotice>();
        using var stop = new CancellationTokenSource();
        var listening = follower.EventFeed.ListenAsync(n => heard.Writer.TryWrite(n), e => Assert.Fail(e.ToString()), stop.Token);

        if (!follower.EventFeed.Notifies)
        {
            // SQLite cannot tell: the follower checks now and then instead.
            Assert.True(listening.IsCompletedSuccessfully);
            return;
        }

        async Task<FeedNotice> NextAsync() => await heard.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));

        // Anything when it starts listening, then what each commit appended or changed.
        Assert.Equal(FeedNotice.Anything, await NextAsync());
        await writer.Events.AppendAsync(Events(0, 3));
        var appended = await NextAsync();
        await writer.Events.AppendAsync([.. Events(0, 3)]);
        await writer.Documents.PutAsync("a.yaml", "agreement", "a: 1", "alice");
        var documents = await NextAsync();

        var stored = await follower.EventFeed.ReadAfterAsync(0, EventFeed.MaxLimit);
        Assert.Equal(new FeedNotice(FeedNoticeKind.Events, stored[0].Sequence, stored[2].Sequence), appended);
        // Only duplicates: nothing appended, nothing said.
        Assert.Equal(new FeedNotice(FeedNoticeKind.Documents), documents);
        await stop.CancelAsync();
        await listening;
        Assert.False(heard.Reader.TryRead(out var more), $"heard {more} too");
    }

    [Fact]
    public async Task The_store_hands_its_observers_the_events_each_append_inserted_with_their_sequences_once_committed()
    {
        var store = await OpenAsync();
        var seen = new List<AppendedEvent>();
        using (store.Events.OnAppended(events =>
        {
            lock (seen)
            {
                seen.AddRange(events);
            }
        }))
        {
            await store.Events.AppendAsync(Events(0, 3));
            await store.Events.AppendAsync([Event("e1"), Event("late", subject: "T-9")]);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.Events.AppendAsync(Events(10 + (i * 5), 5))));
        }

        await store.Events.AppendAsync([Event("unwatched")]);

        var stored = await store.EventFeed.ReadAfterAsync(0, EventFeed.MaxLimit);
        Assert.Equal(stored.Where(e => e.Id != "unwatched"), seen.OrderBy(e => e.Sequence));
        Assert.Equal(["e0", "e1", "e2", "late"], seen.Take(4).Select(e => e.Id));
        Assert.Equal(stored.Count - 1, seen.Select(e => e.Sequence).Distinct().Count());
    }
}
