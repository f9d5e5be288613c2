using System.Net;
using System.Text.Json;
using Pledge.Testing;

namespace Pledge.Server.Tests;

/// <summary>The reads: a ticket's clocks, attainment, breaches, clocks at risk, budgets — slices of the report's own objects.</summary>
public abstract class ReadsApiTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string At = "2026-11-30T18:00:00%2B01:00";

    [Fact]
    public async Task Breaches_are_the_reports_breaches_and_the_measure_targets_missed()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);

        var breaches = await GetAsync(server, $"/api/v1/breaches?period=2026-11&at={At}");
        var report = await GetAsync(server, $"/api/v1/report?period=2026-11&at={At}");

        Assert.True(breaches.GetProperty("tickets").GetArrayLength() > 0);
        Assert.Equal(Compact(report.GetProperty("breaches")), Compact(breaches.GetProperty("tickets")));
        Assert.Contains(breaches.GetProperty("missed").EnumerateArray(), m => Text(m, "customer") == "globex" && Text(m, "target") == "delivery");
    }

    [Fact]
    public async Task A_customer_filter_narrows_every_read_to_that_customer()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        var report = await GetAsync(server, $"/api/v1/report?period=2026-11&at={At}");

        var breaches = await GetAsync(server, $"/api/v1/breaches?period=2026-11&at={At}&customer=acme");
        var attainment = await GetAsync(server, $"/api/v1/attainment?period=2026-11&at={At}&customer=acme&groupBy=customer");
        var budgets = await GetAsync(server, $"/api/v1/budgets?period=2026-11&at={At}&customer=acme");

        Assert.Equal(report.GetProperty("breaches").EnumerateArray().Count(b => Text(b, "customer") == "acme"), breaches.GetProperty("tickets").GetArrayLength());
        Assert.All(breaches.GetProperty("tickets").EnumerateArray(), b => Assert.Equal("acme", Text(b, "customer")));
        Assert.All(breaches.GetProperty("missed").EnumerateArray(), b => Assert.Equal("acme", Text(b, "customer")));
        Assert.Equal(["acme"], attainment.GetProperty("tickets").EnumerateArray().Select(r => Text(r, "customer")));
        Assert.All(attainment.GetProperty("measures").EnumerateArray(), m => Assert.Equal("acme", Text(m, "customer")));
        Assert.All(budgets.GetProperty("tickets").EnumerateArray(), b => Assert.Equal("acme", Text(b, "customer")));
        Assert.NotEmpty(budgets.GetProperty("measures").EnumerateArray());
    }

    [Fact]
    public async Task Attainment_groups_the_reports_rows_as_asked()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        var rows = (await GetAsync(server, $"/api/v1/report?period=2026-11&at={At}")).GetProperty("attainment").EnumerateArray().ToList();

        var byCustomer = await GetAsync(server, $"/api/v1/attainment?period=2026-11&at={At}&groupBy=customer");
        var byTarget = await GetAsync(server, $"/api/v1/attainment?period=2026-11&at={At}&groupBy=agreement,target");

        foreach (var row in byCustomer.GetProperty("tickets").EnumerateArray())
        {
            var mine = rows.Where(r => Text(r, "customer") == Text(row, "customer")).ToList();
            Assert.Equal((mine.Sum(r => r.GetProperty("met").GetInt32()), mine.Sum(r => r.GetProperty("total").GetInt32())), (row.GetProperty("met").GetInt32(), row.GetProperty("total").GetInt32()));
        }

        Assert.Equal(rows.Select(r => Text(r, "customer")).Distinct().Count(), byCustomer.GetProperty("tickets").GetArrayLength());
        Assert.Equal(rows.Select(r => (Text(r, "agreement"), Text(r, "target"))).Distinct().Count(), byTarget.GetProperty("tickets").GetArrayLength());
        Assert.All(byTarget.GetProperty("tickets").EnumerateArray(), r => Assert.Equal(JsonValueKind.Number, r.GetProperty("objective").ValueKind));
        Assert.Contains(byCustomer.GetProperty("measures").EnumerateArray(), m => Text(m, "customer") == "globex" && Text(m, "target") == "delivery" && Text(m, "verdict") == "missed");
    }

    [Fact]
    public async Task Clocks_at_risk_are_the_reports_clocks_at_risk()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        const string at = "2026-11-18T11:00:00%2B01:00";

        var atRisk = await GetAsync(server, $"/api/v1/at-risk?at={at}");
        var report = await GetAsync(server, $"/api/v1/report?period=30d&at={at}");

        Assert.True(atRisk.GetProperty("atRisk").GetArrayLength() > 0, atRisk.ToString());
        Assert.Equal(Compact(report.GetProperty("atRisk")), Compact(atRisk.GetProperty("atRisk")));
    }

    [Fact]
    public async Task Budgets_list_every_ticket_target_per_customer_and_the_measure_budgets_with_burn_rates()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        var rows = (await GetAsync(server, $"/api/v1/report?period=2026-11&at={At}")).GetProperty("attainment").EnumerateArray().ToList();

        var budgets = await GetAsync(server, $"/api/v1/budgets?period=2026-11&at={At}");

        Assert.Equal(rows.Select(r => (Text(r, "customer"), Text(r, "agreement"), Text(r, "target"))).Distinct().Count(), budgets.GetProperty("tickets").GetArrayLength());
        var availability = budgets.GetProperty("measures").EnumerateArray().First(m => Text(m, "kind") == "availability");
        Assert.Equal("minutes", Text(availability.GetProperty("budget"), "unit"));
        Assert.NotEqual(JsonValueKind.Null, availability.GetProperty("burn").ValueKind);
    }

    [Fact]
    public async Task A_tickets_clocks_are_explained_and_agree_with_the_report()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        var breach = (await GetAsync(server, $"/api/v1/report?period=2026-11&at={At}")).GetProperty("breaches")[0];

        var explained = await GetAsync(server, $"/api/v1/tickets/{Text(breach, "ticket")}/clocks?at={At}");

        Assert.Equal((Text(breach, "ticket"), Text(breach, "customer")), (Text(explained, "ticket"), Text(explained, "customer")));
        var clock = explained.GetProperty("clocks").EnumerateArray().Single(c => Text(c, "target") == $"{Text(breach, "agreement")}/{Text(breach, "target")}");
        Assert.True(clock.GetProperty("breached").GetBoolean());
        Assert.Equal("started", Text(clock.GetProperty("timeline")[0], "step"));
        Assert.Contains(clock.GetProperty("measurements").EnumerateArray(), m => Text(m, "verdict") is "breached" or "open-breached");
        var example = await GetAsync(server, $"/api/v1/tickets/T-1001/clocks?at={At}");
        Assert.Equal("initech", Text(example, "customer"));
        Assert.NotEmpty(example.GetProperty("clocks").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_ticket_is_not_found_naming_it()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);

        var problem = await AssertProblemAsync(await server.Client.GetAsync("/api/v1/tickets/T-none/clocks"), HttpStatusCode.NotFound);

        Assert.Equal(["id"], ErrorFields(problem));
    }

    [Theory]
    [InlineData("/api/v1/attainment?at=2026-11-30T18:00:00Z", "period")]
    [InlineData("/api/v1/attainment?period=2026-11&groupBy=colour", "groupBy")]
    [InlineData("/api/v1/breaches?period=November", "period")]
    [InlineData("/api/v1/budgets?period=2026-11&at=2026-11-30", "at")]
    [InlineData("/api/v1/at-risk?at=tomorrow", "at")]
    [InlineData("/api/v1/tickets/T-1001/clocks?at=2026-11-30T18:00:00", "at")]
    public async Task A_bad_parameter_is_a_bad_request_naming_it(string url, string field)
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);

        Assert.Equal([field], ErrorFields(await AssertProblemAsync(await server.Client.GetAsync(url), HttpStatusCode.BadRequest)));
    }

    [Theory]
    [InlineData("/api/v1/attainment?period=2026-11")]
    [InlineData("/api/v1/breaches?period=2026-11")]
    [InlineData("/api/v1/at-risk")]
    [InlineData("/api/v1/budgets?period=2026-11")]
    [InlineData("/api/v1/tickets/T-1/clocks")]
    public async Task Without_a_repository_a_read_is_a_conflict(string url)
    {
        var server = Start();

        await AssertProblemAsync(await server.Client.GetAsync(url), HttpStatusCode.Conflict);
    }

    private static async Task<JsonElement> GetAsync(PledgeTestServer server, string url)
    {
        var response = await server.Client.GetAsync(url);
        var json = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {json}");
        return json;
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    /// <summary>The JSON without its layout, to compare values.</summary>
    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
