using System.Net;
using System.Text.Json;
using Pledge.Testing;

namespace Pledge.Server.Tests;

/// <summary><c>PUT</c> and <c>GET /api/v1/repository</c>: validated by Core's reader, stored as versioned documents, audited.</summary>
public abstract class RepositoryApiTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task A_valid_repository_is_stored_audited_by_its_caller_and_exported_unchanged()
    {
        var server = Start();
        var files = Sample.RepositoryFiles();
        var (manager, _, _) = await server.ClientForAsync(Pledge.Server.Security.Role.ServiceLevelManager, name: "lea.koch");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/repository") { Content = Json(JsonSerializer.Serialize(new { files })) };
        // The header no longer names the actor: the authenticated caller does.
        request.Headers.Add("X-Pledge-Actor", "someone.else");

        var response = await manager.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var applied = await ReadJsonAsync(response);
        Assert.Equal(files.Count, applied.GetProperty("files").GetInt32());
        Assert.Equal(files.Count, applied.GetProperty("changed").GetArrayLength());

        var exported = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/repository"));
        var back = exported.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(files.OrderBy(f => f.Key, StringComparer.Ordinal), back.OrderBy(f => f.Key, StringComparer.Ordinal));

        var store = await server.StoreAsync();
        var agreement = await store.Documents.GetAsync("agreements/acme-gold.yaml");
        Assert.Equal(("agreement", "lea.koch", 1), (agreement!.Kind, agreement.UpdatedBy, agreement.Version));
        Assert.Equal("calendar", (await store.Documents.GetAsync("calendars/berlin-office.yaml"))!.Kind);
        var audit = new List<Pledge.Storage.AuditEntry>();
        await foreach (var entry in store.Audit.ReadAsync("repository"))
        {
            audit.Add(entry);
        }

        var only = Assert.Single(audit);
        Assert.Equal("lea.koch", only.Actor);
    }

    [Fact]
    public async Task Applying_again_changes_only_what_changed_by_the_caller()
    {
        var server = Start();
        await PutSampleRepositoryAsync(server.Client);
        var files = Sample.RepositoryFiles();
        files["catalogue.yaml"] += "\n# reviewed\n";

        var applied = await ReadJsonAsync(await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files }))));

        Assert.Equal(["catalogue.yaml v2"], applied.GetProperty("changed").EnumerateArray().Select(e => e.GetString()));
        var store = await server.StoreAsync();
        var catalogue = await store.Documents.GetAsync("catalogue.yaml");
        Assert.Equal((2, "admin"), (catalogue!.Version, catalogue.UpdatedBy));
    }

    [Fact]
    public async Task An_invalid_repository_is_422_listing_every_problem_and_nothing_is_stored()
    {
        var server = Start();
        var files = Sample.RepositoryFiles();
        files["calendars/berlin-office.yaml"] = files["calendars/berlin-office.yaml"].Replace("Europe/Berlin", "Europe/Atlantis", StringComparison.Ordinal);
        files.Remove("catalogue.yaml");

        var response = await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files })));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var problems = problem.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("file").GetString() == "catalogue.yaml");
        var zone = Assert.Single(problems, p => p.GetProperty("file").GetString() == "calendars/berlin-office.yaml" && p.GetProperty("message").GetString()!.Contains("Atlantis", StringComparison.Ordinal));
        Assert.True(zone.GetProperty("line").GetInt32() > 0);
        Assert.True(zone.GetProperty("column").GetInt32() > 0);
        Assert.Equal("timezone", zone.GetProperty("field").GetString());
        Assert.Empty(await (await server.StoreAsync()).Documents.ListAsync());
    }

    [Theory]
    [InlineData("{\"files\": ")]
    [InlineData("[]")]
    [InlineData("{\"files\": {}}")]
    [InlineData("{\"files\": {\"../etc/passwd.yaml\": \"x\"}}")]
    [InlineData("{\"files\": {\"catalogue.yaml\": 42}}")]
    [InlineData("{\"files\": {\"catalogue.yaml\": \"services: []\"}, \"extra\": 1}")]
    [InlineData("{\"files\": {\"catalogue.yaml\": \"x\"}, \"delete\": [\"catalogue.yaml\"]}")]
    [InlineData("{\"files\": {}, \"delete\": \"teams.yaml\"}")]
    [InlineData("{\"files\": {}, \"delete\": [\"../x.yaml\"]}")]
    [InlineData("{\"files\": {}, \"replace\": \"yes\"}")]
    public async Task A_body_that_is_not_a_repository_is_a_bad_request(string body)
    {
        var server = Start();

        await AssertProblemAsync(await server.Client.PutAsync("/api/v1/repository", Json(body)), HttpStatusCode.BadRequest);

        Assert.Empty(await (await server.StoreAsync()).Documents.ListAsync());
    }

    [Fact]
    public async Task An_empty_database_exports_no_files()
    {
        var server = Start();

        var exported = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/repository"));

        Assert.Empty(exported.GetProperty("files").EnumerateObject());
    }

    [Fact]
    public async Task Files_named_in_delete_are_removed_in_the_same_transaction_as_tombstone_versions()
    {
        var server = Start();
        var files = Sample.RepositoryFiles();
        files["calendars/night.yaml"] = "name: night\ntimezone: UTC\nweek:\n  monday: [\"22:00-24:00\"]\n";
        await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files })));

        var response = await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new
        {
            files = new Dictionary<string, string> { ["catalogue.yaml"] = files["catalogue.yaml"] + "# reviewed\n" },
            delete = new[] { "calendars/night.yaml" },
        })));

        var applied = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [("catalogue.yaml", "updated", 2), ("calendars/night.yaml", "deleted", 2)],
            applied.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("path").GetString(), r.GetProperty("change").GetString(), r.GetProperty("version").GetInt32())));
        var store = await server.StoreAsync();
        Assert.Null(await store.Documents.GetAsync("calendars/night.yaml"));
        Assert.True((await store.Documents.HistoryAsync("calendars/night.yaml"))[^1].Deleted);
    }

    [Fact]
    public async Task Replace_deletes_every_stored_file_not_sent_and_refuses_when_what_is_left_is_invalid()
    {
        var server = Start();
        var files = Sample.RepositoryFiles();
        files["calendars/night.yaml"] = "name: night\ntimezone: UTC\nweek:\n  monday: [\"22:00-24:00\"]\n";
        await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files })));
        files.Remove("calendars/vendor.yaml");

        var refused = await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files, replace = true })));

        var problem = await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("file").GetString() == "agreements/uc-brewtech.yaml");
        Assert.NotNull(await (await server.StoreAsync()).Documents.GetAsync("calendars/vendor.yaml"));

        var replaced = await ReadJsonAsync(await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files = Sample.RepositoryFiles(), replace = true }))));
        Assert.Equal(
            ["calendars/night.yaml"],
            replaced.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("change").GetString() == "deleted").Select(r => r.GetProperty("path").GetString()));
        Assert.Null(await (await server.StoreAsync()).Documents.GetAsync("calendars/night.yaml"));
    }

    [Fact]
    public async Task An_agreement_that_was_agreed_cannot_be_deleted_by_a_put()
    {
        var server = Start();
        await PutSampleRepositoryAsync(server.Client);
        var files = Sample.RepositoryFiles();
        files.Remove("agreements/ola-machine-repair.yaml");

        var problem = await AssertProblemAsync(
            await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files, replace = true }))), HttpStatusCode.Conflict);

        Assert.Equal("agreements/ola-machine-repair.yaml", Assert.Single(problem.GetProperty("problems").EnumerateArray()).GetProperty("file").GetString());
        Assert.NotNull(await (await server.StoreAsync()).Documents.GetAsync("agreements/ola-machine-repair.yaml"));
    }

    [Fact]
    public async Task A_dry_run_answers_what_would_change_and_stores_nothing()
    {
        var server = Start();
        var files = Sample.RepositoryFiles();

        var applied = await ReadJsonAsync(await server.Client.PutAsync("/api/v1/repository?dryRun=true", Json(JsonSerializer.Serialize(new { files }))));

        Assert.True(applied.GetProperty("dryRun").GetBoolean());
        Assert.All(applied.GetProperty("results").EnumerateArray(), r => Assert.Equal("created", r.GetProperty("change").GetString()));
        Assert.Equal(files.Count, applied.GetProperty("results").GetArrayLength());
        Assert.Empty(await (await server.StoreAsync()).Documents.ListAsync());
    }

    [Fact]
    public async Task Changing_an_active_version_in_place_is_409_and_stores_nothing()
    {
        var server = Start();
        await PutSampleRepositoryAsync(server.Client);
        var files = Sample.RepositoryFiles();
        files["agreements/acme-gold.yaml"] = files["agreements/acme-gold.yaml"].Replace("{ P1: 3h, P2: 6h }", "{ P1: 2h, P2: 6h }", StringComparison.Ordinal);
        files["catalogue.yaml"] += "# reviewed\n";

        var problem = await AssertProblemAsync(await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files }))), HttpStatusCode.Conflict);

        var violation = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal(("agreements/acme-gold.yaml", "versions[0]"), (violation.GetProperty("file").GetString(), violation.GetProperty("field").GetString()));
        Assert.Contains("version 3 is active and cannot change", violation.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await (await server.StoreAsync()).Documents.GetAsync("catalogue.yaml"))!.Version);
    }

    [Fact]
    public async Task A_status_may_move_along_the_lifecycle_in_a_put_but_not_back()
    {
        var server = Start();
        await PutSampleRepositoryAsync(server.Client);
        var files = Sample.RepositoryFiles();
        var active = files["agreements/acme-gold.yaml"];

        files["agreements/acme-gold.yaml"] = active.Replace("version: 3\n    status: active", "version: 3\n    status: under-review", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files })))).StatusCode);

        files["agreements/acme-gold.yaml"] = active.Replace("version: 3\n    status: active", "version: 3\n    status: draft", StringComparison.Ordinal);
        var problem = await AssertProblemAsync(await server.Client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files }))), HttpStatusCode.Conflict);
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("field").GetString() == "versions[0].status");
    }
}
