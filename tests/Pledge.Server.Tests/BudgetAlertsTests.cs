using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Pledge.Server.Monitoring;
using Pledge.Testing;
using Pledge.Storage;

namespace Pledge.Server.Tests;

/// <summary>
/// Budget alerts of the live monitor on the sample repository with a fake clock. ACME's availability (acme-gold,
/// 99.5% on berlin-office, Mon-Fri 08:00-18:00, outages under 2 minutes ignored) has a budget of 63 minutes in
/// November 2026 (21 working days of 10 hours: 12,600 minutes): 50% is 31.5 minutes, 75% 47.25, 90% 56.7, 100% 63.
/// A full outage of ACME's tea from Monday 30 November 09:00 (+01:00) spends them at 09:31:30, 09:47:15, 09:56:42
/// and 10:03:00.
/// </summary>
public abstract class BudgetAlertsTests<TDatabase> : MonitorTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string Scope = "budget|acme-gold/availability|acme|tea|2026-11";

    private const string OpenOutage = """{"id":"o-1","type":"outage","service":"tea","customer":"acme","start":"2026-11-30T09:00:00+01:00"}""";

    /// <summary>The thresholds' alerts of the open outage, in order, with the instants they fall due.</summary>
    private static readonly (string Id, string Due)[] Predicted =
    [
        ($"{Scope}|50%", "2026-11-30T09:31:30+01:00"),
        ($"{Scope}|75%", "2026-11-30T09:47:15+01:00"),
        ($"{Scope}|90%", "2026-11-30T09:56:42+01:00"),
        ($"{Scope}|100%", "2026-11-30T10:03:00+01:00"),
    ];

    [Fact]
    public async Task An_open_outage_raises_each_budget_threshold_at_its_predicted_instant_once_and_survives_a_restart()
    {
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var server = await StartWithSampleAsync(time, Logs);
        await PostAsync(server, OpenOutage);

        for (var i = 0; i < 2; i++)
        {
            var due = Instant.FromDateTimeOffset(At(Predicted[i].Due));
            await AdvanceToAsync(server, time, due - Duration.FromTicks(1));
            Assert.Equal(Predicted.Take(i).Select(p => p.Id), (await ThresholdAlertsAsync(server)).Select(a => a.Id));

            await AdvanceToAsync(server, time, due);
            var raised = Assert.Single(await ThresholdAlertsAsync(server), a => a.Id == Predicted[i].Id);
            Assert.Equal((due, due), (raised.DueAt, raised.FiredAt));
        }

        // Down from 09:50 to 09:58: the 90% fell due meanwhile and is raised when the monitor starts again, once.
        await AdvanceToAsync(server, time, "2026-11-30T09:50:00+01:00");
        await StopAsync(server);
        time.SetUtcNow(At("2026-11-30T09:58:00+01:00"));
        server = Start(time: time);
        await server.Service<LiveMonitor>().FlushAsync();
        var afterRestart = await ThresholdAlertsAsync(server);
        Assert.Equal(Predicted.Take(3).Select(p => p.Id), afterRestart.Select(a => a.Id));
        Assert.Equal((At(Predicted[2].Due), At("2026-11-30T09:58:00+01:00")), (afterRestart[2].DueAt.ToDateTimeOffset(), afterRestart[2].FiredAt.ToDateTimeOffset()));

        await AdvanceToAsync(server, time, "2026-11-30T10:02:59+01:00");
        Assert.Equal(3, (await ThresholdAlertsAsync(server)).Count);
        await AdvanceToAsync(server, time, "2026-11-30T10:03:00+01:00");
        await AdvanceToAsync(server, time, "2026-11-30T17:00:00+01:00");
        await PostAsync(server, OpenOutage);

        var all = await ThresholdAlertsAsync(server);
        Assert.Equal(Predicted.Select(p => (p.Id, At(p.Due))), all.Select(a => (a.Id, a.DueAt.ToDateTimeOffset())));
        var exhausted = all[^1];
        Assert.Equal((AlertKinds.Budget, "acme-gold", "availability", "acme", "tea", "100%", null, null),
            (exhausted.Kind, exhausted.Agreement, exhausted.Target, exhausted.Customer, exhausted.Service, exhausted.Threshold, exhausted.Priority, exhausted.Ticket));
        Assert.Equal(exhausted.DueAt, exhausted.FiredAt);

        // The alerts API lists them with kind budget.
        var page = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/alerts?kind=budget&customer=acme"));
        Assert.Contains(page.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("id").GetString() == exhausted.Id && a.GetProperty("kind").GetString() == "budget");
    }

    [Fact]
    public async Task An_outage_end_before_a_threshold_stops_the_later_thresholds()
    {
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var server = await StartWithSampleAsync(time, Logs);
        await PostAsync(server, OpenOutage);
        await AdvanceToAsync(server, time, "2026-11-30T09:40:00+01:00");
        await PostAsync(server, """{"id":"o-1-end","type":"outage_end","outage":"o-1","end":"2026-11-30T09:40:00+01:00"}""");

        await AdvanceToAsync(server, time, "2026-11-30T18:00:00+01:00");

        Assert.Equal([Predicted[0].Id], (await ThresholdAlertsAsync(server)).Select(a => a.Id));
        Assert.Equal(0, server.Service<LiveMonitor>().Status.Queued);
    }

    [Fact]
    public async Task An_outage_end_that_arrives_before_its_outage_ends_it_and_nothing_is_predicted()
    {
        var time = new FakeTimeProvider(At("2026-11-30T09:20:00+01:00"));
        var server = await StartWithSampleAsync(time, Logs);
        await PostAsync(server, """{"id":"o-1-end","type":"outage_end","outage":"o-1","end":"2026-11-30T09:10:00+01:00"}""");
        await PostAsync(server, OpenOutage);

        await AdvanceToAsync(server, time, "2026-11-30T18:00:00+01:00");

        Assert.Empty(await ThresholdAlertsAsync(server));
    }

    [Fact]
    public async Task A_closed_outage_learnt_late_raises_at_once_the_thresholds_it_crossed()
    {
        var time = new FakeTimeProvider(At("2026-11-30T12:00:00+01:00"));
        var server = await StartWithSampleAsync(time, Logs);

        // 50 minutes down from 10:00: past 75% (47.25 minutes) at 10:47:15, short of 90%.
        await PostAsync(server, """{"id":"o-2","type":"outage","service":"tea","customer":"acme","start":"2026-11-30T10:00:00+01:00","end":"2026-11-30T10:50:00+01:00"}""");

        var alerts = await ThresholdAlertsAsync(server);
        Assert.Equal(
            [($"{Scope}|50%", At("2026-11-30T10:31:30+01:00")), ($"{Scope}|75%", At("2026-11-30T10:47:15+01:00"))],
            alerts.Select(a => (a.Id, a.DueAt.ToDateTimeOffset())));
        Assert.All(alerts, a => Assert.Equal(At("2026-11-30T12:00:00+01:00"), a.FiredAt.ToDateTimeOffset()));

        // The same event again, and a restart, raise nothing twice.
        await PostAsync(server, """{"id":"o-2","type":"outage","service":"tea","customer":"acme","start":"2026-11-30T10:00:00+01:00","end":"2026-11-30T10:50:00+01:00"}""");
        await StopAsync(server);
        server = Start(time: time);
        await server.Service<LiveMonitor>().FlushAsync();
        await AdvanceToAsync(server, time, "2026-11-30T18:00:00+01:00");
        Assert.Equal(2, (await ThresholdAlertsAsync(server)).Count);
    }

    [Fact]
    public async Task An_escalation_rule_at_budget_75_percent_notifies_for_that_share_only()
    {
        var time = new FakeTimeProvider(At("2026-11-30T12:00:00+01:00"));
        var server = Start(time: time);
        var channel = await server.Client.PostAsync("/api/v1/channels", Json("""{"name":"ops-webhook","type":"webhook","url":"http://127.0.0.1:9/hook","secret":"a-webhook-secret-of-32-characters!"}"""));
        Assert.True(channel.IsSuccessStatusCode, await channel.Content.ReadAsStringAsync());
        var files = Sample.RepositoryFiles();
        var acme = files["agreements/acme-gold.yaml"];
        var targets = acme.IndexOf("    targets:", StringComparison.Ordinal);
        files["agreements/acme-gold.yaml"] = acme[..targets] + "    escalations:\n      - when: budget 75%\n        targets: [availability]\n        notify: [{ channel: ops-webhook }]\n" + acme[targets..];
        var put = await server.Client.PutAsync("/api/v1/repository", Json(System.Text.Json.JsonSerializer.Serialize(new { files })));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await server.Service<LiveMonitor>().FlushAsync();

        await PostAsync(server, """{"id":"o-2","type":"outage","service":"tea","customer":"acme","start":"2026-11-30T10:00:00+01:00","end":"2026-11-30T10:50:00+01:00"}""");

        Assert.Equal(2, (await ThresholdAlertsAsync(server)).Count);
        var queued = (await ReadJsonAsync(await server.Client.GetAsync("/api/v1/notifications?agreement=acme-gold"))).GetProperty("items").EnumerateArray().ToList();
        var notification = Assert.Single(queued);
        Assert.Equal(($"{Scope}|75%", "budget", "ops-webhook", "acme"),
            (notification.GetProperty("alertId").GetString(), notification.GetProperty("alertKind").GetString(), notification.GetProperty("channel").GetString(), notification.GetProperty("customer").GetString()));
    }

    [Fact]
    public async Task Ticket_breaches_that_use_up_a_ticket_targets_budget_raise_budget_alerts()
    {
        // One P1 ticket of ACME, response within 15 minutes at 95%: its breach at 09:15 is the whole budget (0.05 of 1).
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var server = await StartWithSampleAsync(time, Logs);
        await PostAsync(server, """{"id":"t1-1","ticket":"T-1","type":"created","at":"2026-11-30T09:00:00+01:00","customer":"acme","service":"tea","priority":"P1","status":"new"}""");
        await AdvanceToAsync(server, time, "2026-11-30T09:14:59+01:00");
        Assert.Empty(await BudgetAlertsAsync(server, "acme-gold", "response"));

        // The breach at 09:15; ticket budgets are planned at most every 5 seconds, so their alerts come within 5 seconds.
        await AdvanceToAsync(server, time, "2026-11-30T09:15:00+01:00");
        await AdvanceToAsync(server, time, "2026-11-30T09:15:05+01:00");

        var alerts = await BudgetAlertsAsync(server, "acme-gold", "response");
        Assert.Equal(
            ["100%", "50%", "75%", "90%"],
            alerts.Where(a => a.Threshold.EndsWith('%')).Select(a => a.Threshold).Order(StringComparer.Ordinal));
        Assert.All(alerts, a => Assert.Equal(("acme", "*", null), (a.Customer, a.Service, a.Ticket)));
        Assert.All(alerts, a => Assert.InRange(a.FiredAt.ToDateTimeOffset(), At("2026-11-30T09:15:00+01:00"), At("2026-11-30T09:15:05+01:00")));
        Assert.Contains("1 of 1 tickets missed", alerts.Single(a => a.Threshold == "100%").Text, StringComparison.Ordinal);
        Assert.Contains(await ReadAlertsAsync(server), a => a.Id == "T-1|acme-gold/response|1|breach");
    }

    [Fact]
    public async Task A_fast_burn_raises_the_workbook_burn_rate_alerts_once()
    {
        // An outage going on since 09:00, learnt at 09:10: all of the last 5 and 30 minutes down, and 10 of the last hour's
        // 70 minutes of service time: every rule of the workbook fires.
        var time = new FakeTimeProvider(At("2026-11-30T09:10:00+01:00"));
        var server = await StartWithSampleAsync(time, Logs);
        await PostAsync(server, OpenOutage);

        var burns = (await BudgetAlertsAsync(server, "acme-gold", "availability")).Where(a => a.Threshold.StartsWith("burn", StringComparison.Ordinal)).ToList();
        Assert.Equal(["burn 14.4x 1h/5m", "burn 1x 3d/6h", "burn 6x 6h/30m"], burns.Select(a => a.Threshold).Order(StringComparer.Ordinal));
        Assert.All(burns, a => Assert.Equal((At("2026-11-30T09:10:00+01:00"), "acme", "tea"), (a.FiredAt.ToDateTimeOffset(), a.Customer, a.Service)));

        await AdvanceToAsync(server, time, "2026-11-30T09:20:00+01:00");
        await PostAsync(server, """{"id":"o-3","type":"outage","service":"tea","customer":"acme","start":"2026-11-30T09:15:00+01:00","impact":"partial"}""");
        Assert.Equal(3, (await BudgetAlertsAsync(server, "acme-gold", "availability")).Count(a => a.Threshold.StartsWith("burn", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_open_outage_raises_each_burn_rate_alert_at_the_second_its_rule_starts_to_fire()
    {
        // Counted from 09:02 (2 minutes long), then whole. 6x over 6h and 30m: at once, 09:02:00. 1x over 3d and 6h: 3 of
        // the 600 minutes of service since Friday 09:00, 09:03:00 (give or take the second rounding puts it in). 14.4x
        // over 1h and 5m: 4.32 of the last hour's 60 minutes, 09:04:19.2, so the second after, 09:04:20.
        var time = new FakeTimeProvider(At("2026-11-30T09:00:00+01:00"));
        var server = await StartWithSampleAsync(time, Logs);
        await PostAsync(server, OpenOutage);

        await AdvanceToAsync(server, time, "2026-11-30T09:01:59+01:00");
        Assert.Empty(await BurnAlertsAsync(server));
        await AdvanceToAsync(server, time, "2026-11-30T09:02:00+01:00");
        Assert.Equal(["burn 6x 6h/30m"], (await BurnAlertsAsync(server)).Select(a => a.Threshold));

        // From one due instant to the next: each raised at its instant (fired when due), none before.
        var monitor = server.Service<LiveMonitor>();
        var last = Instant.FromDateTimeOffset(At("2026-11-30T09:04:20+01:00"));
        while (monitor.Status.NextDue is { } next && next <= last)
        {
            await AdvanceToAsync(server, time, next);
        }

        var burns = (await BurnAlertsAsync(server)).ToDictionary(a => a.Threshold, a => a);
        Assert.Equal((At("2026-11-30T09:02:00+01:00"), At("2026-11-30T09:04:20+01:00")),
            (burns["burn 6x 6h/30m"].DueAt.ToDateTimeOffset(), burns["burn 14.4x 1h/5m"].DueAt.ToDateTimeOffset()));
        Assert.InRange(burns["burn 1x 3d/6h"].DueAt.ToDateTimeOffset(), At("2026-11-30T09:03:00+01:00"), At("2026-11-30T09:03:01+01:00"));
        Assert.All(burns.Values, a => Assert.Equal(a.DueAt, a.FiredAt));
    }

    [Fact]
    public async Task A_customer_contact_sees_only_its_own_customers_budget_alerts()
    {
        var time = new FakeTimeProvider(At("2026-11-30T12:00:00+01:00"));
        var server = await StartWithSampleAsync(time, Logs);
        await PostAsync(server, """{"id":"o-2","type":"outage","service":"tea","customer":"acme","start":"2026-11-30T10:00:00+01:00","end":"2026-11-30T10:50:00+01:00"}""");
        var (globex, _, _) = await server.ClientForAsync(Pledge.Server.Security.Role.CustomerContact, "globex");
        var (acme, _, _) = await server.ClientForAsync(Pledge.Server.Security.Role.CustomerContact, "acme");

        var theirs = await ReadJsonAsync(await globex.GetAsync("/api/v1/alerts?kind=budget"));
        var ours = await ReadJsonAsync(await acme.GetAsync("/api/v1/alerts?kind=budget"));

        Assert.Empty(theirs.GetProperty("alerts").EnumerateArray());
        Assert.NotEmpty(ours.GetProperty("alerts").EnumerateArray());
        Assert.All(ours.GetProperty("alerts").EnumerateArray(), a => Assert.Equal("acme", a.GetProperty("customer").GetString()));
    }

    private CapturedLogs Logs { get; } = new();

    private static async Task<List<AlertRecord>> ReadAlertsAsync(PledgeTestServer server)
    {
        var store = await server.StoreAsync();
        return [.. await store.Alerts.ReadAsync(new AlertQuery { Limit = AlertQuery.MaxLimit })];
    }

    /// <summary>The budget alerts of ACME's tea availability at a share of the budget, in the order raised.</summary>
    private static async Task<List<AlertRecord>> ThresholdAlertsAsync(PledgeTestServer server) =>
        [.. (await ReadAlertsAsync(server)).Where(a => a.Id.StartsWith(Scope, StringComparison.Ordinal) && a.Threshold.EndsWith('%'))];

    private static async Task<List<AlertRecord>> BudgetAlertsAsync(PledgeTestServer server, string agreement, string target) =>
        [.. (await ReadAlertsAsync(server)).Where(a => a.Kind == AlertKinds.Budget && a.Agreement == agreement && a.Target == target)];

    private static async Task<List<AlertRecord>> BurnAlertsAsync(PledgeTestServer server) =>
        [.. (await BudgetAlertsAsync(server, "acme-gold", "availability")).Where(a => a.Threshold.StartsWith("burn", StringComparison.Ordinal))];
}
