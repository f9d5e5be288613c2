using System.Globalization;
using System.Net;
using System.Text.Json;
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
