using System.Net;
using System.Text;
using Pledge.Testing;
using Pledge.Storage;

namespace Pledge.Server.Tests;

/// <summary><c>POST /api/v1/events</c>: validation, idempotency, any order, limits.</summary>
public abstract class EventsApiTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string Created = """{"id":"e-1","ticket":"T-1","type":"created","at":"2026-11-02T09:00:00+01:00","customer":"acme","service":"coffee","priority":"P2","status":"new"}""";
    private const string Commented = """{"id":"e-2","ticket":"T-1","type":"commented","at":"2026-11-02T09:10:00+01:00","author":"agent","public":true}""";
    private const string Resolved = """{"id":"e-3","ticket":"T-1","type":"resolved","at":"2026-11-02T11:00:00+01:00"}""";
    private const string Delivery = """{"id":"d-1","type":"delivery","customer":"acme","service":"tea","at":"2026-11-02T08:16:00+01:00","quantity":30,"slot":"tea-morning"}""";

    [Fact]
    public async Task A_single_event_is_stored_and_sending_it_again_is_a_duplicate()
    {
        var server = Start();

        var first = await ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Json(Created)));
        var second = await ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Json(Created)));

        Assert.Equal((1, 0), (first.GetProperty("inserted").GetInt32(), first.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, 1), (second.GetProperty("inserted").GetInt32(), second.GetProperty("duplicates").GetInt32()));
        var stored = await ReadAllAsync(server);
        Assert.Equal(["e-1"], stored.Select(e => e.Id));
        Assert.Equal(Created, stored[0].Body);
    }

    [Fact]
    public async Task The_same_batch_twice_is_inserted_then_all_duplicates()
    {
        var server = Start();
        string[] batch = [Created, Commented, Resolved, Delivery];

        Assert.Equal((4, 0), await PostEventsAsync(server.Client, batch));
        Assert.Equal((0, 4), await PostEventsAsync(server.Client, batch));
        Assert.Equal((0, 1), await PostEventsAsync(server.Client, [Commented]));
        Assert.Equal(4, (await ReadAllAsync(server)).Count);
    }

    [Fact]
    public async Task Events_in_any_order_are_read_back_in_time_order()
    {
        var server = Start();

        Assert.Equal((2, 0), await PostEventsAsync(server.Client, [Resolved, Commented]));
        Assert.Equal((1, 0), await PostEventsAsync(server.Client, [Created]));

        var stored = await ReadAllAsync(server);
        Assert.Equal(["e-1", "e-2", "e-3"], stored.Select(e => e.Id));
        Assert.Equal(["created", "commented", "resolved"], stored.Select(e => e.Type));
        Assert.All(stored, e => Assert.Equal("T-1", e.Subject));
    }

    [Fact]
    public async Task A_measure_event_takes_its_subject_from_Core()
    {
        var server = Start();

        Assert.Equal((1, 0), await PostEventsAsync(server.Client, [Delivery]));

        var stored = Assert.Single(await ReadAllAsync(server));
        Assert.Equal(("delivery", "acme"), (stored.Type, stored.Subject));
    }

    [Fact]
    public async Task An_ongoing_outage_and_its_end_are_stored_the_end_under_the_outages_id()
    {
        var server = Start();

        Assert.Equal((2, 0), await PostEventsAsync(server.Client, [
            """{"id":"oe-1","type":"outage_end","outage":"o-1","end":"2026-11-02T09:30:00+01:00"}""",
            """{"id":"o-1","type":"outage","service":"tea","customer":"acme","start":"2026-11-02T09:00:00+01:00"}"""]));

        var stored = (await ReadAllAsync(server)).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        Assert.Equal([("o-1", "outage", "tea", "2026-11-02T08:00:00Z"), ("oe-1", "outage_end", "o-1", "2026-11-02T08:30:00Z")],
            stored.Select(e => (e.Id, e.Type, e.Subject, e.At.ToString())));
    }

    [Theory]
    [InlineData("""{"id":"e-9","ticket":"T-9","type":"created","at":"yesterday","customer":"acme","service":"coffee","priority":"P2","status":"new"}""", "events[1].at")]
    [InlineData("""{"id":"e-9","ticket":"T-9","type":"exploded","at":"2026-11-02T09:00:00Z"}""", "events[1].type")]
    [InlineData("""{"ticket":"T-9","type":"commented","at":"2026-11-02T09:00:00Z","author":"agent","public":true}""", "events[1].id")]
    [InlineData("""{"id":"s-9","type":"survey","customer":"acme","service":"tea","at":"2026-11-02T09:00:00Z","score":"great"}""", "events[1].score")]
    [InlineData("""{"id":"o-9","type":"outage","service":"tea","start":"2026-11-02T09:00:00Z","end":"not a time"}""", "events[1].end")]
    [InlineData("""{"id":"oe-9","type":"outage_end","end":"2026-11-02T09:30:00Z"}""", "events[1].outage")]
    [InlineData("""{"id":"oe-9","type":"outage_end","outage":"o-9","end":"2026-11-02T09:30:00Z","service":"tea"}""", "events[1].service")]
    [InlineData("42", "events[1]")]
    public async Task An_invalid_event_refuses_the_whole_batch_naming_its_index_and_field(string invalid, string field)
    {
        var server = Start();

        var response = await server.Client.PostAsync("/api/v1/events", Json($"[{Created},{invalid},{Commented}]"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], ErrorFields(problem));
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ReadAllAsync(server));
    }

    [Fact]
    public async Task Every_invalid_event_is_named()
    {
        var server = Start();
        var bad = Created.Replace("2026-11-02T09:00:00+01:00", "soon", StringComparison.Ordinal);

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/events", Json($"[{bad},{Commented},{bad}]")), HttpStatusCode.BadRequest);

        Assert.Equal(["events[0].at", "events[2].at"], ErrorFields(problem));
    }

    [Fact]
    public async Task Each_event_is_stored_as_sent_and_one_spread_over_lines_as_one_compact_line()
    {
        var server = Start();
        var spaced = Delivery.Replace(",", ", ", StringComparison.Ordinal);
        var pretty = "{\n  \"id\": \"e-1\",\n  \"ticket\": \"T-1\",\n  \"type\": \"created\",\n  \"at\": \"2026-11-02T09:00:00+01:00\",\r\n"
            + "  \"customer\": \"Café Zürich\", \"service\": \"coffee\", \"priority\": \"P2\", \"status\": \"new\"\n}";

        Assert.Equal((2, 0), await PostEventsAsync(server.Client, [pretty, spaced]));

        var stored = (await ReadAllAsync(server)).ToDictionary(e => e.Id);
        Assert.Equal(spaced, stored["d-1"].Body);
        Assert.Equal("""{"id":"e-1","ticket":"T-1","type":"created","at":"2026-11-02T09:00:00+01:00","customer":"Café Zürich","service":"coffee","priority":"P2","status":"new"}""", stored["e-1"].Body);
        Assert.Equal("created", stored["e-1"].Type);
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_a_bad_request_naming_the_body()
    {
        var server = Start();
        var broken = Encoding.UTF8.GetBytes(Created);
        broken[Created.IndexOf("acme", StringComparison.Ordinal)] = 0xE9; // Latin-1 é: not UTF-8 on its own
        using var content = new ByteArrayContent(broken);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/events", content), HttpStatusCode.BadRequest);

        Assert.Equal(["body"], ErrorFields(problem));
        Assert.Empty(await ReadAllAsync(server));
    }

    [Fact]
    public async Task An_event_giving_its_type_twice_is_refused_naming_the_field()
    {
        var server = Start();
        var twice = Delivery.Replace("\"type\":\"delivery\"", "\"type\":\"delivery\",\"type\":\"survey\"", StringComparison.Ordinal);

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/events", Json($"[{Created},{twice}]")), HttpStatusCode.BadRequest);

        Assert.Contains("events[1].type", ErrorFields(problem));
        Assert.Empty(await ReadAllAsync(server));
    }

    [Theory]
    [InlineData("[{\"id\":\"e-1\"")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("\"an event\"")]
    public async Task Malformed_JSON_or_a_body_that_is_not_events_is_a_bad_request(string body)
    {
        var server = Start();

        await AssertProblemAsync(await server.Client.PostAsync("/api/v1/events", Json(body)), HttpStatusCode.BadRequest);

        Assert.Empty(await ReadAllAsync(server));
    }

    [Fact]
    public async Task An_id_longer_than_the_store_takes_is_a_bad_request_naming_it()
    {
        var server = Start();
        var longId = Created.Replace("\"e-1\"", $"\"{new string('x', 600)}\"", StringComparison.Ordinal);

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/events", Json($"[{Commented},{longId}]")), HttpStatusCode.BadRequest);

        Assert.Contains("events[1].id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ReadAllAsync(server));
    }

    [Fact]
    public async Task More_than_10000_events_in_one_call_are_refused()
    {
        var server = Start();
        var lines = Enumerable.Range(0, 10_001).Select(i => Created.Replace("\"e-1\"", $"\"e-{i}\"", StringComparison.Ordinal));

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/events", Json("[" + string.Join(",", lines) + "]")), HttpStatusCode.BadRequest);

        Assert.Equal(["events"], ErrorFields(problem));
        Assert.Empty(await ReadAllAsync(server));
    }

    [Fact]
    public async Task A_batch_of_10000_events_is_stored_whole()
    {
        var server = Start();
        var lines = Enumerable.Range(0, 10_000).Select(i => Created.Replace("\"e-1\"", $"\"e-{i}\"", StringComparison.Ordinal).Replace("\"T-1\"", $"\"T-{i}\"", StringComparison.Ordinal)).ToList();

        Assert.Equal((10_000, 0), await PostEventsAsync(server.Client, lines));
    }

    [Fact]
    public async Task A_body_over_16_MB_is_refused_with_413()
    {
        var server = Start();
        var padding = new string(' ', 17 * 1024 * 1024);

        var response = await server.Client.PostAsync("/api/v1/events", new StringContent($"[{Created}{padding}]", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await ReadAllAsync(server));
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
