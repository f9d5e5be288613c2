using System.Data.Common;
using NodaTime;
using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>The outbox: queued in the caller's transaction, once per alert and address, claimed once, its log append-only.</summary>
public abstract class NotificationStoreTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    private static OutboxEntry Entry(string id, string alert = "alert-1", string key = "channel:ops") =>
        new(id, alert, key, "breach", "acme-gold", "acme", "ops", "webhook", "ops", "breach → channel: ops", "{}");

    private static Task EnqueueAsync(PledgeStore store, params OutboxEntry[] entries) =>
        store.RunInTransactionAsync((connection, transaction, token) => store.Notifications.EnqueueAsync(connection, transaction, entries, token));

    [Fact]
    public async Task A_queued_notification_is_pending_and_due_at_once()
    {
        var store = await OpenAsync();

        await EnqueueAsync(store, Entry("n1"));

        var stored = await store.Notifications.GetAsync("n1");
        Assert.Equal(NotificationStatus.Pending, stored!.Status);
        Assert.Equal(0, stored.Attempts);
        Assert.Equal(Ticks(Start), stored.NextAttemptAt);
        Assert.Equal(Ticks(Start), await store.Notifications.NextDueAsync());
    }

    [Fact]
    public async Task The_same_alert_and_address_are_queued_once()
    {
        var store = await OpenAsync();
        await EnqueueAsync(store, Entry("n1"));

        var again = 0;
        await store.RunInTransactionAsync(async (connection, transaction, token) =>
            again = await store.Notifications.EnqueueAsync(connection, transaction, [Entry("n2"), Entry("n3", key: "email:ann@acme.example")], token));

        Assert.Equal(1, again);
        Assert.Equal(["n1", "n3"], (await store.Notifications.ListAsync(new NotificationQuery())).Select(n => n.Entry.Id));
    }

    [Fact]
    public async Task A_notification_is_claimed_by_one_store_only_until_its_lease_ends()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        await EnqueueAsync(first, Entry("n1"));

        var claimedByFirst = await first.Notifications.ClaimAsync(10, Duration.FromMinutes(2));
        var claimedBySecond = await second.Notifications.ClaimAsync(10, Duration.FromMinutes(2));

        Assert.Equal(["n1"], claimedByFirst.Select(n => n.Entry.Id));
        Assert.Empty(claimedBySecond);

        // The first dispatcher died mid-delivery: after the lease another one tries again (at least once).
        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(["n1"], (await second.Notifications.ClaimAsync(10, Duration.FromMinutes(2))).Select(n => n.Entry.Id));
    }

    [Fact]
    public async Task An_attempt_is_logged_and_moves_the_notification_on()
    {
        var store = await OpenAsync();
        await EnqueueAsync(store, Entry("n1"));
        var retryAt = Ticks(Start).Plus(Duration.FromSeconds(30));

        await store.Notifications.RecordAttemptAsync(new DeliveryAttempt("n1", 1, Ticks(Start), "failed", 500, "busy", "the receiver answered HTTP 500", Duration.FromMilliseconds(12)), NotificationStatus.Failed, retryAt, "webhook");
        await store.Notifications.RecordAttemptAsync(new DeliveryAttempt("n1", 2, retryAt, "sent", 200, null, null, Duration.FromMilliseconds(7)), NotificationStatus.Sent, null, "webhook");

        var stored = await store.Notifications.GetAsync("n1");
        Assert.Equal(NotificationStatus.Sent, stored!.Status);
        Assert.Equal(2, stored.Attempts);
        Assert.Null(stored.NextAttemptAt);
        Assert.Null(await store.Notifications.NextDueAsync());
        Assert.Equal(
            [
                new DeliveryAttempt("n1", 1, Ticks(Start), "failed", 500, "busy", "the receiver answered HTTP 500", Duration.FromMilliseconds(12)),
                new DeliveryAttempt("n1", 2, retryAt, "sent", 200, null, null, Duration.FromMilliseconds(7)),
            ],
            await store.Notifications.AttemptsAsync("n1"));
        Assert.Empty(await store.Notifications.ClaimAsync(10, Duration.FromMinutes(2)));
    }

    [Fact]
    public async Task The_delivery_log_cannot_be_updated_or_deleted()
    {
        var store = await OpenAsync();
        await EnqueueAsync(store, Entry("n1"));
        await store.Notifications.RecordAttemptAsync(new DeliveryAttempt("n1", 1, Ticks(Start), "sent", 200, null, null, Duration.Zero), NotificationStatus.Sent, null, "webhook");

        foreach (var sql in new[] { "UPDATE notification_attempts SET outcome = 'failed'", "DELETE FROM notification_attempts" })
        {
            var refused = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(store, sql));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_channel_is_created_replaced_and_deleted_by_its_lower_case_name()
    {
        var store = await OpenAsync();

        var (created, isNew) = await store.Channels.PutAsync("Ops", "webhook", "https://h.example", "0123456789abcdef", []);
        Time.Advance(TimeSpan.FromMinutes(1));
        var (replaced, isNewAgain) = await store.Channels.PutAsync("OPS", "email", null, null, ["a@b.example", "c@d.example"]);

        Assert.True(isNew);
        Assert.False(isNewAgain);
        Assert.Equal("ops", created.Name);
        Assert.Equal(created.CreatedAt, replaced.CreatedAt);
        Assert.Equal(new[] { "a@b.example", "c@d.example" }, (await store.Channels.GetAsync("ops"))!.Addresses.AsEnumerable());
        Assert.DoesNotContain("0123456789abcdef", created.ToString(), StringComparison.Ordinal);
        Assert.True(await store.Channels.DeleteAsync("Ops"));
        Assert.Empty(await store.Channels.ListAsync());
    }
}
