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
    public async Task A_listener_hears_of_appends_as_they_commit_on_postgresql_and_returns_at_once_on_sqlite()
    {
        var writer = await OpenAsync();
        var follower = await OpenAsync();
        using var heard = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        var listening = follower.EventFeed.ListenAsync(() => heard.Release(), e => Assert.Fail(e.ToString()), stop.Token);

        if (!follower.EventFeed.Notifies)
        {
            // SQLite cannot tell: the follower checks now and then instead.
            Assert.True(listening.IsCompletedSuccessfully);
            return;
        }

        // Once when it starts listening, then once per committed append.
        Assert.True(await heard.WaitAsync(TimeSpan.FromMinutes(1)));
        await writer.Events.AppendAsync(Events(0, 3));
        Assert.True(await heard.WaitAsync(TimeSpan.FromMinutes(1)));
        await stop.CancelAsync();
        await listening;
    }
}
