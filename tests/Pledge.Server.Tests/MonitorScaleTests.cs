using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Text;
using Pledge.Server.Monitoring;
using Pledge.Testing;
using Pledge.Storage;

namespace Pledge.Server.Tests;

/// <summary>
/// 100,000 open clocks driven by a fake clock through every instant an alert falls due, with a restart in the
/// middle: each warning and breach is raised exactly once, at its instant (or, for those that fell due while the
/// server was down, when it started again), and never before.
/// </summary>
public abstract class MonitorScaleTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const int Tickets = 100_000;

    // One resolution target of 8h, warned at 75%, counted around the clock: by hand, a ticket created at c warns at
    // c + 6h and breaches at c + 8h.
    private static readonly Dictionary<string, string> Repository = new(StringComparer.Ordinal)
    {
        ["catalogue.yaml"] = "services:\n  - { id: email, name: E-mail }\n",
        ["customers.yaml"] = "customers:\n  - { id: c1, name: Customer one }\n",
        ["calendars/always.yaml"] = """
            name: always
            timezone: UTC
            week:
              monday:    ["00:00-24:00"]
              tuesday:   ["00:00-24:00"]
              wednesday: ["00:00-24:00"]
              thursday:  ["00:00-24:00"]
              friday:    ["00:00-24:00"]
              saturday:  ["00:00-24:00"]
              sunday:    ["00:00-24:00"]
            """,
        ["agreements/sla.yaml"] = """
            id: sla
            kind: sla
            level: corporate
            timezone: UTC
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - id: resolution
                    kind: resolution
                    calendar: always
                    thresholds: { P1: 8h }
                    objective: 95%
                    warnings: [75%]
            """,
    };

    private static readonly Instant Start0 = Instant.FromUtc(2026, 11, 30, 0, 0);

    [Fact]
    public async Task Every_warning_and_breach_of_100000_clocks_fires_once_at_its_instant_across_a_restart()
    {
        // Tickets are created one a minute in turn over four hours; the server starts once all are created.
        var expected = new Dictionary<string, Instant>(2 * Tickets, StringComparer.Ordinal);
        var events = new List<IncomingEvent>(Tickets);
        for (var i = 0; i < Tickets; i++)
        {
            var created = Start0 + Duration.FromMinutes(i % 240);
            var ticket = $"S-{i}";
            var line = $$"""{"id":"c-{{i}}","ticket":"{{ticket}}","type":"created","at":"{{InstantPattern.ExtendedIso.Format(created)}}","customer":"c1","service":"email","priority":"P1","status":"new"}""";
            events.Add(new IncomingEvent($"c-{i}", "created", ticket, created, line));
            expected[$"{ticket}|sla/resolution|1|75%"] = created + Duration.FromHours(6);
            expected[$"{ticket}|sla/resolution|1|breach"] = created + Duration.FromHours(8);
        }

        var time = new FakeTimeProvider((Start0 + Duration.FromHours(4)).ToDateTimeOffset());
        var server = Start(time: time);
        var store = await server.StoreAsync();
        foreach (var batch in events.Chunk(EventStore.MaxBatchSize))
        {
            await store.Events.AppendAsync(batch);
        }

        var put = await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files = Repository })));
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var monitor = server.Service<LiveMonitor>();
        await monitor.FlushAsync();
        Assert.Equal((Tickets, Tickets, 0L), (monitor.Status.OpenClocks, monitor.Status.Queued, await ClockAlertsAsync(store)));

        var instants = expected.Values.Distinct().Order().ToList();
        var stop = Start0 + Duration.FromHours(9);
        var restart = stop + Duration.FromMinutes(30);
        var dueBy = instants.ToDictionary(i => i, _ => 0);
        foreach (var due in expected.Values)
        {
            dueBy[due]++;
        }

        long raisedBefore = 0;
        long expectedRaised = 0;
        foreach (var instant in instants.Where(i => i <= stop))
        {
            // A tick before the instant nothing new is raised; at the instant everything due is, however many.
            await AdvanceToAsync(time, monitor, instant - Duration.FromTicks(1));
            Assert.Equal(expectedRaised, await ClockAlertsAsync(store));
            await AdvanceToAsync(time, monitor, instant);
            expectedRaised += dueBy[instant];
            Assert.Equal(expectedRaised, await ClockAlertsAsync(store));
        }

        raisedBefore = await ClockAlertsAsync(store);
        await StopAsync(server);

        // Down from 09:00 to 09:30: a new server on the same database raises what fell due meanwhile, once.
        time.SetUtcNow(restart.ToDateTimeOffset());
        server = Start(time: time);
        monitor = server.Service<LiveMonitor>();
        store = await server.StoreAsync();
        await monitor.FlushAsync();
        var overdue = expected.Values.Count(d => d > stop && d <= restart);
        Assert.True(overdue > 0);
        Assert.Equal(raisedBefore + overdue, await ClockAlertsAsync(store));
        expectedRaised = overdue;
        foreach (var instant in instants.Where(i => i > restart))
        {
            await AdvanceToAsync(time, monitor, instant);
            expectedRaised += dueBy[instant];
            Assert.Equal(raisedBefore + expectedRaised, await ClockAlertsAsync(store));
        }

        Assert.Equal(2 * Tickets, await ClockAlertsAsync(store));
        Assert.Equal(0, monitor.Status.Queued);

        // Every alert is stored once, due when worked out by hand, raised then (or at the restart if it fell due while down).
        store = await server.StoreAsync();
        var seen = 0;
        long? after = null;
        while (true)
        {
            var page = await store.Alerts.ReadAsync(new AlertQuery { After = after, Limit = AlertQuery.MaxLimit });
            foreach (var alert in page.Where(a => a.Kind != AlertKinds.Budget))
            {
                Assert.True(expected.Remove(alert.Id, out var due), $"{alert.Id} is not expected, or came twice");
                Assert.Equal(due, alert.DueAt);
                Assert.Equal(due > stop && due <= restart ? restart : due, alert.FiredAt);
                seen++;
            }

            if (page.Count < AlertQuery.MaxLimit)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        Assert.Equal(2 * Tickets, seen);
        Assert.Empty(expected);
    }

    /// <summary>The warnings and breaches stored (the ticket target's budget alerts, raised alongside, left out).</summary>
    private static async Task<long> ClockAlertsAsync(PledgeStore store)
    {
        var counts = await store.Alerts.CountByKindAsync();
        return counts.GetValueOrDefault(AlertKinds.Warning) + counts.GetValueOrDefault(AlertKinds.Breach);
    }

    private static async Task AdvanceToAsync(FakeTimeProvider time, LiveMonitor monitor, Instant instant)
    {
        time.SetUtcNow(instant.ToDateTimeOffset());
        await monitor.FlushAsync();
    }
}
