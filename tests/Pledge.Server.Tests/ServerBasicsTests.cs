using System.Net;
using NodaTime;
using Pledge.Testing;

namespace Pledge.Server.Tests;

/// <summary>Health, the OpenAPI document, the reference page and the demo load.</summary>
public abstract class ServerBasicsTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Health_names_the_database_and_the_schema_version()
    {
        var server = Start();
        var response = await server.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await ReadJsonAsync(response);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(Database.Kind == Pledge.Storage.StoreKind.PostgreSql ? "postgresql" : "sqlite", health.GetProperty("database").GetString());
        Assert.Equal(Pledge.Storage.PledgeStore.LatestSchemaVersion, health.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        var server = Start();
        var response = await server.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await ReadJsonAsync(response)).GetProperty("paths");
        Assert.True(paths.GetProperty("/health").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/events").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/repository").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/v1/repository").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/report").TryGetProperty("get", out _));
    }

    [Fact]
    public async Task The_reference_page_loads_the_document_and_no_external_fonts()
    {
        var server = Start();
        var page = await server.Client.GetStringAsync("/reference/");

        Assert.Contains("openapi/v1.json", page, StringComparison.Ordinal);
        Assert.Contains("\"withDefaultFonts\":false", page, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.scalar.com", page, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.googleapis", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/reference/scalar.js")).StatusCode);
    }

    [Fact]
    public async Task Demo_loads_the_sample_into_an_empty_database_once()
    {
        // No --demo-dir: the sample is found above the content root, as `dotnet run --project src/Pledge.Server -- --demo` finds it.
        var server = Start(demo: true);
        var store = await server.StoreAsync();

        var documents = await store.Documents.ListAsync();
        Assert.Equal(Sample.RepositoryFiles().Keys.Order(StringComparer.Ordinal), documents.Select(d => d.Path));
        Assert.All(documents, d => Assert.Equal("demo", d.UpdatedBy));
        var counts = await store.Events.CountByTypeAsync();
        Assert.Equal(Sample.DistinctEventIds(), counts.Values.Sum());

        // A restart with --demo finds the repository there and loads nothing again.
        await StopAsync(server);
        var again = Start(demo: true, demoDirectory: Sample.Folder);
        var store2 = await again.StoreAsync();
        Assert.All(await store2.Documents.ListAsync(), d => Assert.Equal(1, d.Version));
        Assert.Equal(counts.Values.Sum(), (await store2.Events.CountByTypeAsync()).Values.Sum());
    }

    [Fact]
    public async Task The_report_on_the_demo_is_the_report_of_pledge_report_on_the_sample()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        var at = Instant.FromUtc(2026, 11, 30, 17, 0);

        var response = await server.Client.GetAsync("/api/v1/report?period=2026-11&at=2026-11-30T18:00:00%2B01:00&format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", ContentType(response)?.MediaType);
        Assert.Equal(Sample.ExpectedJsonReport("2026-11", at), await response.Content.ReadAsStringAsync());
    }
}
