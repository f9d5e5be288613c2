using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Pledge.Server.Monitoring;
using Pledge.Testing;
using Pledge.Server.Tests.Notifications;

namespace Pledge.Server.Tests;

public sealed class AlertConsequencesTestsOnSqlite : AlertConsequencesTests<SqliteTestDatabase>;

public sealed class AlertConsequencesTestsOnPostgres : AlertConsequencesTests<PostgresTestDatabase>;

/// <summary>A breach the live monitor raises reaches a webhook through the outbox and opens a corrective action.</summary>
public abstract class AlertConsequencesTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string Secret = "a-webhook-secret-of-32-characters!";
    private const string Created = """{"id":"t1-1","ticket":"T-1","type":"created","at":"2026-11-30T09:00:00+01:00","customer":"initech","service":"coffee","priority":"P2","status":"new"}""";

    [Fact]
    public async Task A_breach_is_delivered_signed_to_the_escalation_channel_and_opens_a_corrective_action_once()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var server = Start(time: time);
        var channel = await server.Client.PostAsync("/api/v1/channels", Json(JsonSerializer.Serialize(new { name = "ops-webhook", type = "webhook", url = receiver.Url, secret = Secret })));
        Assert.True(channel.IsSuccessStatusCode, await channel.Content.ReadAsStringAsync());

        // The corporate terms escalate a response breach to the channel and open an action for every breach.
        var files = Sample.RepositoryFiles();
        var corporate = files["agreements/corporate.yaml"];
        var targets = corporate.IndexOf("    targets:", StringComparison.Ordinal);
        corporate = corporate[..targets] + "    escalations:\n      - when: breach\n        targets: [response]\n        notify: [{ channel: ops-webhook }]\n" + corporate[targets..];
        files["agreements/corporate.yaml"] = corporate.Replace("timezone: Europe/Berlin\n", "timezone: Europe/Berlin\ncorrective_actions:\n  open_on: breach\n  owner: service-desk\n  due_in: 5 business days\n", StringComparison.Ordinal);
        var put = await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files })));
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        await PostEventsAsync(server.Client, [Created]);
        await server.Service<LiveMonitor>().FlushAsync();

        // The P2 response threshold is 1h: the breach falls due at 10:00.
        time.SetUtcNow(At("2026-11-30T09:59:59+01:00"));
        await server.Service<LiveMonitor>().FlushAsync();
        Assert.Empty(receiver.Received);
        time.SetUtcNow(At("2026-11-30T10:00:00+01:00"));
        await server.Service<LiveMonitor>().FlushAsync();

        await WaitUntilAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
        var delivered = receiver.Received.First();
        Assert.True(delivered.SignatureValid);
        using (var body = JsonDocument.Parse(delivered.Body))
        {
            var text = body.RootElement.ToString();
            Assert.Contains("T-1|corporate/response|1|breach", text, StringComparison.Ordinal);
            Assert.Contains("initech", text, StringComparison.Ordinal);
        }

        var notifications = string.Empty;
        await WaitUntilAsync(async () =>
        {
            notifications = (await ReadJsonAsync(await server.Client.GetAsync("/api/v1/notifications"))).ToString();
            return notifications.Contains("\"sent\"", StringComparison.Ordinal);
        });
        Assert.Contains("ops-webhook", notifications, StringComparison.Ordinal);

        var actions = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/actions?customer=initech"));
        var opened = Assert.Single(Items(actions));
        Assert.Equal(("corporate", "response", "policy", "service-desk"), (Text(opened, "agreement"), Text(opened, "target"), Text(opened, "openedBy"), Text(opened, "owner")));

        // Later breaches of other targets open their own actions, never a second one for this breach.
        time.SetUtcNow(At("2026-11-30T13:00:00+01:00"));
        await server.Service<LiveMonitor>().FlushAsync();
        var later = Items(await ReadJsonAsync(await server.Client.GetAsync("/api/v1/actions?customer=initech")));
        Assert.Single(later, a => Text(a, "target") == "response");
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task A_breach_and_its_corrective_action_are_committed_together_so_a_crash_before_the_commit_loses_neither()
    {
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));

        // The first server dies inside the breach's transaction, after the action was written and before the commit.
        var first = Start(configure: b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.AddSingleton<IAlertAlongside, DiesBeforeCommit>();
        }));
        await PutRepositoryWithActionPolicyAsync(first);
        await PostEventsAsync(first.Client, [Created]);
        time.SetUtcNow(At("2026-11-30T10:00:00+01:00"));
        await first.Service<LiveMonitor>().FlushAsync();
        var store = await first.StoreAsync();
        Assert.Equal("failing", first.Service<LiveMonitor>().Status.State);
        Assert.DoesNotContain(await store.Alerts.ReadAsync(new Pledge.Storage.AlertQuery { Ticket = "T-1" }), a => a.Kind == "breach");
        Assert.Empty(await store.Actions.ListAsync());
        await StopAsync(first);

        // The next server, without any step after the commit, raises the breach once and its action with it.
        var second = Start(configure: b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.RemoveAll<IAlertFollowUp>();
        }));
        await second.Service<LiveMonitor>().FlushAsync();
        store = await second.StoreAsync();
        var breach = Assert.Single(await store.Alerts.ReadAsync(new Pledge.Storage.AlertQuery { Ticket = "T-1" }), a => a.Kind == "breach");
        var action = Assert.Single(await store.Actions.ListAsync());
        Assert.Equal(("corporate", "response", "T-1"), (action.Agreement, action.Target, Assert.Single(action.Links).Ticket));
        await StopAsync(second);

        // And again: nothing more.
        var third = Start(time: time);
        await third.Service<LiveMonitor>().FlushAsync();
        store = await third.StoreAsync();
        Assert.Equal(breach.Sequence, Assert.Single(await store.Alerts.ReadAsync(new Pledge.Storage.AlertQuery { Ticket = "T-1" }), a => a.Kind == "breach").Sequence);
        Assert.Single(await store.Actions.ListAsync());
    }

    [Fact]
    public async Task Two_servers_raising_the_same_breach_store_one_alert_one_action_and_one_notification_per_recipient()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var one = Start(time: time);
        var other = Start(time: time);
        await one.Client.PostAsync("/api/v1/channels", Json(JsonSerializer.Serialize(new { name = "ops-webhook", type = "webhook", url = receiver.Url, secret = Secret })));
        await PutRepositoryWithActionPolicyAsync(one);
        await PostEventsAsync(one.Client, [Created]);

        // The other instance hears of the repository and the ticket from the database (FlushAsync catches up).
        await one.Service<LiveMonitor>().FlushAsync();
        await other.Service<LiveMonitor>().FlushAsync();
        Assert.Equal((3, 3), (one.Service<LiveMonitor>().Status.OpenClocks, other.Service<LiveMonitor>().Status.OpenClocks));

        // Both monitors plan the breach at 10:00 and both raise it at that instant.
        time.SetUtcNow(At("2026-11-30T10:00:00+01:00"));
        await Task.WhenAll(one.Service<LiveMonitor>().FlushAsync(), other.Service<LiveMonitor>().FlushAsync());

        var store = await one.StoreAsync();
        var alerts = await store.Alerts.ReadAsync(new Pledge.Storage.AlertQuery { Ticket = "T-1", Limit = Pledge.Storage.AlertQuery.MaxLimit });
        Assert.Equal(alerts.Count, alerts.Select(a => a.Id).Distinct().Count());
        Assert.Single(alerts, a => a.Kind == "breach");
        // Every alert stored (the ticket's, and the budget alerts its breach raises) was raised by one of the two, once.
        var stored = await store.Alerts.CountByKindAsync();
        Assert.Equal(stored.Values.Sum(), one.Service<LiveMonitor>().Status.Raised + other.Service<LiveMonitor>().Status.Raised);
        Assert.Single(await store.Actions.ListAsync());
        var notifications = await store.Notifications.ListAsync(new Pledge.Storage.NotificationQuery());
        Assert.Single(notifications);
        await WaitUntilAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
        await Task.WhenAll(one.Service<LiveMonitor>().FlushAsync(), other.Service<LiveMonitor>().FlushAsync());
        Assert.Single(receiver.Received);
    }

    /// <summary>The corporate terms with a breach escalation to <c>ops-webhook</c> and an action for every breach.</summary>
    private static async Task PutRepositoryWithActionPolicyAsync(PledgeTestServer server)
    {
        var files = Sample.RepositoryFiles();
        var corporate = files["agreements/corporate.yaml"];
        var targets = corporate.IndexOf("    targets:", StringComparison.Ordinal);
        corporate = corporate[..targets] + "    escalations:\n      - when: breach\n        targets: [response]\n        notify: [{ channel: ops-webhook }]\n" + corporate[targets..];
        files["agreements/corporate.yaml"] = corporate.Replace("timezone: Europe/Berlin\n", "timezone: Europe/Berlin\ncorrective_actions:\n  open_on: breach\n  owner: service-desk\n  due_in: 5 business days\n", StringComparison.Ordinal);
        var put = await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files })));
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        await server.Service<LiveMonitor>().FlushAsync();
    }

    /// <summary>Stands for the process dying inside a breach's transaction: it throws, so nothing of it is committed.</summary>
    private sealed class DiesBeforeCommit : IAlertAlongside
    {
        public Task WriteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Pledge.Storage.AlertRecord alert, CancellationToken cancellationToken) =>
            alert.Kind == "breach" ? throw new InvalidOperationException("the process died before the commit") : Task.CompletedTask;
    }

    private static List<JsonElement> Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : [.. list.GetProperty("actions").EnumerateArray()];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Waits (real time: the dispatcher runs on its own) until <paramref name="done"/>.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("not seen within 30 seconds");
    }
}
