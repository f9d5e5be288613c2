using System.Net;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Pledge.Server.Monitoring;
using Pledge.Testing;
using Pledge.Storage;

namespace Pledge.Server.Tests;

/// <summary>
/// The live monitor on the sample repository with a fake clock: warnings and breaches of a corporate-SLA ticket
/// (initech, coffee, P2: response 1h, update 4h pausable, resolution 8h with 50%, 75%, 90% and 1h before) on the
/// berlin-office calendar (Mon-Fri 08:00-18:00), worked out by hand.
/// </summary>
public abstract class LiveMonitorTests<TDatabase> : MonitorTest<TDatabase> where TDatabase : TestDatabase, new()
{
    // Monday 30 November 2026, Berlin (+01:00).
    private const string Created = """{"id":"t1-1","ticket":"T-1","type":"created","at":"2026-11-30T09:00:00+01:00","customer":"initech","service":"coffee","priority":"P2","status":"new"}""";

    /// <summary>Every alert of T-1 when nothing but its creation happens, in due order (ties in id order).</summary>
    private static readonly (string Id, string Due)[] Untouched =
    [
        ("T-1|corporate/response|1|50%", "2026-11-30T09:30:00+01:00"),
        ("T-1|corporate/response|1|75%", "2026-11-30T09:45:00+01:00"),
        ("T-1|corporate/response|1|90%", "2026-11-30T09:54:00+01:00"),
        ("T-1|corporate/response|1|breach", "2026-11-30T10:00:00+01:00"),
        ("T-1|corporate/update|1|50%", "2026-11-30T11:00:00+01:00"),
        ("T-1|corporate/update|1|75%", "2026-11-30T12:00:00+01:00"),
        ("T-1|corporate/update|1|90%", "2026-11-30T12:36:00+01:00"),
        ("T-1|corporate/resolution|1|50%", "2026-11-30T13:00:00+01:00"),
        ("T-1|corporate/update|1|breach", "2026-11-30T13:00:00+01:00"),
        ("T-1|corporate/resolution|1|75%", "2026-11-30T15:00:00+01:00"),
        ("T-1|corporate/resolution|1|1h before", "2026-11-30T16:00:00+01:00"),
        ("T-1|corporate/resolution|1|90%", "2026-11-30T16:12:00+01:00"),
        ("T-1|corporate/resolution|1|breach", "2026-11-30T17:00:00+01:00"),
    ];

    [Fact]
    public async Task Each_warning_and_breach_fires_at_its_instant_and_not_a_tick_before()
    {
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var server = await StartWithSampleAsync(time);
        await PostAsync(server, Created);

        var fired = 0;
        foreach (var group in Untouched.GroupBy(a => a.Due))
        {
            var due = Instant.FromDateTimeOffset(At(group.Key));
            await AdvanceToAsync(server, time, due - Duration.FromTicks(1));
            Assert.Equal(fired, (await AlertsAsync(server, "T-1")).Count);

            await AdvanceToAsync(server, time, due);
            var alerts = await AlertsAsync(server, "T-1");
            var now = alerts.Skip(fired).ToList();
            Assert.Equal(group.Select(a => a.Id).Order(StringComparer.Ordinal), now.Select(a => a.Id).Order(StringComparer.Ordinal));
            Assert.All(now, a => Assert.Equal((due, due), (a.DueAt, a.FiredAt)));
            fired = alerts.Count;
        }

        Assert.Equal(Untouched.Length, fired);
        var breach = (await AlertsAsync(server, "T-1")).Single(a => a.Id == "T-1|corporate/resolution|1|breach");
        Assert.Equal((AlertKinds.Breach, "corporate", "resolution", "initech", "coffee", "P2", "breach"),
            (breach.Kind, breach.Agreement, breach.Target, breach.Customer, breach.Service, breach.Priority, breach.Threshold));

        // Nothing is left to fire, and a day later nothing more has.
        await AdvanceToAsync(server, time, Instant.FromDateTimeOffset(At("2026-12-01T18:00:00+01:00")));
        Assert.Equal(Untouched.Length, (await AlertsAsync(server, "T-1")).Count);
        var monitor = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/monitor"));
        Assert.Equal("running", monitor.GetProperty("state").GetString());
        Assert.Equal(3, monitor.GetProperty("openClocks").GetInt32());
        Assert.Equal(0, monitor.GetProperty("queueSize").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, monitor.GetProperty("nextDue").ValueKind);
        // Every alert stored was raised by this monitor: the clock's and the budget alerts its breaches raise (BudgetAlertsTests).
        var stored = await (await server.StoreAsync()).Alerts.CountByKindAsync();
        Assert.Equal(stored.Values.Sum(), monitor.GetProperty("alertsRaised").GetInt64());
        Assert.Equal(Untouched.Length, stored[AlertKinds.Warning] + stored[AlertKinds.Breach]);
        Assert.Equal(0, monitor.GetProperty("lastFiring").GetProperty("lagSeconds").GetDouble());
    }

    [Fact]
    public async Task A_threshold_used_up_at_the_evening_close_breaches_at_the_next_opening()
    {
        // Created Monday 10:00: the 8h resolution is used up exactly at 18:00, the close. The breach is the next instant
        // the clock runs, Tuesday 08:00; one business hour before the deadline is 17:00.
        var time = new FakeTimeProvider(At("2026-11-30T10:00:00+01:00"));
        var server = await StartWithSampleAsync(time);
        await PostAsync(server, Created.Replace("09:00:00", "10:00:00", StringComparison.Ordinal));

        // Step from one due instant to the next up to Tuesday 07:59:59: the warnings fire at theirs, no breach at the close.
        var monitor = server.Service<LiveMonitor>();
        var morning = Instant.FromDateTimeOffset(At("2026-12-01T07:59:59+01:00"));
        while (monitor.Status.NextDue is { } next && next < morning)
        {
            await AdvanceToAsync(server, time, next);
        }

        await AdvanceToAsync(server, time, morning);
        Assert.All(await AlertsAsync(server, "T-1", "resolution"), a => Assert.Equal(a.DueAt, a.FiredAt));
        Assert.Equal(
            [("T-1|corporate/resolution|1|1h before", "2026-11-30T16:00:00Z"), ("T-1|corporate/resolution|1|50%", "2026-11-30T13:00:00Z"),
             ("T-1|corporate/resolution|1|75%", "2026-11-30T15:00:00Z"), ("T-1|corporate/resolution|1|90%", "2026-11-30T16:12:00Z")],
            (await AlertsAsync(server, "T-1", "resolution")).Select(a => (a.Id, a.DueAt.ToString())).Order());

        await AdvanceToAsync(server, time, "2026-12-01T08:00:00+01:00");
        var breach = (await AlertsAsync(server, "T-1", "resolution")).Single(a => a.Kind == AlertKinds.Breach);
        Assert.Equal(("2026-12-01T07:00:00Z", "2026-12-01T07:00:00Z"), (breach.DueAt.ToString(), breach.FiredAt.ToString()));
        Assert.EndsWith("deadline 2026-11-30T17:00:00Z", breach.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pause_moves_the_resolution_deadline_and_the_resolution_removes_what_is_left()
    {
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var server = await StartWithSampleAsync(time);
        await PostAsync(server, Created);

        // Paused at 12:00 with 3h of 8h used: the 50% warning due at 13:00 does not come.
        await AdvanceToAsync(server, time, "2026-11-30T12:00:00+01:00");
        await PostAsync(server, """{"id":"t1-2","ticket":"T-1","type":"status_changed","at":"2026-11-30T12:00:00+01:00","status":"waiting-customer"}""");
        await AdvanceToAsync(server, time, "2026-11-30T17:00:00+01:00");
        Assert.Empty(await AlertsAsync(server, "T-1", "resolution"));
        var monitor = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/monitor"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, monitor.GetProperty("nextDue").ValueKind);

        // Resumed at 17:00: 5h left, 1h on Monday and 4h on Tuesday, so the deadline moves to Tuesday 12:00.
        await PostAsync(server, """{"id":"t1-3","ticket":"T-1","type":"status_changed","at":"2026-11-30T17:00:00+01:00","status":"in-progress"}""");
        await AdvanceToAsync(server, time, "2026-11-30T18:00:00+01:00");
        Assert.Equal(["T-1|corporate/resolution|1|50%"], (await AlertsAsync(server, "T-1", "resolution")).Select(a => a.Id));
        await AdvanceToAsync(server, time, "2026-12-01T10:00:00+01:00");

        // Resolved at 10:30: the 1h-before (11:00), 90% (11:12) and breach (12:00) never come.
        await AdvanceToAsync(server, time, "2026-12-01T10:30:00+01:00");
        await PostAsync(server, """{"id":"t1-4","ticket":"T-1","type":"resolved","at":"2026-12-01T10:30:00+01:00"}""");
        await AdvanceToAsync(server, time, "2026-12-02T18:00:00+01:00");

        var resolution = await AlertsAsync(server, "T-1", "resolution");
        Assert.Equal(
            [("T-1|corporate/resolution|1|50%", "2026-11-30T17:00:00Z"), ("T-1|corporate/resolution|1|75%", "2026-12-01T09:00:00Z")],
            resolution.Select(a => (a.Id, a.DueAt.ToString())));
        Assert.All(resolution, a => Assert.Equal(a.DueAt, a.FiredAt));
        monitor = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/monitor"));
        Assert.Equal(0, monitor.GetProperty("openClocks").GetInt32());
        Assert.Equal(0, monitor.GetProperty("queueSize").GetInt32());
    }

    [Fact]
    public async Task A_late_creation_raises_at_once_what_fell_due_and_a_late_resolution_stops_the_rest()
    {
        var time = new FakeTimeProvider(At("2026-11-30T12:00:00+01:00"));
        var server = await StartWithSampleAsync(time);

        // Created at 09:00, learnt at 12:00: the response warnings and breach and the update's 50% and 75% are due.
        await PostAsync(server, Created);
        var late = await AlertsAsync(server, "T-1");
        var noon = Instant.FromDateTimeOffset(At("2026-11-30T12:00:00+01:00"));
        Assert.Equal(Untouched.Take(6).Select(a => a.Id).Order(StringComparer.Ordinal), late.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.All(late, a => Assert.Equal(noon, a.FiredAt));
        Assert.All(late, a => Assert.Equal(Instant.FromDateTimeOffset(At(Untouched.Single(u => u.Id == a.Id).Due)), a.DueAt));

        // The same events again, and a restart, raise nothing twice.
        await PostAsync(server, Created);
        await StopAsync(server);
        server = Start(time: time);
        await server.Service<LiveMonitor>().FlushAsync();
        Assert.Equal(6, (await AlertsAsync(server, "T-1")).Count);

        // Resolved at 11:30, learnt at 12:10: every clock stopped before now, so nothing more ever comes.
        await AdvanceToAsync(server, time, "2026-11-30T12:10:00+01:00");
        await PostAsync(server, """{"id":"t1-9","ticket":"T-1","type":"resolved","at":"2026-11-30T11:30:00+01:00"}""");
        await AdvanceToAsync(server, time, "2026-12-01T18:00:00+01:00");
        Assert.Equal(6, (await AlertsAsync(server, "T-1")).Count);
    }

    [Fact]
    public async Task A_restart_raises_once_what_fell_due_while_the_server_was_down()
    {
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var server = await StartWithSampleAsync(time);
        await PostAsync(server, Created);
        await AdvanceToAsync(server, time, "2026-11-30T09:50:00+01:00");
        Assert.Equal(2, (await AlertsAsync(server, "T-1")).Count);
        await StopAsync(server);

        // Down from 09:50 to 12:10: the response's 90% and breach, and the update's 50% and 75%, fell due meanwhile.
        time.SetUtcNow(At("2026-11-30T12:10:00+01:00"));
        server = Start(time: time);
        await server.Service<LiveMonitor>().FlushAsync();
        var alerts = await AlertsAsync(server, "T-1");
        Assert.Equal(Untouched.Take(6).Select(a => a.Id).Order(StringComparer.Ordinal), alerts.Select(a => a.Id).Order(StringComparer.Ordinal));
        var restart = Instant.FromDateTimeOffset(At("2026-11-30T12:10:00+01:00"));
        Assert.Equal(4, alerts.Count(a => a.FiredAt == restart));

        await AdvanceToAsync(server, time, "2026-11-30T18:00:00+01:00");
        Assert.Equal(Untouched.Length, (await AlertsAsync(server, "T-1")).Count);
    }

    [Fact]
    public async Task A_new_repository_rebuilds_the_queue_with_its_targets()
    {
        // Version 2 of the corporate terms ends on 29 November; version 3, a draft until it is agreed below, makes the
        // P2 resolution target 2h with one warning at 50%: due 10:00 and 11:00 for a ticket created at 09:00.
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var server = Start(time: time);
        var files = Sample.RepositoryFiles();
        var corporate = files["agreements/corporate.yaml"];
        var second = corporate[corporate.IndexOf("  - version: 2", StringComparison.Ordinal)..corporate.IndexOf("  - version: 1", StringComparison.Ordinal)];
        var third = second.Replace("version: 2", "version: 3", StringComparison.Ordinal)
            .Replace("status: active", "status: draft", StringComparison.Ordinal)
            .Replace("effective: { from: 2026-07-01 }", "effective: { from: 2026-11-30 }", StringComparison.Ordinal)
            .Replace("thresholds: { P1: 4h, P2: 8h, P3: 24h, P4: 40h }", "thresholds: { P1: 4h, P2: 2h, P3: 24h, P4: 40h }", StringComparison.Ordinal)
            .Replace("warnings: [50%, 75%, 90%, 1h before]", "warnings: [50%]", StringComparison.Ordinal);
        files["agreements/corporate.yaml"] = corporate.Replace(second, third + second.Replace("effective: { from: 2026-07-01 }", "effective: { from: 2026-07-01, until: 2026-11-29 }", StringComparison.Ordinal), StringComparison.Ordinal);
        var put = await server.Client.PutAsync("/api/v1/repository", Json(System.Text.Json.JsonSerializer.Serialize(new { files })));
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        await server.Service<LiveMonitor>().FlushAsync();
        await PostAsync(server, Created);

        var response = await server.Client.PostAsync("/api/v1/agreements/corporate/transitions", Json("""{"version": 3, "to": "agreed"}"""));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        await AdvanceToAsync(server, time, "2026-11-30T11:00:00+01:00");
        Assert.Equal(
            [("T-1|corporate/resolution|1|50%", "2026-11-30T09:00:00Z"), ("T-1|corporate/resolution|1|breach", "2026-11-30T10:00:00Z")],
            (await AlertsAsync(server, "T-1", "resolution")).Select(a => (a.Id, a.DueAt.ToString())));
    }

    private static async Task<List<AlertRecord>> AlertsAsync(PledgeTestServer server, string ticket, string? target = null)
    {
        var store = await server.StoreAsync();
        var alerts = await store.Alerts.ReadAsync(new AlertQuery { Ticket = ticket, Limit = AlertQuery.MaxLimit });
        return [.. alerts.Where(a => target is null || a.Target == target)];
    }
}
