using System.Net;
using System.Text;
using System.Text.Json;
using Pledge.Testing;
using Pledge.Storage;

namespace Pledge.Server.Tests;

/// <summary>Bad input through the API: unknown fields, wrong types, bad instants and zones, huge bodies — a 4xx naming the field, nothing stored.</summary>
public abstract class BadInputTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string Good = """{"id":"e-1","ticket":"T-1","type":"created","at":"2026-11-02T09:00:00+01:00","customer":"acme","service":"coffee","priority":"P2","status":"new"}""";

    [Theory]
    [InlineData("POST", "/api/v1/auth/login", "[1,2]", "body")]
    [InlineData("POST", "/api/v1/auth/login", "{\"name\":\"admin\"", "body")]
    [InlineData("POST", "/api/v1/auth/login", "{\"name\":5,\"password\":\"x\"}", "name")]
    [InlineData("POST", "/api/v1/users", "{\"name\":true,\"role\":\"agent\"}", "name")]
    [InlineData("GET", "/api/v1/alerts?limit=abc", null, "limit")]
    public async Task A_body_or_query_value_the_endpoint_cannot_bind_is_a_problem_naming_the_field(string method, string path, string? body, string field)
    {
        var server = Start();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Json(body) };

        var problem = await AssertProblemAsync(await server.Client.SendAsync(request), System.Net.HttpStatusCode.BadRequest);

        Assert.Equal([field], ErrorFields(problem));
        Assert.Single((await (await server.StoreAsync()).Access.ListUsersAsync()));
    }

    [Theory]
    [InlineData("""{"id":"e-9","ticket":"T-9","type":"created","at":"2026-11-02T09:00:00Z","customer":"acme","service":"coffee","priorty":"P2","status":"new"}""", "events[1].priorty", "is not a field of ticket events")]
    [InlineData("""{"id":"e-9","ticket":"T-9","type":"resolved","at":"2026-11-02T09:00:00Z","customer":"acme"}""", "events[1].customer", "is not a field of resolved events (id, ticket, type, at)")]
    [InlineData("""{"id":"e-9","ticket":"T-9","type":"created","at":"2026-11-02T09:00:00Z","customer":"acme","service":"coffee","priority":"P2","status":"new","subject":"help"}""", "events[1].subject", "is not a field of ticket events")]
    [InlineData("""{"id":"d-9","type":"delivery","customer":"acme","service":"tea","at":"2026-11-02T08:16:00+01:00","quantity":30,"colour":"green"}""", "events[1].colour", "is not a field of delivery events")]
    [InlineData("""{"id":"a-9","type":"action","customer":"acme","at":"2026-11-02T08:16:00+01:00","title":"x","stat":"done"}""", "events[1].stat", "is not a field of action events")]
    [InlineData("""{"id":"s-9","type":"survey","customer":"acme","at":"2026-11-02T08:16:00+01:00","score":4,"score":5}""", "events[1].score", "appears twice")]
    public async Task A_field_the_events_type_does_not_read_is_refused_naming_it(string invalid, string field, string message)
    {
        var server = Start();

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/events", Json($"[{Good},{invalid}]")), HttpStatusCode.BadRequest);

        Assert.Equal([field], ErrorFields(problem));
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await ReadAllAsync(server));
    }

    [Theory]
    [InlineData("""{"id":"e-9","ticket":"T-9","type":"commented","at":"2026-11-02T09:00:00Z","author":"agent","public":"yes"}""", "events[1].public")]
    [InlineData("""{"id":"e-9","ticket":"T-9","type":"resolved","at":1764662400}""", "events[1].at")]
    [InlineData("""{"id":"e-9","ticket":"T-9","type":"assigned","at":"2026-11-02T09:00:00Z","team":["a","b"]}""", "events[1].team")]
    [InlineData("""{"id":["e-9"],"ticket":"T-9","type":"resolved","at":"2026-11-02T09:00:00Z"}""", "events[1].id")]
    [InlineData("""{"id":"d-9","type":"delivery","customer":"acme","service":"tea","at":"2026-11-02T08:16:00+01:00","quantity":"thirty"}""", "events[1].quantity")]
    [InlineData("""{"id":"v-9","type":"evidence","term":"t","subject":"s","at":"2026-11-02T08:16:00+01:00","compliant":"yes"}""", "events[1].compliant")]
    [InlineData("""{"id":"a-9","type":"action","customer":"acme","at":"2026-11-02T08:16:00+01:00","title":"x","breaches":"T-1"}""", "events[1].breaches")]
    [InlineData("""{"id":"x-9","type":"sample","series":"s","at":"2026-11-02T08:16:00+01:00","value":{"c":4}}""", "events[1].value")]
    public async Task A_value_of_the_wrong_type_is_refused_naming_the_field(string invalid, string field)
    {
        var server = Start();

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/events", Json($"[{Good},{invalid}]")), HttpStatusCode.BadRequest);

        Assert.Equal([field], ErrorFields(problem));
        Assert.Empty(await ReadAllAsync(server));
    }

    [Theory]
    [InlineData("2026-11-02T09:00:00", "events[1].at")]
    [InlineData("2026-11-02T09:00:00+25:00", "events[1].at")]
    [InlineData("2026-11-02T09:00:00+01:60", "events[1].at")]
    [InlineData("2026-02-30T09:00:00Z", "events[1].at")]
    [InlineData("2026-11-02T24:30:00Z", "events[1].at")]
    [InlineData("1800-01-01T00:00:00Z", "events[1].at")]
    [InlineData("2026-11-02T09:00:00 Europe/Berlin", "events[1].at")]
    public async Task A_bad_instant_or_offset_is_refused_naming_the_field(string at, string field)
    {
        var server = Start();
        var ticket = $$"""{"id":"e-9","ticket":"T-9","type":"resolved","at":"{{at}}"}""";
        var outage = $$"""{"id":"o-9","type":"outage","service":"tea","start":"{{at}}","end":"2026-11-03T09:00:00Z"}""";

        var first = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/events", Json($"[{Good},{ticket}]")), HttpStatusCode.BadRequest);
        var second = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/events", Json($"[{Good},{outage}]")), HttpStatusCode.BadRequest);

        Assert.Equal([field], ErrorFields(first));
        Assert.Equal(["events[1].start"], ErrorFields(second));
        Assert.Empty(await ReadAllAsync(server));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_its_content_type_is_refused()
    {
        var server = Start();

        var response = await server.Client.PostAsync("/api/v1/events", new StringContent(Good, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await ReadAllAsync(server));
    }

    [Theory]
    [InlineData("calendars/berlin-office.yaml", "timezone: Europe/Berlin", "timezone: Mars/Olympus_Mons")]
    [InlineData("calendars/berlin-office.yaml", "timezone: Europe/Berlin", "timezone: CET+1")]
    [InlineData("agreements/globex-drinks.yaml", "timezone: Europe/Berlin", "timezone: Europe/Atlantis")]
    public async Task An_invalid_time_zone_is_refused_naming_the_file_and_field_and_nothing_is_stored(string path, string from, string to)
    {
        var server = Start();
        var files = Sample.RepositoryFiles();
        files[path] = files[path].Replace(from, to, StringComparison.Ordinal);

        var response = await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files })));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        // A calendar that cannot be read also leaves the targets that name it without one: the zone is named first.
        var found = problem.GetProperty("problems").EnumerateArray().First(p => p.GetProperty("field").GetString() == "timezone");
        Assert.Equal((path, "error"), (found.GetProperty("file").GetString(), found.GetProperty("severity").GetString()));
        Assert.Contains(to["timezone: ".Length..], found.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await (await server.StoreAsync()).Documents.ListAsync());
    }

    [Fact]
    public async Task A_bad_corrective_action_policy_is_refused_naming_its_field()
    {
        var server = Start();
        var files = Sample.RepositoryFiles();
        files["agreements/globex-drinks.yaml"] = files["agreements/globex-drinks.yaml"].Replace(
            "timezone: Europe/Berlin\n", "timezone: Europe/Berlin\ncorrective_actions: { open_on: outage, due_in: soon }\n", StringComparison.Ordinal);

        var problem = await AssertProblemAsync(await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files }))), HttpStatusCode.UnprocessableEntity);

        var fields = problem.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("file").GetString() == "agreements/globex-drinks.yaml").Select(p => p.GetProperty("field").GetString()).ToList();
        Assert.Equal(["corrective_actions.due_in", "corrective_actions.open_on"], fields.Order(StringComparer.Ordinal));
        Assert.Empty(await (await server.StoreAsync()).Documents.ListAsync());
    }

    private static async Task<List<StoredEvent>> ReadAllAsync(PledgeTestServer server)
    {
        var store = await server.StoreAsync();
        var events = new List<StoredEvent>();
        await foreach (var e in store.Events.ReadAsync(EventQuery.All))
        {
            events.Add(e);
        }

        return events;
    }
}
