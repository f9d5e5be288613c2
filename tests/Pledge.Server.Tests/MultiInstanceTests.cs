using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NodaTime;
using Pledge.Server.Monitoring;
using Pledge.Storage;
using Pledge.Testing;

namespace Pledge.Server.Tests;

public sealed class MultiInstanceTestsOnSqlite : MultiInstanceTests<SqliteTestDatabase>;

public sealed class MultiInstanceTestsOnPostgres : MultiInstanceTests<PostgresTestDatabase>;

/// <summary>
/// Two server instances on one database behave as one: events and repositories stored through one re-plan the other's
/// live monitor, woken by the database on PostgreSQL and by its short interval on SQLite.
/// </summary>
public abstract class MultiInstanceTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    // Monday 30 November 2026, Berlin: the corporate SLA gives a P2 ticket a 1h response (50%, 75%, 90%, breach).
    private const string Created = """{"id":"t1-1","ticket":"T-1","type":"created","at":"2026-11-30T09:00:00+01:00","customer":"initech","service":"coffee","priority":"P2","status":"new"}""";

    [Fact]
    public async Task An_event_posted_to_one_instance_is_planned_by_the_other_which_raises_its_alerts_alone()
    {
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var one = Start(time: time);
        var other = Start(time: time);
        await PutSampleRepositoryAsync(one.Client);
        await HearAsync(other, time, () => other.Service<LiveMonitor>().Status.State == "running");

        var response = await one.Client.PostAsync("/api/v1/events", Json("[" + Created + "]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Without a flush: the database's notification (PostgreSQL) or the interval (SQLite) wakes the other.
        await HearAsync(other, time, () => other.Service<LiveMonitor>().Status.OpenClocks == 3);
        await StopAsync(one);
        time.SetUtcNow(At("2026-11-30T10:00:00+01:00"));
        await other.Service<LiveMonitor>().FlushAsync();

        var store = await other.StoreAsync();
        var alerts = await store.Alerts.ReadAsync(new AlertQuery { Ticket = "T-1", Limit = AlertQuery.MaxLimit });
        Assert.Equal(
            ["T-1|corporate/response|1|50%", "T-1|corporate/response|1|75%", "T-1|corporate/response|1|90%", "T-1|corporate/response|1|breach"],
            alerts.Select(a => a.Id).Order(StringComparer.Ordinal));
        // The other raised them all: the ticket's four and the budget alerts of its breach (BudgetAlertsTests).
        Assert.Equal((await store.Alerts.CountByKindAsync()).Values.Sum(), other.Service<LiveMonitor>().Status.Raised);
    }

    [Fact]
    public async Task An_event_posted_to_an_instance_is_planned_there_at_once_with_no_time_passing()
    {
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var server = Start(time: time);
        await PutSampleRepositoryAsync(server.Client);
        await server.Service<LiveMonitor>().FlushAsync();

        await PostEventsAsync(server.Client, [Created]);

        // No flush and the fake clock never moves: only the append's own wake can get the ticket planned.
        for (var i = 0; i < 600 && server.Service<LiveMonitor>().Status.OpenClocks != 3; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(3, server.Service<LiveMonitor>().Status.OpenClocks);
    }

    [Fact]
    public async Task A_resolution_posted_to_one_instance_stops_the_alerts_the_other_had_planned()
    {
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var one = Start(time: time);
        var other = Start(time: time);
        await PutSampleRepositoryAsync(one.Client);
        await PostEventsAsync(one.Client, [Created]);
        await other.Service<LiveMonitor>().FlushAsync();
        Assert.Equal(3, other.Service<LiveMonitor>().Status.OpenClocks);

        await PostEventsAsync(one.Client, ["""{"id":"t1-2","ticket":"T-1","type":"resolved","at":"2026-11-30T09:10:00+01:00"}"""]);
        time.SetUtcNow(At("2026-11-30T09:10:00+01:00"));
        await HearAsync(other, time, () => other.Service<LiveMonitor>().Status.OpenClocks == 0);
        time.SetUtcNow(At("2026-11-30T18:00:00+01:00"));
        await other.Service<LiveMonitor>().FlushAsync();
        await one.Service<LiveMonitor>().FlushAsync();

        Assert.Empty(await (await other.StoreAsync()).Alerts.ReadAsync(new AlertQuery { Ticket = "T-1" }));
    }

    [Fact]
    public async Task An_open_outage_posted_to_one_instance_has_the_other_raise_its_budget_alert_at_the_predicted_instant()
    {
        // ACME's availability budget in November is 63 minutes: a full outage of its tea from 09:00 spends half of it
        // at 09:31:30 (BudgetAlertsTests).
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var one = Start(time: time);
        var other = Start(time: time);
        await PutSampleRepositoryAsync(one.Client);
        await HearAsync(other, time, () => other.Service<LiveMonitor>().Status.State == "running");
        time.SetUtcNow(At("2026-11-30T09:10:00+01:00"));

        var response = await one.Client.PostAsync("/api/v1/events", Json("""{"id":"o-1","type":"outage","service":"tea","customer":"acme","start":"2026-11-30T09:00:00+01:00"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var halfSpent = Instant.FromDateTimeOffset(At("2026-11-30T09:31:30+01:00"));
        await HearAsync(other, time, () => other.Service<LiveMonitor>().Status.NextDue == halfSpent);
        await StopAsync(one);
        time.SetUtcNow(At("2026-11-30T09:31:30+01:00"));
        await other.Service<LiveMonitor>().FlushAsync();

        // The first instance was stopped before 09:31:30: the other raised the half-spent alert (the burn-rate ones
        // fell due at once, raised by whichever instance came first).
        var store = await other.StoreAsync();
        var budget = await store.Alerts.ReadAsync(new AlertQuery { Kind = AlertKinds.Budget, Limit = AlertQuery.MaxLimit });
        var alert = Assert.Single(budget, a => a.Threshold == "50%");
        Assert.Equal("budget|acme-gold/availability|acme|tea|2026-11|50%", alert.Id);
        Assert.Equal(halfSpent, alert.FiredAt);
        Assert.DoesNotContain(budget, a => a.Threshold is "75%" or "90%" or "100%");
    }

    /// <summary>Waits (real time, polling) until <paramref name="heard"/>; on SQLite the other's interval is moved on
    /// the fake clock, as time would pass; on PostgreSQL the clock stays put, so only a notification can wake it.</summary>
    private async Task HearAsync(PledgeTestServer server, FakeTimeProvider time, Func<bool> heard)
    {
        if (Database.Kind == StoreKind.Sqlite)
        {
            time.Advance(EventFollower.SqliteInterval);
        }

        for (var i = 0; i < 600 && !heard(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(heard(), "the other instance did not hear of it within 30 seconds");
        await server.Service<LiveMonitor>().FlushAsync();
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>
/// PostgreSQL hands out sequences when a transaction inserts and shows them when it commits, so a lower sequence can
/// appear after a higher one: the follower reads the hole again and the late event is planned, on the database's
/// notification alone.
/// </summary>
public sealed class EventFollowerOnPostgresTests : ServerTest<PostgresTestDatabase>
{
    [Fact]
    public async Task An_event_committed_after_a_later_sequence_is_still_planned()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T09:00:00+01:00", CultureInfo.InvariantCulture));
        var server = Start(time: time);
        await PutSampleRepositoryAsync(server.Client);
        await server.Service<LiveMonitor>().FlushAsync();

        // Another process takes a sequence for T-2 and holds its transaction open ...
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO events (id, type, subject, at, received_at, body) VALUES ('t2-1', 'created', 'T-2', @at, @at, @body)", connection, transaction))
        {
            insert.Parameters.AddWithValue("at", Instant.FromUtc(2026, 11, 30, 8, 0).ToUnixTimeTicks());
            insert.Parameters.AddWithValue("body", """{"id":"t2-1","ticket":"T-2","type":"created","at":"2026-11-30T09:00:00+01:00","customer":"initech","service":"coffee","priority":"P2","status":"new"}""");
            await insert.ExecuteNonQueryAsync();
        }

        // ... while T-1, with a higher sequence, is appended through the server, which takes it without reading it back.
        await PostEventsAsync(server.Client, ["""{"id":"t1-1","ticket":"T-1","type":"created","at":"2026-11-30T09:00:00+01:00","customer":"initech","service":"coffee","priority":"P2","status":"new"}"""]);
        await UntilAsync(() => server.Service<LiveMonitor>().Status.OpenClocks == 3);

        // No flush and no time passing (no interval): the commit's notification names a sequence in the hole.
        await transaction.CommitAsync();
        await UntilAsync(() => server.Service<LiveMonitor>().Status.OpenClocks == 6);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "not within 30 seconds");
    }
}
