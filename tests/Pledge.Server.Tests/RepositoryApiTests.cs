using System.Net;
using System.Text.Json;
using Pledge.Server.Tests.Databases;

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
}
