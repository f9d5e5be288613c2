using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Pledge.Server.Notifications;

namespace Pledge.Server.Tests.Notifications;

/// <summary>A small repository with escalation rules, alert notices, and the waits notification tests share.</summary>
internal static class NotificationKit
{
    /// <summary>Where the fake clocks start: Monday 2 November 2026, 12:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    public const string Secret = "s3cret-hmac-key-for-tests-0123456789";

    /// <summary>acme-gold: a 75% warning to <c>ops</c>; a breach to <c>ops</c>, the facilities contacts and <c>managers</c>.</summary>
    public static Dictionary<string, string> Repository() => new(StringComparer.Ordinal)
    {
        ["catalogue.yaml"] = "services:\n  - id: coffee\n",
        ["customers.yaml"] = """
            customers:
              - id: acme
                name: ACME
                contacts:
                  - { name: Jana Richter, email: jana@acme.example, role: facilities }
                  - { name: Max Buyer, email: max@acme.example, role: purchasing }
              - id: globex
            """,
        ["calendars/always.yaml"] = """
            name: always
            timezone: Europe/Berlin
            week:
              monday: ["00:00-24:00"]
              tuesday: ["00:00-24:00"]
              wednesday: ["00:00-24:00"]
              thursday: ["00:00-24:00"]
              friday: ["00:00-24:00"]
              saturday: ["00:00-24:00"]
              sunday: ["00:00-24:00"]
            """,
        ["agreements/acme-gold.yaml"] = """
            id: acme-gold
            kind: sla
            level: customer
            parties: { customer: acme }
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: always
                    thresholds: { P1: 4h }
                escalations:
                  - when: warning 75%
                    notify: [{ channel: ops }]
                  - when: breach
                    notify: [{ channel: ops }, { contacts: customer/facilities }, { channel: managers }]
            """,
    };

    /// <summary>An alert on acme-gold's resolution target for ticket T-42.</summary>
    public static AlertNotice Notice(string alertId, string kind = "breach", double? share = null, string ticket = "T-42", string customer = "acme") => new(
        alertId,
        kind,
        share,
        Instant.FromUtc(2026, 11, 2, 12, 0),
        Instant.FromUtc(2026, 11, 2, 12, 0),
        "acme-gold",
        1,
        "acme-gold/resolution",
        customer,
        "coffee",
        "P1",
        ticket,
        $"ticket {ticket} passed its 4h resolution deadline");

    /// <summary>Server settings for notification tests: a fake clock, short back-off (10 s first, at most 60 s), an SMTP receiver.</summary>
    public static Action<IWebHostBuilder> Settings(FakeTimeProvider time, LogCapture? logs = null, int maxAttempts = 8, int smtpPort = 0, string timeout = "5") => builder =>
    {
        builder.UseSetting("notify-first-retry", "10");
        builder.UseSetting("notify-max-retry", "60");
        builder.UseSetting("notify-max-attempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("notify-timeout", timeout);
        if (smtpPort > 0)
        {
            builder.UseSetting("smtp-host", "127.0.0.1");
            builder.UseSetting("smtp-port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("smtp-from", "pledge@provider.example");
            builder.UseSetting("smtp-tls", "none");
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        }
    };

    /// <summary>Queues <paramref name="notice"/>'s notifications the way the monitor does: in a transaction on the store, then a wake.</summary>
    public static async Task<int> EnqueueAsync(PledgeTestServer server, AlertNotice notice)
    {
        var outbox = server.Services.GetRequiredService<NotificationOutbox>();
        var store = await server.StoreAsync();
        var queued = 0;
        await store.RunInTransactionAsync(async (connection, transaction, token) => queued = await outbox.EnqueueAsync(connection, transaction, notice, token));
        outbox.Wake();
        return queued;
    }

    /// <summary>Waits (up to a minute of real time, polling) until <paramref name="condition"/> holds; fails naming <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"timed out waiting until {what}");
    }

    public static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>GET /api/v1/notifications/{id}: the notification, its payload and its attempts.</summary>
    public static async Task<JsonElement> NotificationAsync(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/v1/notifications/{id}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Waits until notification <paramref name="id"/> has made <paramref name="attempts"/> attempts; returns it.</summary>
    public static async Task<JsonElement> WaitForAttemptsAsync(HttpClient client, string id, int attempts)
    {
        JsonElement found = default;
        await WaitUntilAsync(
            async () =>
            {
                found = await NotificationAsync(client, id);
                return found.GetProperty("attempts").GetArrayLength() >= attempts;
            },
            $"notification {id} has made {attempts} attempt(s)");
        return found;
    }

    /// <summary>The ids of the notifications queued for <paramref name="alertId"/>, by recipient.</summary>
    public static async Task<Dictionary<string, string>> IdsAsync(HttpClient client, string alertId)
    {
        var response = await client.GetAsync($"/api/v1/notifications?alert={alertId}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(n => n.GetProperty("recipient").GetString()!, n => n.GetProperty("id").GetString()!, StringComparer.Ordinal);
    }
}
