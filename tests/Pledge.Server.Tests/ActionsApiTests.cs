using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pledge.Server.Actions;
using Pledge.Testing;

namespace Pledge.Server.Tests;

/// <summary><c>/api/v1/actions</c>: opening by hand, validation, status rules, edits, links, overdue, and the report.</summary>
public abstract class ActionsApiTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    /// <summary>2026-12-02T09:00Z: November is over everywhere.</summary>
    private static readonly DateTimeOffset December = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private const string Hand = """{"customer":"acme","title":"Stock spare seals","agreement":"acme-gold","target":"resolution","service":"coffee","owner":"machine-repair","due":"2026-12-04","rootCause":"worn seals","links":[{"target":"acme-gold/resolution","ticket":"T-7-000279"}]}""";

    private readonly FakeClock _clock = new(December);

    [Fact]
    public async Task An_action_opened_by_hand_is_stored_with_its_history_and_read_back()
    {
        var server = await StartWithRepositoryAsync();

        var response = await server.Client.PostAsync("/api/v1/actions", Json(Hand));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await ReadJsonAsync(response);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/actions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("open", "hand", "2026-12-04", false), (Text(created, "status"), Text(created, "openedBy"), Text(created, "due"), created.GetProperty("overdue").GetBoolean()));
        Assert.Equal(["in-progress"], created.GetProperty("next").EnumerateArray().Select(s => s.GetString()));
        var read = await ReadJsonAsync(await server.Client.GetAsync($"/api/v1/actions/{id}"));
        Assert.Equal(created.ToString(), read.ToString());
        Assert.Equal("T-7-000279", read.GetProperty("links")[0].GetProperty("ticket").GetString());
        var history = await ReadJsonAsync(await server.Client.GetAsync($"/api/v1/actions/{id}/history"));
        var opened = Assert.Single(history.EnumerateArray());
        Assert.Equal(("opened", "open", "admin"), (Text(opened, "change"), Text(opened, "to"), Text(opened, "actor")));
    }

    [Theory]
    [InlineData("""{"title":"x"}""", "customer", HttpStatusCode.BadRequest)]
    [InlineData("""{"customer":"acme"}""", "title", HttpStatusCode.BadRequest)]
    [InlineData("""{"customer":"acme","title":"x","colour":"red"}""", "colour", HttpStatusCode.BadRequest)]
    [InlineData("""{"customer":"acme","title":"x","due":"next week"}""", "due", HttpStatusCode.BadRequest)]
    [InlineData("""{"customer":"acme","title":42}""", "title", HttpStatusCode.BadRequest)]
    [InlineData("""{"customer":"acme","title":"x","links":[{"target":"acme-gold/resolution","ticket":"T-1","period":"2026-11"}]}""", "links[0]", HttpStatusCode.BadRequest)]
    [InlineData("""{"customer":"acme","title":"x","links":[{"target":"acme-gold/resolution","ticket":"T-1","why":"?"}]}""", "links[0].why", HttpStatusCode.BadRequest)]
    [InlineData("""{"customer":"initrode","title":"x"}""", "customer", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"customer":"acme","title":"x","agreement":"acme-gold","target":"speed"}""", "target", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"customer":"acme","title":"x","agreement":"globex-drinks"}""", "agreement", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"customer":"acme","title":"x","links":[{"target":"acme-gold/speed","ticket":"T-1"}]}""", "links[0].target", HttpStatusCode.UnprocessableEntity)]
    public async Task A_bad_action_is_refused_naming_the_field_and_nothing_is_stored(string body, string field, HttpStatusCode status)
    {
        var server = await StartWithRepositoryAsync();

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/actions", Json(body)), status);

        Assert.Equal([field], ErrorFields(problem));
        Assert.Empty(await (await server.StoreAsync()).Actions.ListAsync());
    }

    [Fact]
    public async Task Malformed_JSON_and_a_body_that_is_not_an_object_are_bad_requests()
    {
        var server = await StartWithRepositoryAsync();

        Assert.Equal(["body"], ErrorFields(await AssertProblemAsync(await server.Client.PostAsync("/api/v1/actions", Json("{\"customer\":")), HttpStatusCode.BadRequest)));
        Assert.Equal(["body"], ErrorFields(await AssertProblemAsync(await server.Client.PostAsync("/api/v1/actions", Json("[]")), HttpStatusCode.BadRequest)));
        Assert.Empty(await (await server.StoreAsync()).Actions.ListAsync());
    }

    [Fact]
    public async Task An_action_moves_open_in_progress_done_verified_one_step_at_a_time()
    {
        var server = await StartWithRepositoryAsync();
        var id = await CreateAsync(server);

        var skipped = await AssertProblemAsync(await MoveAsync(server, id, "done"), HttpStatusCode.Conflict);
        Assert.Equal(["status"], ErrorFields(skipped));
        Assert.Contains("from open it may go to in-progress", skipped.GetProperty("detail").GetString(), StringComparison.Ordinal);
        foreach (var status in new[] { "in-progress", "done", "verified" })
        {
            var moved = await MoveAsync(server, id, status);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Equal(status, Text(await ReadJsonAsync(moved), "status"));
        }

        var history = await ReadJsonAsync(await server.Client.GetAsync($"/api/v1/actions/{id}/history"));
        Assert.Equal(["open", "in-progress", "done", "verified"], history.EnumerateArray().Select(e => Text(e, "to")));
        Assert.Equal("checked", Text(history[3], "detail"));
    }

    [Fact]
    public async Task A_done_action_can_be_reopened_but_a_verified_one_only_by_a_manager()
    {
        var server = await StartWithRepositoryAsync();
        var id = await CreateAsync(server);
        await MoveAsync(server, id, "in-progress");
        await MoveAsync(server, id, "done");

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(server, id, "open")).StatusCode);
        foreach (var status in new[] { "in-progress", "done", "verified" })
        {
            await MoveAsync(server, id, status);
        }

        // An agent may move actions, but not reopen a verified one; the test client is an admin, a manager.
        var (agent, _, _) = await server.ClientForAsync(Pledge.Server.Security.Role.Agent);
        var refused = await AssertProblemAsync(
            await agent.PostAsync($"/api/v1/actions/{id}/status", Json("""{"status":"open","note":"checked"}""")), HttpStatusCode.Conflict);
        Assert.Contains("only a service-level manager may reopen it", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("verified", Text(await ReadJsonAsync(await server.Client.GetAsync($"/api/v1/actions/{id}")), "status"));
        var again = await agent.PostAsync($"/api/v1/actions/{id}/status", Json("""{"status":"verified","note":"checked"}"""));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_manager_may_reopen_a_verified_action()
    {
        var server = await StartWithRepositoryAsync(services => services.AddSingleton<IStartupFilter>(new RoleFilter("service-level-manager")));
        var id = await CreateAsync(server);
        foreach (var status in new[] { "in-progress", "done", "verified" })
        {
            await MoveAsync(server, id, status);
        }

        var reopened = await MoveAsync(server, id, "in-progress");

        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Equal("in-progress", Text(await ReadJsonAsync(reopened), "status"));
    }

    [Fact]
    public async Task An_unknown_status_or_action_is_named()
    {
        var server = await StartWithRepositoryAsync();
        var id = await CreateAsync(server);

        Assert.Equal(["status"], ErrorFields(await AssertProblemAsync(await MoveAsync(server, id, "finished"), HttpStatusCode.BadRequest)));
        Assert.Equal(["id"], ErrorFields(await AssertProblemAsync(await MoveAsync(server, "CA-999", "done"), HttpStatusCode.NotFound)));
        Assert.Equal(["id"], ErrorFields(await AssertProblemAsync(await server.Client.GetAsync("/api/v1/actions/nothing"), HttpStatusCode.NotFound)));
    }

    [Fact]
    public async Task An_edit_changes_the_fields_given_and_null_clears_one()
    {
        var server = await StartWithRepositoryAsync();
        var id = await CreateAsync(server);

        var response = await PatchAsync(server, id, """{"owner":null,"due":"2026-12-10","outcome":"seals replaced"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var action = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Null, action.GetProperty("owner").ValueKind);
        Assert.Equal(("2026-12-10", "seals replaced", "worn seals", "Stock spare seals", 2), (Text(action, "due"), Text(action, "outcome"), Text(action, "rootCause"), Text(action, "title"), action.GetProperty("version").GetInt32()));
        var unchanged = await ReadJsonAsync(await PatchAsync(server, id, """{"due":"2026-12-10"}"""));
        Assert.Equal(2, unchanged.GetProperty("version").GetInt32());
        Assert.Equal(["title"], ErrorFields(await AssertProblemAsync(await PatchAsync(server, id, """{"title":null}"""), HttpStatusCode.BadRequest)));
        Assert.Equal(["status"], ErrorFields(await AssertProblemAsync(await PatchAsync(server, id, """{"status":"done"}"""), HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task Links_are_added_once_and_a_bad_one_stores_nothing()
    {
        var server = await StartWithRepositoryAsync();
        var id = await CreateAsync(server);
        const string links = """{"links":[{"target":"acme-gold/resolution","ticket":"T-7-000279"},{"target":"acme-gold/availability","period":"2026-11"}]}""";

        var linked = await ReadJsonAsync(await server.Client.PostAsync($"/api/v1/actions/{id}/links", Json(links)));
        var again = await ReadJsonAsync(await server.Client.PostAsync($"/api/v1/actions/{id}/links", Json(links)));

        Assert.Equal(2, linked.GetProperty("links").GetArrayLength());
        Assert.Equal(linked.ToString(), again.ToString());
        var bad = await AssertProblemAsync(await server.Client.PostAsync($"/api/v1/actions/{id}/links", Json("""{"links":[{"target":"acme-gold/resolution","ticket":"T-2"},{"target":"acme-gold/availability","period":"November"}]}""")), HttpStatusCode.BadRequest);
        Assert.Equal(["links[1].period"], ErrorFields(bad));
        Assert.Equal(2, (await (await server.StoreAsync()).Actions.GetAsync(id))!.Links.Length);
    }

    [Fact]
    public async Task The_list_filters_by_status_customer_agreement_and_overdue_judged_on_the_injected_clock()
    {
        var server = await StartWithRepositoryAsync();
        var late = await CreateAsync(server, """{"customer":"acme","title":"late","agreement":"acme-gold","due":"2026-12-01"}""");
        var dueToday = await CreateAsync(server, """{"customer":"acme","title":"due today","agreement":"acme-gold","due":"2026-12-02"}""");
        var done = await CreateAsync(server, """{"customer":"globex","title":"done late","due":"2026-11-20"}""");
        await MoveAsync(server, done, "in-progress");
        await MoveAsync(server, done, "done");

        Assert.Equal([late], await IdsAsync(server, "overdue=true"));
        Assert.Equal([dueToday, done], await IdsAsync(server, "overdue=false"));
        Assert.Equal([late, dueToday], await IdsAsync(server, "customer=acme"));
        Assert.Equal([late, dueToday], await IdsAsync(server, "status=open,in-progress"));
        Assert.Equal([done], await IdsAsync(server, "status=done"));
        Assert.Equal([late, dueToday], await IdsAsync(server, "agreement=acme-gold"));
        _clock.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal([late, dueToday], await IdsAsync(server, "overdue=true"));
        Assert.Equal([late], await IdsAsync(server, "overdue=true&at=2026-12-02T23:00:00%2B01:00"));
        var list = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/actions"));
        Assert.Equal((3, 2), (list.GetProperty("count").GetInt32(), list.GetProperty("overdue").GetInt32()));
        var problem = await AssertProblemAsync(await server.Client.GetAsync("/api/v1/actions?status=closed&overdue=maybe&at=soon"), HttpStatusCode.BadRequest);
        Assert.Equal(["at", "overdue", "status"], ErrorFields(problem).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_report_shows_stored_actions_beside_the_action_events_with_overdue()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder, services: _clock.Register);
        var id = await CreateAsync(server, """{"customer":"globex","title":"Recalibrate the juice cooler","agreement":"globex-drinks","target":"juice-temperature","due":"2026-11-30","links":[{"target":"globex-drinks/juice-temperature","period":"2026-11"}]}""");

        var report = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/report?period=2026-11&at=2026-12-02T10:00:00%2B01:00"));

        var actions = report.GetProperty("actions").EnumerateArray().ToDictionary(a => Text(a, "action")!);
        Assert.Contains("a-001", actions.Keys);
        Assert.Equal(("globex", "open", "juice-temperature"), (Text(actions[id], "customer"), Text(actions[id], "status"), Text(actions[id], "target")));
        Assert.True(actions[id].GetProperty("overdue").GetBoolean());
        var globex = report.GetProperty("customers").EnumerateArray().Single(c => Text(c, "id") == "globex");
        Assert.Contains(id, globex.GetProperty("actions").EnumerateArray().Select(a => Text(a, "action")));
        Assert.DoesNotContain(report.GetProperty("flags").EnumerateArray(), f => Text(f, "customer") == "globex" && Text(f, "kind") == "breaches-without-action");
    }

    [Fact]
    public async Task A_report_of_an_earlier_instant_shows_an_action_as_it_stood_then()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder, services: _clock.Register);
        var id = await CreateAsync(server, """{"customer":"globex","title":"Recalibrate","due":"2026-12-20"}""");
        _clock.Time.Advance(TimeSpan.FromDays(1));
        await MoveAsync(server, id, "in-progress");

        var before = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/report?period=2026-11&at=2026-12-02T12:00:00Z"));
        var after = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/report?period=2026-11&at=2026-12-03T12:00:00Z"));
        var earlier = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/report?period=2026-11&at=2026-12-01T12:00:00Z"));

        Assert.Equal("open", Text(before.GetProperty("actions").EnumerateArray().Single(a => Text(a, "action") == id), "status"));
        Assert.Equal("in-progress", Text(after.GetProperty("actions").EnumerateArray().Single(a => Text(a, "action") == id), "status"));
        Assert.DoesNotContain(earlier.GetProperty("actions").EnumerateArray(), a => Text(a, "action") == id);
    }

    [Fact]
    public async Task A_breach_opens_one_action_by_the_agreements_policy_however_often_it_is_raised()
    {
        var server = await StartWithRepositoryAsync(policy: "{ open_on: breach, owner: service-desk, due_in: 5 business days, calendar: berlin-office }");
        var opener = server.Services.GetRequiredService<CorrectiveActionOpener>();
        // Friday 2026-11-20 at 16:00 in Berlin: five business days later is Friday 2026-11-27.
        var breach = new BreachReference("T-7-000147", "globex-drinks", "response", "globex", "coffee", Instant.FromUtc(2026, 11, 20, 15, 0)) { Priority = "P2" };

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => opener.OpenForBreachAsync(breach)));

        var action = Assert.Single(await (await server.StoreAsync()).Actions.ListAsync());
        Assert.Single(results, r => r!.Opened);
        Assert.All(results, r => Assert.Equal(action.Id, r!.Action.Id));
        Assert.Equal(("service-desk", new LocalDate(2026, 11, 27), "response"), (action.Owner, action.Due, action.Target));
        Assert.Equal(Pledge.Storage.ActionOpener.Policy, action.OpenedBy);
        Assert.Equal("T-7-000147", Assert.Single(action.Links).Ticket);
        Assert.Null(await opener.OpenForBreachAsync(breach with { Agreement = "acme-gold", Target = "resolution", Customer = "acme" }));
    }

    [Fact]
    public async Task Evaluating_a_closed_period_opens_one_action_per_failing_target_and_again_none()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder, services: _clock.Register);
        await PutPolicyAsync(server, "{ open_on: failing_target, owner: service-desk, due_in: P10D }");

        var first = await ReadJsonAsync(await server.Client.PostAsync("/api/v1/actions/evaluate", Json("""{"period":"2026-11"}""")));
        var second = await ReadJsonAsync(await server.Client.PostAsync("/api/v1/actions/evaluate", Json("""{"period":"2026-11"}""")));

        var targets = first.GetProperty("actions").EnumerateArray().Select(a => Text(a, "target")).ToList();
        Assert.Contains("delivery", targets);
        Assert.Contains("juice-temperature", targets);
        Assert.Equal(targets.Count, first.GetProperty("opened").GetInt32());
        Assert.All(first.GetProperty("actions").EnumerateArray(), a => Assert.Equal(("globex", "policy", "2026-12-12"), (Text(a, "customer"), Text(a, "openedBy"), Text(a, "due"))));
        Assert.True(first.GetProperty("failing").GetInt32() > targets.Count, "acme's failing targets have no policy");
        Assert.Equal(0, second.GetProperty("opened").GetInt32());
        Assert.Equal(first.GetProperty("actions").ToString(), second.GetProperty("actions").ToString());
        Assert.Equal(targets.Count, (await (await server.StoreAsync()).Actions.ListAsync()).Count);
    }

    [Theory]
    [InlineData("""{"period":"2026-12"}""", "period")]
    [InlineData("""{"period":"30d"}""", "period")]
    [InlineData("""{"period":"someday"}""", "period")]
    [InlineData("""{}""", "period")]
    [InlineData("""{"period":"2026-11","dryRun":true}""", "dryRun")]
    public async Task Evaluating_a_period_that_is_not_over_or_not_one_is_refused(string body, string field)
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder, services: _clock.Register);

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/actions/evaluate", Json(body)), HttpStatusCode.BadRequest);

        Assert.Equal([field], ErrorFields(problem));
        Assert.Empty(await (await server.StoreAsync()).Actions.ListAsync());
    }

    private async Task<PledgeTestServer> StartWithRepositoryAsync(Action<IServiceCollection>? services = null, string? policy = null)
    {
        var server = Start(services: s =>
        {
            _clock.Register(s);
            services?.Invoke(s);
        });
        await PutSampleRepositoryAsync(server.Client);
        if (policy is not null)
        {
            await PutPolicyAsync(server, policy);
        }

        return server;
    }

    /// <summary>Gives globex-drinks a corrective-action policy.</summary>
    private static async Task PutPolicyAsync(PledgeTestServer server, string policy)
    {
        var text = Sample.RepositoryFiles()["agreements/globex-drinks.yaml"].Replace("timezone: Europe/Berlin\n", $"timezone: Europe/Berlin\ncorrective_actions: {policy}\n", StringComparison.Ordinal);
        var response = await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files = new Dictionary<string, string> { ["agreements/globex-drinks.yaml"] = text } })));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> CreateAsync(PledgeTestServer server, string body = Hand)
    {
        var response = await server.Client.PostAsync("/api/v1/actions", Json(body));
        var json = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json.GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> MoveAsync(PledgeTestServer server, string id, string status) =>
        server.Client.PostAsync($"/api/v1/actions/{id}/status", Json($$"""{"status":"{{status}}","note":"checked"}"""));

    private static Task<HttpResponseMessage> PatchAsync(PledgeTestServer server, string id, string body) =>
        server.Client.PatchAsync($"/api/v1/actions/{id}", Json(body));

    private static async Task<List<string>> IdsAsync(PledgeTestServer server, string query)
    {
        var response = await server.Client.GetAsync($"/api/v1/actions?{query}");
        var list = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, list.ToString());
        return [.. list.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    /// <summary>Gives every request a user in <paramref name="role"/> (access control is not this branch's: this stands in for it).</summary>
    private sealed class RoleFilter(string role) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test"));
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
