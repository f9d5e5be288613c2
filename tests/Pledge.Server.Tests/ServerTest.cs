using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pledge.Testing;

namespace Pledge.Server.Tests;

/// <summary>A test on a fresh database of its kind, with servers started on it and stopped (and the database dropped) after.</summary>
public abstract class ServerTest<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly List<PledgeTestServer> _servers = [];

    protected TDatabase Database { get; } = new();

    protected string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync() => ConnectionString = await Database.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await Database.DropAsync();
    }

    /// <summary>A server on this test's database.</summary>
    protected PledgeTestServer Start(bool demo = false, string? demoDirectory = null, TimeProvider? time = null, Microsoft.Extensions.Logging.ILoggerProvider? logs = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null)
    {
        var server = PledgeTestServer.Start(ConnectionString, demo, demoDirectory, time, logs, services, configure);
        _servers.Add(server);
        return server;
    }

    /// <summary>Stops a server before the test ends (to start another on the same database).</summary>
    protected async Task StopAsync(PledgeTestServer server)
    {
        _servers.Remove(server);
        await server.DisposeAsync();
    }

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 answer with <paramref name="status"/>; returns its body.</summary>
    protected static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The field names of a problem's <c>errors</c>.</summary>
    protected static List<string> ErrorFields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    /// <summary>Stores the sample repository through the API.</summary>
    protected static async Task PutSampleRepositoryAsync(HttpClient client)
    {
        var response = await client.PutAsync("/api/v1/repository", Json(JsonSerializer.Serialize(new { files = Sample.RepositoryFiles() })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Posts lines as JSON arrays of <paramref name="batchSize"/>; returns the totals.</summary>
    protected static async Task<(int Inserted, int Duplicates)> PostEventsAsync(HttpClient client, IReadOnlyList<string> lines, int batchSize = 10_000)
    {
        var inserted = 0;
        var duplicates = 0;
        foreach (var chunk in lines.Chunk(batchSize))
        {
            var response = await client.PostAsync("/api/v1/events", Json("[" + string.Join(",", chunk) + "]"));
            var body = await ReadJsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            inserted += body.GetProperty("inserted").GetInt32();
            duplicates += body.GetProperty("duplicates").GetInt32();
        }

        return (inserted, duplicates);
    }

    protected static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
