using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pledge.Server.Notifications;
using Pledge.Testing;
using static Pledge.Server.Tests.Notifications.NotificationKit;

namespace Pledge.Server.Tests.Notifications;

/// <summary>
/// The outbox as the monitor uses it (queued in the alert's transaction) and as the API reads it. No channel here
/// exists and no SMTP server is set, so nothing is delivered: the tests look at what is queued.
/// </summary>
public abstract class OutboxTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private readonly FakeTimeProvider _time = new(NotificationKit.Start);

    private async Task<PledgeTestServer> StartAsync()
    {
        // One attempt, then dead: a test that reads statuses is not racing retries.
        var server = Start(configure: Settings(_time, maxAttempts: 1));
        var response = await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files = Repository() })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return server;
    }

    [Fact]
    public async Task A_breach_queues_one_notification_per_channel_and_contact_of_its_rule()
    {
        var server = await StartAsync();

        Assert.Equal(3, await EnqueueAsync(server, Notice("alert-1", "breach")));

        var ids = await IdsAsync(server.Client, "alert-1");
        Assert.Equal(["jana@acme.example", "managers", "ops"], ids.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("warning", 0.5)]
    [InlineData("budget", 0.5)]
    public async Task An_alert_no_rule_matches_queues_nothing(string kind, double share)
    {
        var server = await StartAsync();

        Assert.Equal(0, await EnqueueAsync(server, Notice("alert-1", kind, share)));

        Assert.Empty(await IdsAsync(server.Client, "alert-1"));
    }

    [Fact]
    public async Task An_alert_queued_twice_is_notified_once()
    {
        var server = await StartAsync();
        await EnqueueAsync(server, Notice("alert-1", "breach"));

        Assert.Equal(0, await EnqueueAsync(server, Notice("alert-1", "breach")));

        Assert.Equal(3, (await IdsAsync(server.Client, "alert-1")).Count);
    }

    [Fact]
    public async Task Notifications_are_rolled_back_with_the_transaction_that_queued_them()
    {
        var server = await StartAsync();
        var outbox = server.Services.GetRequiredService<NotificationOutbox>();
        var store = await server.StoreAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RunInTransactionAsync(async (connection, transaction, token) =>
        {
            Assert.Equal(3, await outbox.EnqueueAsync(connection, transaction, Notice("alert-1", "breach"), token));
            throw new InvalidOperationException("the alert could not be recorded");
        }));

        Assert.Empty(await store.Notifications.ListAsync(new Pledge.Storage.NotificationQuery()));
    }

    [Fact]
    public async Task An_alert_on_an_agreement_the_repository_does_not_have_queues_nothing()
    {
        var server = await StartAsync();

        Assert.Equal(0, await EnqueueAsync(server, Notice("alert-1", "breach") with { Agreement = "nobody" }));
        Assert.Equal(0, await EnqueueAsync(server, Notice("alert-2", "breach") with { AgreementVersion = 9 }));
    }

    [Fact]
    public async Task Notifications_are_listed_in_queue_order_by_page_and_filter()
    {
        var server = await StartAsync();
        await EnqueueAsync(server, Notice("alert-1", "breach"));
        await EnqueueAsync(server, Notice("alert-2", "warning", 0.75, customer: "globex"));

        var first = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/notifications?limit=3"));
        var second = await ReadJsonAsync(await server.Client.GetAsync($"/api/v1/notifications?limit=3&after={first.GetProperty("next").GetInt64()}"));
        var byCustomer = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/notifications?customer=globex"));
        var byChannel = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/notifications?channel=OPS"));
        var byAgreement = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/notifications?agreement=acme-gold&alert=alert-2"));

        Assert.Equal(["alert-1", "alert-1", "alert-1"], first.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("alertId").GetString()));
        Assert.Equal(["alert-2"], second.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("alertId").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(["ops"], byCustomer.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("recipient").GetString()));
        Assert.Equal(["alert-1", "alert-2"], byChannel.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("alertId").GetString()));
        Assert.Single(byAgreement.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Notifications_are_filtered_by_status()
    {
        var server = await StartAsync();
        await EnqueueAsync(server, Notice("alert-1", "breach"));
        await WaitUntilAsync(
            async () => (await ReadJsonAsync(await server.Client.GetAsync("/api/v1/notifications?status=dead"))).GetProperty("items").GetArrayLength() == 3,
            "every notification is dead (no channel, no SMTP server)");

        var pending = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/notifications?status=pending"));

        Assert.Empty(pending.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=-1", "after")]
    public async Task A_bad_query_is_refused_naming_the_parameter(string query, string field)
    {
        var server = await StartAsync();

        var problem = await AssertProblemAsync(await server.Client.GetAsync($"/api/v1/notifications?{query}"), HttpStatusCode.BadRequest);

        Assert.Equal([field], ErrorFields(problem));
    }

    [Fact]
    public async Task An_unknown_notification_is_not_found()
    {
        var server = await StartAsync();

        var problem = await AssertProblemAsync(await server.Client.GetAsync("/api/v1/notifications/n-nothing"), HttpStatusCode.NotFound);

        Assert.Equal(["id"], ErrorFields(problem));
    }
}
