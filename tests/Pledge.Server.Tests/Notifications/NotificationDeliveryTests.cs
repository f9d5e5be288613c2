using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pledge.Testing;
using static Pledge.Server.Tests.Notifications.NotificationKit;

namespace Pledge.Server.Tests.Notifications;

/// <summary>
/// Alerts queued in the outbox and delivered: webhooks to a receiver on 127.0.0.1 that checks the signature, retries
/// with back-off on a fake clock, dead letters, a restart between the alert and the delivery, e-mail over SMTP.
/// </summary>
public abstract class NotificationDeliveryTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private readonly FakeTimeProvider _time = new(NotificationKit.Start);

    /// <summary>A server with the escalation repository and an <c>ops</c> webhook channel to <paramref name="receiver"/>.</summary>
    private async Task<PledgeTestServer> StartWithWebhookAsync(WebhookReceiver receiver, FakeTimeProvider? time = null, LogCapture? logs = null, int maxAttempts = 8)
    {
        var server = Start(configure: Settings(time ?? _time, logs, maxAttempts));
        await PutRepositoryAsync(server.Client);
        var created = await server.Client.PostAsync("/api/v1/channels", Json(JsonSerializer.Serialize(new { name = "ops", type = "webhook", url = receiver.Url, secret = Secret })));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return server;
    }

    private static async Task PutRepositoryAsync(HttpClient client)
    {
        var response = await client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files = Repository() })));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_warning_is_posted_to_the_webhook_signed_with_the_channel_secret()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        var server = await StartWithWebhookAsync(receiver);

        Assert.Equal(1, await EnqueueAsync(server, Notice("alert-1", "warning", 0.75)));

        // The fake clock never moves in this test: only the wake after the commit can start the delivery (no polling gap).
        await WaitUntilAsync(() => !receiver.Received.IsEmpty, "the receiver got the webhook");
        var received = Assert.Single(receiver.Received);
        Assert.True(received.SignatureValid);
        Assert.Equal(NotificationKit.Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), received.Timestamp);
        Assert.Equal("1", received.Attempt);
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal(received.Delivery, body.GetProperty("id").GetString());
        Assert.Equal("alert.warning", body.GetProperty("event").GetString());
        Assert.Equal("alert-1", body.GetProperty("alert").GetProperty("id").GetString());
        Assert.Equal(0.75, body.GetProperty("alert").GetProperty("share").GetDouble());
        Assert.Equal("2026-11-02T12:00:00Z", body.GetProperty("alert").GetProperty("due").GetString());
        Assert.Equal("acme-gold", body.GetProperty("agreement").GetProperty("id").GetString());
        Assert.Equal(1, body.GetProperty("agreement").GetProperty("version").GetInt32());
        Assert.Equal("acme-gold/resolution", body.GetProperty("target").GetString());
        Assert.Equal("T-42", body.GetProperty("ticket").GetString());
        Assert.Equal("acme", body.GetProperty("customer").GetString());
        Assert.Equal("warning 75% → channel: ops", body.GetProperty("reason").GetString());

        var notification = await WaitForAttemptsAsync(server.Client, received.Delivery, 1);
        Assert.Equal("sent", notification.GetProperty("notification").GetProperty("status").GetString());
        var attempt = Assert.Single(notification.GetProperty("attempts").EnumerateArray());
        Assert.Equal("sent", attempt.GetProperty("outcome").GetString());
        Assert.Equal(200, attempt.GetProperty("statusCode").GetInt32());
        Assert.Equal("thanks", attempt.GetProperty("reply").GetString());
        Assert.Equal(received.Delivery, notification.GetProperty("payload").GetProperty("id").GetString());
        Assert.Equal("warning 75% → channel: ops", notification.GetProperty("payload").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_webhook_updated_without_a_secret_still_signs_with_the_one_it_had()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        var server = Start(configure: Settings(_time));
        await PutRepositoryAsync(server.Client);
        await server.Client.PostAsync("/api/v1/channels", Json(JsonSerializer.Serialize(new { name = "ops", type = "webhook", url = "http://127.0.0.1:9/nowhere", secret = Secret })));
        await server.Client.PutAsync("/api/v1/channels/ops", Json(JsonSerializer.Serialize(new { type = "webhook", url = receiver.Url })));

        await EnqueueAsync(server, Notice("alert-1", "warning", 0.75));

        await WaitUntilAsync(() => !receiver.Received.IsEmpty, "the receiver got the webhook");
        Assert.True(Assert.Single(receiver.Received).SignatureValid);
    }

    [Fact]
    public async Task A_webhook_answered_with_500_is_retried_after_the_back_off_and_then_sent_with_the_same_delivery_id()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        receiver.AnswerNext(500);
        var server = await StartWithWebhookAsync(receiver);
        await EnqueueAsync(server, Notice("alert-1", "warning", 0.75));
        await WaitUntilAsync(() => receiver.Received.Count == 1, "the first attempt arrived");
        var id = receiver.Received.First().Delivery;

        var failed = await WaitForAttemptsAsync(server.Client, id, 1);
        Assert.Equal("failed", failed.GetProperty("notification").GetProperty("status").GetString());
        Assert.Equal(500, failed.GetProperty("attempts")[0].GetProperty("statusCode").GetInt32());
        Assert.Equal("the receiver answered HTTP 500", failed.GetProperty("attempts")[0].GetProperty("error").GetString());
        var next = DateTimeOffset.Parse(failed.GetProperty("notification").GetProperty("nextAttemptAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(next - NotificationKit.Start, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12));
        Assert.Single(receiver.Received);

        _time.Advance(TimeSpan.FromSeconds(12));

        var sent = await WaitForAttemptsAsync(server.Client, id, 2);
        Assert.Equal("sent", sent.GetProperty("notification").GetProperty("status").GetString());
        Assert.Equal(["failed", "sent"], sent.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()));
        Assert.Equal([id, id], receiver.Received.Select(r => r.Delivery));
        Assert.Equal(["1", "2"], receiver.Received.Select(r => r.Attempt));
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid));
        Assert.Equal(receiver.Received.First().Body, receiver.Received.Last().Body);
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_dead_after_the_maximum_attempts()
    {
        await using var receiver = new WebhookReceiver(Secret) { Always = 503 };
        await receiver.StartAsync();
        var server = await StartWithWebhookAsync(receiver, maxAttempts: 3);
        await EnqueueAsync(server, Notice("alert-1", "warning", 0.75));
        await WaitUntilAsync(() => receiver.Received.Count == 1, "the first attempt arrived");
        var id = receiver.Received.First().Delivery;

        for (var attempt = 1; attempt < 3; attempt++)
        {
            await WaitForAttemptsAsync(server.Client, id, attempt);
            _time.Advance(TimeSpan.FromSeconds(60));
        }

        var dead = await WaitForAttemptsAsync(server.Client, id, 3);
        Assert.Equal("dead", dead.GetProperty("notification").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("notification").GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(3, dead.GetProperty("notification").GetProperty("attempts").GetInt32());
        Assert.All(dead.GetProperty("attempts").EnumerateArray(), a => Assert.Equal(503, a.GetProperty("statusCode").GetInt32()));

        // Dead is final: time passing sends nothing more.
        _time.Advance(TimeSpan.FromHours(2));
        await EnqueueAsync(server, Notice("alert-2", "breach"));
        await WaitUntilAsync(() => receiver.Received.Any(r => r.Delivery != id), "the next alert's webhook arrived");
        Assert.Equal(3, receiver.Received.Count(r => r.Delivery == id));
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_fails_the_attempt()
    {
        await using var receiver = new WebhookReceiver(Secret) { Delay = TimeSpan.FromSeconds(5) };
        await receiver.StartAsync();
        var server = Start(configure: Settings(_time, maxAttempts: 1, timeout: "0.5"));
        await PutRepositoryAsync(server.Client);
        await server.Client.PostAsync("/api/v1/channels", Json(JsonSerializer.Serialize(new { name = "ops", type = "webhook", url = receiver.Url, secret = Secret })));

        await EnqueueAsync(server, Notice("alert-1", "warning", 0.75));

        var id = (await IdsAsync(server.Client, "alert-1"))["ops"];
        var dead = await WaitForAttemptsAsync(server.Client, id, 1);
        Assert.Equal("dead", dead.GetProperty("notification").GetProperty("status").GetString());
        Assert.Equal("the receiver did not answer within 0.5 s", dead.GetProperty("attempts")[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_notification_queued_before_the_server_stops_is_delivered_by_the_next_server_on_the_same_database()
    {
        var receiver = new WebhookReceiver(Secret);
        var first = await StartWithWebhookAsync(receiver);

        // The receiver is down: the first attempt cannot connect, and the server stops before the retry.
        await EnqueueAsync(first, Notice("alert-1", "warning", 0.75));
        var id = (await IdsAsync(first.Client, "alert-1"))["ops"];
        var failed = await WaitForAttemptsAsync(first.Client, id, 1);
        Assert.StartsWith("could not reach the receiver", failed.GetProperty("attempts")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("attempts")[0].GetProperty("statusCode").ValueKind);
        await StopAsync(first);

        await receiver.StartAsync();
        try
        {
            var later = new FakeTimeProvider(NotificationKit.Start.AddHours(1));
            var second = Start(configure: Settings(later));

            await WaitUntilAsync(() => !receiver.Received.IsEmpty, "the next server delivered the webhook");
            var received = Assert.Single(receiver.Received);
            Assert.Equal(id, received.Delivery);
            Assert.True(received.SignatureValid);
            Assert.Equal("2", received.Attempt);
            var sent = await WaitForAttemptsAsync(second.Client, id, 2);
            Assert.Equal("sent", sent.GetProperty("notification").GetProperty("status").GetString());
        }
        finally
        {
            await receiver.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_breach_is_mailed_to_the_customer_contacts_of_the_role_and_to_the_email_channel_over_smtp()
    {
        await using var smtp = new SmtpReceiver();
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        var server = Start(configure: Settings(_time, smtpPort: smtp.Port));
        await PutRepositoryAsync(server.Client);
        await server.Client.PostAsync("/api/v1/channels", Json(JsonSerializer.Serialize(new { name = "ops", type = "webhook", url = receiver.Url, secret = Secret })));
        await server.Client.PostAsync("/api/v1/channels", Json("""{"name": "managers", "type": "email", "addresses": ["lead@provider.example", "head@provider.example"]}"""));

        Assert.Equal(3, await EnqueueAsync(server, Notice("alert-9", "breach")));

        await WaitUntilAsync(() => smtp.Messages.Count == 2 && !receiver.Received.IsEmpty, "two e-mails and a webhook arrived");
        var ids = await IdsAsync(server.Client, "alert-9");
        Assert.Equal(["jana@acme.example", "managers", "ops"], ids.Keys.Order(StringComparer.Ordinal));
        var toJana = Assert.Single(smtp.Messages, m => m.To.SequenceEqual(["jana@acme.example"]));
        Assert.Equal("pledge@provider.example", toJana.From);
        var message = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(toJana.Data)));
        Assert.Equal($"{ids["jana@acme.example"]}@pledge", message.MessageId);
        Assert.Equal(ids["jana@acme.example"], message.Headers["X-Pledge-Delivery"]);
        Assert.Equal("[Pledge] Breach: acme-gold/resolution on T-42 (acme)", message.Subject);
        Assert.Equal(
            """
            Ticket T-42 on target acme-gold/resolution is breached: its deadline was 2026-11-02T12:00:00Z.

            Agreement:  acme-gold v1
            Target:     acme-gold/resolution
            Customer:   acme
            Service:    coffee
            Priority:   P1
            Ticket:     T-42
            Due:        2026-11-02T12:00:00Z
            Fired at:   2026-11-02T12:00:00Z
            What:       ticket T-42 passed its 4h resolution deadline

            Why you get this: the escalation rule "breach → contacts: customer/facilities" of acme-gold v1.
            """.ReplaceLineEndings("\n") + $"\nNotification {ids["jana@acme.example"]}, alert alert-9.\n",
            message.TextBody?.ReplaceLineEndings("\n"));
        var toManagers = Assert.Single(smtp.Messages, m => m.To.Count == 2);
        Assert.Equal(["lead@provider.example", "head@provider.example"], toManagers.To);

        var mail = await WaitForAttemptsAsync(server.Client, ids["jana@acme.example"], 1);
        Assert.Equal("sent", mail.GetProperty("notification").GetProperty("status").GetString());
        Assert.Equal("email", mail.GetProperty("notification").GetProperty("channelType").GetString());
        Assert.Contains("250 2.0.0 queued as test-", mail.GetProperty("attempts")[0].GetProperty("reply").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task E_mail_without_an_smtp_server_fails_saying_which_settings_are_missing()
    {
        var server = Start(configure: Settings(_time, maxAttempts: 1));
        await PutRepositoryAsync(server.Client);

        await EnqueueAsync(server, Notice("alert-1", "breach"));

        var id = (await IdsAsync(server.Client, "alert-1"))["jana@acme.example"];
        var dead = await WaitForAttemptsAsync(server.Client, id, 1);
        Assert.Equal("dead", dead.GetProperty("notification").GetProperty("status").GetString());
        Assert.Equal("no SMTP server is configured: set smtp-host and smtp-from", dead.GetProperty("attempts")[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_channel_that_does_not_exist_fails_its_notification_naming_it()
    {
        var server = Start(configure: Settings(_time, maxAttempts: 1));
        await PutRepositoryAsync(server.Client);

        await EnqueueAsync(server, Notice("alert-1", "warning", 0.75));

        var id = (await IdsAsync(server.Client, "alert-1"))["ops"];
        var dead = await WaitForAttemptsAsync(server.Client, id, 1);
        Assert.Equal("unknown", dead.GetProperty("notification").GetProperty("channelType").GetString());
        Assert.Equal("channel ops is not defined (create it with POST /api/v1/channels)", dead.GetProperty("attempts")[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_secret_appears_in_no_response_and_no_log_line()
    {
        var logs = new LogCapture();
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        receiver.AnswerNext(500);
        var server = await StartWithWebhookAsync(receiver, logs: logs);
        await EnqueueAsync(server, Notice("alert-1", "warning", 0.75));
        await WaitUntilAsync(() => receiver.Received.Count == 1, "the first attempt arrived");
        var id = receiver.Received.First().Delivery;
        await WaitForAttemptsAsync(server.Client, id, 1);
        _time.Advance(TimeSpan.FromSeconds(12));
        await WaitForAttemptsAsync(server.Client, id, 2);

        var texts = new List<string>();
        foreach (var path in new[] { "/api/v1/channels", "/api/v1/channels/ops", "/api/v1/notifications", $"/api/v1/notifications/{id}" })
        {
            texts.Add(await server.Client.GetStringAsync(path));
        }

        Assert.All(texts, t => Assert.DoesNotContain(Secret, t, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains(id, StringComparison.Ordinal) && l.Contains("delivered", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains(id, StringComparison.Ordinal) && l.Contains("failed on attempt 1", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sent_and_failed_deliveries_are_counted_by_channel_type()
    {
        await using var receiver = new WebhookReceiver(Secret);
        await receiver.StartAsync();
        receiver.AnswerNext(500);
        var server = await StartWithWebhookAsync(receiver);
        var factory = server.Services.GetRequiredService<IMeterFactory>();
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == "Pledge.Server" && instrument.Name.StartsWith("pledge.notifications.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var type = tags.ToArray().Single(t => t.Key == "channel_type").Value;
            counts.AddOrUpdate($"{instrument.Name} {type}", value, (_, old) => old + value);
        });
        listener.Start();

        await EnqueueAsync(server, Notice("alert-1", "warning", 0.75));
        await WaitUntilAsync(() => counts.ContainsKey("pledge.notifications.failed webhook"), "the failure was counted");
        _time.Advance(TimeSpan.FromSeconds(12));
        await WaitUntilAsync(() => counts.ContainsKey("pledge.notifications.sent webhook"), "the delivery was counted");

        Assert.Equal(1, counts["pledge.notifications.failed webhook"]);
        Assert.Equal(1, counts["pledge.notifications.sent webhook"]);
    }
}
