using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pledge.Testing;
using Pledge.Storage;

namespace Pledge.Server.Tests;

/// <summary>Services, customers, calendars and agreements one at a time: validated whole, stored as file versions, audited.</summary>
public abstract class DefinitionsApiTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string NewCalendar = """
        # Night shift cover.
        name: night
        timezone: Europe/Berlin
        week:
          monday: ["22:00-06:00"]
        """;

    [Fact]
    public async Task A_customer_created_from_YAML_is_added_to_customers_yaml_keeping_its_comments_and_is_read_back()
    {
        var server = await StartWithSampleAsync();
        var customers = Sample.RepositoryFiles()["customers.yaml"].Replace("customers:\n", "# Who we serve.\ncustomers:\n", StringComparison.Ordinal);
        await PutFilesAsync(server, new() { ["customers.yaml"] = customers });

        var response = await SendAsync(server, HttpMethod.Post, "/api/v1/customers", Yaml("id: umbrella\nname: Umbrella Corp\nservices: [tea]\ncontacts:\n  - { name: Ada Wong, email: ada@umbrella.example }\n"), "lea.koch");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/customers/umbrella", response.Headers.Location?.OriginalString);
        var created = await ReadJsonAsync(response);
        Assert.Equal(("customers.yaml", 3, "updated"), (created.GetProperty("path").GetString(), created.GetProperty("revision").GetInt32(), created.GetProperty("change").GetString()));
        var stored = (await (await server.StoreAsync()).Documents.GetAsync("customers.yaml"))!;
        Assert.StartsWith("# Who we serve.\ncustomers:\n  - id: acme\n", stored.Content, StringComparison.Ordinal);
        Assert.EndsWith("  - id: umbrella\n    name: Umbrella Corp\n    services: [tea]\n    contacts:\n      - { name: Ada Wong, email: ada@umbrella.example }\n", stored.Content, StringComparison.Ordinal);
        Assert.Equal("lea.koch", stored.UpdatedBy);

        var read = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/customers/umbrella"));
        Assert.Equal("id: umbrella\nname: Umbrella Corp\nservices: [tea]\ncontacts:\n  - { name: Ada Wong, email: ada@umbrella.example }", read.GetProperty("yaml").GetString());
        var list = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/customers"));
        Assert.Equal(["acme", "globex", "initech", "umbrella"], list.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("Umbrella Corp", list[3].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_service_sent_as_JSON_is_stored_as_block_YAML_and_read_back_as_YAML_on_request()
    {
        var server = await StartWithSampleAsync();

        var response = await server.Client.PostAsync("/api/v1/services", Json("""{"id": "water", "name": "Still water: 1.5 l", "offerings": [{"id": "water-daily", "name": "Water every day"}]}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services/water");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/yaml"));
        var yaml = await server.Client.SendAsync(request);
        Assert.Equal("application/yaml", yaml.Content.Headers.ContentType?.MediaType);
        Assert.Equal("id: water\nname: \"Still water: 1.5 l\"\nofferings:\n  - id: water-daily\n    name: Water every day\n", await yaml.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_update_that_makes_the_repository_invalid_is_422_naming_file_line_column_and_field_and_stores_nothing()
    {
        var server = await StartWithSampleAsync();
        var before = (await (await server.StoreAsync()).Documents.GetAsync("customers.yaml"))!;

        var response = await SendAsync(server, HttpMethod.Put, "/api/v1/customers/globex", Yaml("id: globex\nname: Globex\nservices: [tea, caviar]\n"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal("customers.yaml", error.GetProperty("file").GetString());
        Assert.Equal("customers[1].services[1]", error.GetProperty("field").GetString());
        Assert.Equal((8, 21), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.Contains("caviar", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await (await server.StoreAsync()).Documents.GetAsync("customers.yaml"));
    }

    [Fact]
    public async Task Each_change_is_in_the_history_with_who_and_when_and_two_revisions_diff_line_by_line()
    {
        var server = await StartWithSampleAsync();
        await SendAsync(server, HttpMethod.Put, "/api/v1/customers/globex", Yaml("id: globex\nname: Globex Logistics GmbH\ncontacts:\n  - { name: Tom Becker, email: t.becker@globex.example }\n"), "tom");
        await SendAsync(server, HttpMethod.Put, "/api/v1/customers/acme", Yaml("id: acme\nname: ACME\n"), "ann");

        var history = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/customers/globex/history"));

        Assert.Equal([(1, "created", "admin"), (2, "updated", "tom")], history.EnumerateArray().Select(h => (h.GetProperty("revision").GetInt32(), h.GetProperty("change").GetString(), h.GetProperty("by").GetString())));
        Assert.Equal("customer.updated", history[1].GetProperty("action").GetString());
        Assert.Equal("name changed; customers.yaml v2 updated", history[1].GetProperty("detail").GetString());
        var diff = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/customers/globex/diff"));
        Assert.Equal((1, 2, 1, 1), (diff.GetProperty("from").GetInt32(), diff.GetProperty("to").GetInt32(), diff.GetProperty("added").GetInt32(), diff.GetProperty("removed").GetInt32()));
        Assert.Equal("  id: globex\n- name: Globex Logistics\n+ name: Globex Logistics GmbH\n  contacts:\n    - { name: Tom Becker, email: t.becker@globex.example }\n", diff.GetProperty("unified").GetString());
        var field = Assert.Single(diff.GetProperty("fields").EnumerateArray());
        Assert.Equal(
            ("name", "changed", "Globex Logistics", "Globex Logistics GmbH"),
            (field.GetProperty("path").GetString(), field.GetProperty("change").GetString(), field.GetProperty("before").GetString(), field.GetProperty("after").GetString()));
        var first = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/customers/globex/history/1"));
        Assert.Contains("name: Globex Logistics\n", first.GetProperty("yaml").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_calendar_an_agreement_uses_cannot_be_deleted_and_the_conflict_names_the_reference()
    {
        var server = await StartWithSampleAsync();

        var response = await SendAsync(server, HttpMethod.Delete, "/api/v1/calendars/vendor", null);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        var reference = Assert.Single(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal("agreements/uc-brewtech.yaml", reference.GetProperty("file").GetString());
        Assert.Contains("vendor", reference.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.NotNull(await (await server.StoreAsync()).Documents.GetAsync("calendars/vendor.yaml"));
    }

    [Fact]
    public async Task A_customer_with_an_agreement_cannot_be_deleted()
    {
        var server = await StartWithSampleAsync();

        var problem = await AssertProblemAsync(await SendAsync(server, HttpMethod.Delete, "/api/v1/customers/acme", null), HttpStatusCode.Conflict);

        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("file").GetString() == "agreements/acme-gold.yaml");
        Assert.Equal(3, (await ReadJsonAsync(await server.Client.GetAsync("/api/v1/customers"))).GetArrayLength());
    }

    [Fact]
    public async Task An_unused_calendar_is_created_then_deleted_and_its_history_ends_in_a_tombstone()
    {
        var server = await StartWithSampleAsync();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(server, HttpMethod.Post, "/api/v1/calendars", Yaml(NewCalendar))).StatusCode);
        Assert.Equal(NewCalendar + "\n", (await (await server.StoreAsync()).Documents.GetAsync("calendars/night.yaml"))!.Content);

        var deleted = await SendAsync(server, HttpMethod.Delete, "/api/v1/calendars/night", null, "ops");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("deleted", (await ReadJsonAsync(deleted)).GetProperty("change").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/v1/calendars/night")).StatusCode);
        var history = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/calendars/night/history"));
        Assert.Equal([("created", "admin"), ("deleted", "ops")], history.EnumerateArray().Select(h => (h.GetProperty("change").GetString(), h.GetProperty("by").GetString())));
        var revisions = await (await server.StoreAsync()).Documents.HistoryAsync("calendars/night.yaml");
        Assert.True(revisions[^1].Deleted);
    }

    [Fact]
    public async Task Concurrent_creates_in_one_file_are_serialised_and_none_is_lost()
    {
        var server = await StartWithSampleAsync();
        var names = Enumerable.Range(1, 6).Select(i => $"client-{i}").ToList();

        var responses = await Task.WhenAll(names.Select(n => SendAsync(server, HttpMethod.Post, "/api/v1/customers", Yaml($"id: {n}\nname: Client\n"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = (await ReadJsonAsync(await server.Client.GetAsync("/api/v1/customers"))).EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.Equal(["acme", "globex", "initech", .. names.Order(StringComparer.Ordinal)], [.. ids.Take(3), .. ids.Skip(3).Order(StringComparer.Ordinal)]);
        Assert.Equal(Enumerable.Range(1, 7), (await (await server.StoreAsync()).Documents.HistoryAsync("customers.yaml")).Select(r => r.Version));
    }

    [Fact]
    public async Task Creating_what_exists_is_409_and_changing_what_does_not_is_404()
    {
        var server = await StartWithSampleAsync();

        await AssertProblemAsync(await SendAsync(server, HttpMethod.Post, "/api/v1/services", Yaml("id: tea\nname: Tea again\n")), HttpStatusCode.Conflict);
        await AssertProblemAsync(await SendAsync(server, HttpMethod.Put, "/api/v1/services/cocoa", Yaml("id: cocoa\n")), HttpStatusCode.NotFound);
        await AssertProblemAsync(await SendAsync(server, HttpMethod.Delete, "/api/v1/agreements/nothing", null), HttpStatusCode.NotFound);
        await AssertProblemAsync(await server.Client.GetAsync("/api/v1/calendars/nowhere"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("text/yaml", "id: coffee\nname: [unclosed\n", "body")]
    [InlineData("text/yaml", "- a list\n", "body")]
    [InlineData("text/yaml", "id: tea\n", "id")]
    [InlineData("text/yaml", "name: no id\n", "id")]
    [InlineData("application/json", "{\"id\": ", "body")]
    [InlineData("application/json", "[1, 2]", "body")]
    public async Task A_body_that_is_not_a_definition_is_400_naming_the_field_and_nothing_changes(string contentType, string body, string field)
    {
        var server = await StartWithSampleAsync();

        var response = await SendAsync(server, HttpMethod.Put, "/api/v1/services/coffee", new StringContent(body, Encoding.UTF8, contentType));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], ErrorFields(problem));
        Assert.Equal(1, (await (await server.StoreAsync()).Documents.GetAsync("catalogue.yaml"))!.Version);
    }

    [Fact]
    public async Task A_body_in_another_format_is_415()
    {
        var server = await StartWithSampleAsync();

        await AssertProblemAsync(await SendAsync(server, HttpMethod.Post, "/api/v1/services", new StringContent("<id>x</id>", Encoding.UTF8, "application/xml")), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_draft_agreement_is_edited_in_place_then_agreed_and_activated_with_each_transition_audited()
    {
        var server = await StartWithSampleAsync();
        var draft = Agreement("globex-tea", "draft", "4h");
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(server, HttpMethod.Post, "/api/v1/agreements", Yaml(draft))).StatusCode);

        var edited = await ReadJsonAsync(await SendAsync(server, HttpMethod.Put, "/api/v1/agreements/globex-tea", Yaml(Agreement("globex-tea", "draft", "3h"))));
        Assert.Equal(JsonValueKind.Null, edited.GetProperty("newVersion").ValueKind);
        Assert.Contains("P1: 3h", (await DocumentAsync(server, "agreements/globex-tea.yaml")).Content, StringComparison.Ordinal);

        var agreed = await TransitionAsync(server, "globex-tea", """{"to": "agreed", "reason": "signed on 2026-11-20"}""", "lea.koch");
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        var done = await ReadJsonAsync(agreed);
        Assert.Equal((1, "draft", "agreed"), (done.GetProperty("version").GetInt32(), done.GetProperty("from").GetString(), done.GetProperty("to").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await TransitionAsync(server, "globex-tea", """{"version": 1, "to": "active"}""", "lea.koch")).StatusCode);

        var versions = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/agreements/globex-tea/versions"));
        Assert.Equal(("active", false), (versions[0].GetProperty("status").GetString(), versions[0].GetProperty("editable").GetBoolean()));
        var history = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/agreements/globex-tea/history"));
        Assert.Equal(
            ["agreement.created", "agreement.updated", "agreement.transitioned", "agreement.transitioned"],
            history.EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.StartsWith("version 1: draft -> agreed; reason: signed on 2026-11-20", history[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("lea.koch", history[3].GetProperty("by").GetString());
    }

    [Fact]
    public async Task A_change_to_an_active_version_makes_a_new_draft_version_and_leaves_the_active_one_as_it_was()
    {
        var server = await StartWithSampleAsync();
        var original = Sample.RepositoryFiles()["agreements/acme-gold.yaml"];

        var response = await SendAsync(server, HttpMethod.Put, "/api/v1/agreements/acme-gold", Yaml(original.Replace("{ P1: 3h, P2: 6h }", "{ P1: 2h, P2: 6h }", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (await ReadJsonAsync(response)).GetProperty("newVersion").GetInt32());
        var versions = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/agreements/acme-gold/versions"));
        Assert.Equal([(4, "draft"), (3, "active"), (2, "expired")], versions.EnumerateArray().Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("status").GetString())));
        var active = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/agreements/acme-gold/versions/3"));
        Assert.Contains("thresholds: { P1: 3h, P2: 6h }", active.GetProperty("yaml").GetString(), StringComparison.Ordinal);
        var draft = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/agreements/acme-gold/versions/4"));
        Assert.StartsWith("version: 4\nstatus: draft\neffective: { from: 2026-09-01 }\n", draft.GetProperty("yaml").GetString(), StringComparison.Ordinal);
        Assert.Contains("thresholds: { P1: 2h, P2: 6h }", draft.GetProperty("yaml").GetString(), StringComparison.Ordinal);

        var diff = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/agreements/acme-gold/diff"));
        var added = Assert.Single(diff.GetProperty("fields").EnumerateArray());
        Assert.Equal(("versions[0]", "added"), (added.GetProperty("path").GetString(), added.GetProperty("change").GetString()));
        Assert.Equal(0, diff.GetProperty("removed").GetInt32());
    }

    [Fact]
    public async Task An_agreement_sent_as_JSON_is_validated_and_stored_as_YAML()
    {
        var server = await StartWithSampleAsync();
        const string Body = """
            {"id": "globex-juice", "kind": "sla", "level": "customer-service", "parties": {"customer": "globex"}, "services": ["juice"],
             "versions": [{"version": 1, "status": "draft", "effective": {"from": "2027-01-01"},
                           "targets": [{"kind": "response", "calendar": "berlin-office", "thresholds": {"P1": "30m"}, "objective": "95%"}]}]}
            """;

        var response = await server.Client.PostAsync("/api/v1/agreements", Json(Body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = (await DocumentAsync(server, "agreements/globex-juice.yaml")).Content;
        Assert.StartsWith("id: globex-juice\nkind: sla\nlevel: customer-service\nparties:\n  customer: globex\nservices:\n  - juice\nversions:\n  - version: 1\n    status: draft\n", stored, StringComparison.Ordinal);
        var invalid = await server.Client.PostAsync("/api/v1/agreements", Json(Body.Replace("globex-juice", "globex-juice-2", StringComparison.Ordinal).Replace("\"30m\"", "\"soon\"", StringComparison.Ordinal)));
        var problem = await AssertProblemAsync(invalid, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("field").GetString() == "versions[0].targets[0].thresholds.P1");
    }

    [Fact]
    public async Task Agreeing_a_version_that_overlaps_the_one_in_force_is_422_until_the_old_one_is_given_an_end()
    {
        var server = await StartWithSampleAsync();
        var original = Sample.RepositoryFiles()["agreements/acme-gold.yaml"];
        await SendAsync(server, HttpMethod.Put, "/api/v1/agreements/acme-gold", Yaml(original.Replace("{ P1: 3h, P2: 6h }", "{ P1: 2h, P2: 6h }", StringComparison.Ordinal)));
        await SendAsync(server, HttpMethod.Put, "/api/v1/agreements/acme-gold", Yaml((await DocumentAsync(server, "agreements/acme-gold.yaml")).Content
            .Replace("version: 4\n    status: draft\n    effective: { from: 2026-09-01 }", "version: 4\n    status: draft\n    effective: { from: 2027-01-01 }", StringComparison.Ordinal)));

        var overlapping = await TransitionAsync(server, "acme-gold", """{"version": 4, "to": "agreed"}""");
        var problem = await AssertProblemAsync(overlapping, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("field").GetString() == "versions" && p.GetProperty("message").GetString()!.Contains("both in force", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await TransitionAsync(server, "acme-gold", """{"version": 3, "to": "terminated", "until": "2026-12-31"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TransitionAsync(server, "acme-gold", """{"version": 4, "to": "agreed"}""")).StatusCode);
        var version3 = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/agreements/acme-gold/versions/3"));
        Assert.StartsWith("version: 3\nstatus: terminated\neffective: { from: 2026-09-01, until: 2026-12-31 }\n", version3.GetProperty("yaml").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"version": 3, "to": "draft"}""", HttpStatusCode.Conflict, "to")]
    [InlineData("""{"version": 2, "to": "active"}""", HttpStatusCode.Conflict, "to")]
    [InlineData("""{"version": 3, "to": "signed"}""", HttpStatusCode.Conflict, "to")]
    [InlineData("""{"version": 3}""", HttpStatusCode.BadRequest, "to")]
    [InlineData("""{"version": "3", "to": "expired"}""", HttpStatusCode.BadRequest, "version")]
    [InlineData("""{"to": "expired", "until": "31.12.2026"}""", HttpStatusCode.BadRequest, "until")]
    [InlineData("""{"to": "expired", "by": "me"}""", HttpStatusCode.BadRequest, "by")]
    public async Task A_transition_the_lifecycle_does_not_allow_is_refused_naming_the_field(string body, HttpStatusCode status, string field)
    {
        var server = await StartWithSampleAsync();

        var problem = await AssertProblemAsync(await TransitionAsync(server, "acme-gold", body), status);

        Assert.Equal([field], ErrorFields(problem));
        Assert.Equal(1, (await DocumentAsync(server, "agreements/acme-gold.yaml")).Version);
    }

    [Fact]
    public async Task An_agreement_with_settled_versions_cannot_be_deleted_but_a_draft_one_can()
    {
        var server = await StartWithSampleAsync();
        await SendAsync(server, HttpMethod.Post, "/api/v1/agreements", Yaml(Agreement("globex-tea", "draft", "4h")));

        var problem = await AssertProblemAsync(await SendAsync(server, HttpMethod.Delete, "/api/v1/agreements/acme-gold", null), HttpStatusCode.Conflict);
        Assert.Contains("terminate or expire it", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(server, HttpMethod.Delete, "/api/v1/agreements/globex-tea", null)).StatusCode);
        Assert.Null(await (await server.StoreAsync()).Documents.GetAsync("agreements/globex-tea.yaml"));
    }

    [Fact]
    public async Task A_new_agreement_cannot_start_past_negotiating()
    {
        var server = await StartWithSampleAsync();

        var problem = await AssertProblemAsync(await SendAsync(server, HttpMethod.Post, "/api/v1/agreements", Yaml(Agreement("globex-tea", "active", "4h"))), HttpStatusCode.Conflict);

        Assert.Equal(["versions"], ErrorFields(problem));
        Assert.Null(await (await server.StoreAsync()).Documents.GetAsync("agreements/globex-tea.yaml"));
    }

    [Fact]
    public async Task An_agreement_id_in_the_body_must_be_the_one_in_the_path()
    {
        var server = await StartWithSampleAsync();

        var problem = await AssertProblemAsync(await SendAsync(server, HttpMethod.Put, "/api/v1/agreements/acme-gold", Yaml(Agreement("globex-tea", "draft", "4h"))), HttpStatusCode.BadRequest);

        Assert.Equal(["id"], ErrorFields(problem));
    }

    private static string Agreement(string id, string status, string p1) => $$"""
        id: {{id}}
        kind: sla
        level: customer-service
        parties: { customer: globex }
        services: [tea]
        timezone: Europe/Berlin
        versions:
          - version: 1
            status: {{status}}
            effective: { from: 2027-01-01 }
            targets:
              - kind: resolution
                calendar: berlin-office
                thresholds: { P1: {{p1}} }
        """;

    private async Task<PledgeTestServer> StartWithSampleAsync()
    {
        var server = Start();
        await PutSampleRepositoryAsync(server.Client);
        return server;
    }

    private static async Task PutFilesAsync(PledgeTestServer server, Dictionary<string, string> files) =>
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files })))).StatusCode);

    private static async Task<StoredDocument> DocumentAsync(PledgeTestServer server, string path) =>
        (await (await server.StoreAsync()).Documents.GetAsync(path))!;

    private static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/yaml");

    private Task<HttpResponseMessage> TransitionAsync(PledgeTestServer server, string id, string body, string? actor = null) =>
        SendAsync(server, HttpMethod.Post, $"/api/v1/agreements/{id}/transitions", Json(body), actor);

    /// <summary>Sends as the admin, or as <paramref name="actor"/>: a service-level manager of that name, made on first use.</summary>
    private async Task<HttpResponseMessage> SendAsync(PledgeTestServer server, HttpMethod method, string uri, HttpContent? content, string? actor = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        var client = server.Client;
        if (actor is not null && !_actors.TryGetValue((server, actor), out client))
        {
            (client, _, _) = await server.ClientForAsync(Pledge.Server.Security.Role.ServiceLevelManager, name: actor);
            _actors[(server, actor)] = client;
        }

        return await client.SendAsync(request);
    }

    private readonly Dictionary<(PledgeTestServer, string), HttpClient> _actors = [];
}
