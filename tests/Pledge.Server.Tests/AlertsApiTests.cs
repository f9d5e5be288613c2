using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pledge.Server.Monitoring;
using Pledge.Testing;

namespace Pledge.Server.Tests;

/// <summary><c>GET /api/v1/alerts</c> and <c>GET /api/v1/monitor</c> over alerts the monitor raised on the sample.</summary>
public abstract class AlertsApiTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Alerts_are_listed_by_filter_and_page_with_their_instants()
    {
        var (server, _) = await StartWithAlertsAsync();

        var all = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/alerts?limit=1000"));
        // T-1 (initech: corporate response, update, resolution) 13, T-2 (acme: acme-gold response and resolution, 6h with the
        // default warnings; corporate update) 12; and the budget alerts their breaches raise (BudgetAlertsTests).
        Assert.Equal(25, all.GetProperty("alerts").EnumerateArray().Count(a => a.GetProperty("kind").GetString() != "budget"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("next").ValueKind);

        var breaches = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/alerts?kind=breach&ticket=T-1"));
        var ids = breaches.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal(["T-1|corporate/response|1|breach", "T-1|corporate/update|1|breach", "T-1|corporate/resolution|1|breach"], ids);
        var breach = breaches.GetProperty("alerts")[0];
        Assert.Equal("2026-11-30T09:00:00+00:00", breach.GetProperty("due").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        Assert.Equal(0, breach.GetProperty("lagSeconds").GetDouble());
        Assert.Equal(("initech", "coffee", "P2", "corporate", "response"),
            (breach.GetProperty("customer").GetString(), breach.GetProperty("service").GetString(), breach.GetProperty("priority").GetString(),
             breach.GetProperty("agreement").GetString(), breach.GetProperty("target").GetString()));

        // Acme's ticket has its own agreement's response (P2: 30m) and resolution (P2: 6h) targets.
        var acme = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/alerts?customer=acme&agreement=acme-gold&limit=1000"));
        var acmeClocks = acme.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("kind").GetString() != "budget").ToList();
        Assert.All(acmeClocks, a => Assert.Equal("T-2", a.GetProperty("ticket").GetString()));
        Assert.Equal(8, acmeClocks.Count);

        var since = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/alerts?since=2026-11-30T16:00:00%2B01:00&limit=1000"));
        Assert.All(since.GetProperty("alerts").EnumerateArray(), a => Assert.True(a.GetProperty("fired").GetDateTimeOffset() >= DateTimeOffset.Parse("2026-11-30T15:00:00Z", CultureInfo.InvariantCulture)));
        // T-1's resolution 1h before (16:00), 90% (16:12) and breach (17:00); T-2's resolution breached at 15:00.
        Assert.Equal(3, since.GetProperty("alerts").EnumerateArray().Count(a => a.GetProperty("kind").GetString() != "budget"));

        var seen = new List<string>();
        string url = "/api/v1/alerts?limit=7";
        while (true)
        {
            var page = await ReadJsonAsync(await server.Client.GetAsync(url));
            seen.AddRange(page.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
            if (page.GetProperty("next").ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                break;
            }

            url = $"/api/v1/alerts?limit=7&after={page.GetProperty("next").GetInt64()}";
        }

        Assert.Equal(all.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!), seen);
    }

    [Theory]
    [InlineData("kind=page", "kind")]
    [InlineData("since=yesterday", "since")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=-1", "after")]
    public async Task A_bad_parameter_is_a_problem_naming_it(string query, string field)
    {
        var server = Start();
        var problem = await AssertProblemAsync(await server.Client.GetAsync($"/api/v1/alerts?{query}"), HttpStatusCode.BadRequest);
        Assert.Equal([field], ErrorFields(problem));
    }

    [Fact]
    public async Task The_monitor_shows_its_open_clocks_queue_next_due_instant_and_last_firing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T09:00:00+01:00", CultureInfo.InvariantCulture));
        var server = Start(time: time);
        var before = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/monitor"));
        Assert.Equal(0, before.GetProperty("openClocks").GetInt32());
        await PutSampleRepositoryAsync(server.Client);
        await PostEventsAsync(server.Client, [Created("T-1", "initech")]);
        await server.Service<LiveMonitor>().FlushAsync();

        var monitor = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/monitor"));
        Assert.Equal("running", monitor.GetProperty("state").GetString());
        Assert.Equal(3, monitor.GetProperty("openClocks").GetInt32());
        Assert.Equal(3, monitor.GetProperty("queueSize").GetInt32());
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T08:30:00Z", CultureInfo.InvariantCulture), monitor.GetProperty("nextDue").GetDateTimeOffset());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, monitor.GetProperty("lastFiring").ValueKind);

        // Down for nothing: the first firing is 30 s late because the clock jumps past it.
        time.SetUtcNow(DateTimeOffset.Parse("2026-11-30T09:30:30+01:00", CultureInfo.InvariantCulture));
        await server.Service<LiveMonitor>().FlushAsync();
        monitor = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/monitor"));
        Assert.Equal(30, monitor.GetProperty("lastFiring").GetProperty("lagSeconds").GetDouble());
        Assert.Equal(1, monitor.GetProperty("alertsRaised").GetInt32());
    }

    [Fact]
    public async Task The_monitor_counts_alerts_by_kind_their_lag_and_the_open_clocks_on_the_Pledge_Server_meter()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T09:00:00+01:00", CultureInfo.InvariantCulture));
        var server = Start(time: time);
        var factory = server.Service<IMeterFactory>();
        var raised = new Dictionary<string, long>(StringComparer.Ordinal);
        var lags = new List<double>();
        var open = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this server's meter: other tests' servers run meanwhile in the same process.
            if (instrument.Meter.Name == "Pledge.Server" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "pledge.alerts.raised")
            {
                var kind = (string)tags.ToArray().Single(t => t.Key == "kind").Value!;
                lock (raised)
                {
                    raised[kind] = raised.GetValueOrDefault(kind) + value;
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "pledge.monitor.lag")
            {
                lock (lags)
                {
                    lags.Add(value);
                }
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "pledge.clocks.open")
            {
                open.Add(value);
            }
        });
        listener.Start();

        await PutSampleRepositoryAsync(server.Client);
        await PostEventsAsync(server.Client, [Created("T-1", "initech")]);
        var monitor = server.Service<LiveMonitor>();
        await monitor.FlushAsync();
        listener.RecordObservableInstruments();

        // 10:00: the response's three warnings and its breach, each due at its instant but raised at 10:00.
        time.SetUtcNow(DateTimeOffset.Parse("2026-11-30T10:00:00+01:00", CultureInfo.InvariantCulture));
        await monitor.FlushAsync();

        Assert.Equal([3], open);
        // With the breach the response target's budget for initech is used up (1 of 1 missed at 95%) and burns fast: 50%,
        // 75%, 90%, 100% and the 14.4x burn, raised when planned, at once.
        Assert.Equal(new Dictionary<string, long> { ["warning"] = 3, ["breach"] = 1, ["budget"] = 5 }, raised);
        Assert.Equal([0, 0, 0, 0, 0, 0, 360, 900, 1800], lags.Order());
    }

    /// <summary>The sample with two P2 tickets created Monday 09:00 Berlin, the clock run to Tuesday evening: every alert raised.</summary>
    private async Task<(PledgeTestServer Server, FakeTimeProvider Time)> StartWithAlertsAsync()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T09:00:00+01:00", CultureInfo.InvariantCulture));
        var server = Start(time: time);
        await PutSampleRepositoryAsync(server.Client);
        await PostEventsAsync(server.Client, [Created("T-1", "initech"), Created("T-2", "acme")]);
        await server.Service<LiveMonitor>().FlushAsync();

        // Each due instant in turn, so each alert is raised exactly when due.
        var monitor = server.Service<LiveMonitor>();
        while (monitor.Status.NextDue is { } next)
        {
            time.SetUtcNow(next.ToDateTimeOffset());
            await monitor.FlushAsync();
        }

        return (server, time);
    }

    private static string Created(string ticket, string customer) =>
        $$"""{"id":"{{ticket}}-1","ticket":"{{ticket}}","type":"created","at":"2026-11-30T09:00:00+01:00","customer":"{{customer}}","service":"coffee","priority":"P2","status":"new"}""";
}
