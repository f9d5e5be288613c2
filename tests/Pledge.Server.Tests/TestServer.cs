using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pledge.Server.Security;
using Pledge.Storage;

namespace Pledge.Server.Tests;

/// <summary>
/// The real server (Program, its pipeline and its store) hosted in memory on one test database. <see cref="Client"/>
/// carries the admin key (<see cref="AdminKey"/>, every scope), so tests that are not about access control need no
/// set-up; <see cref="ClientForAsync"/> and <see cref="ClientWith"/> give clients of other roles and customers.
/// </summary>
public sealed class PledgeTestServer : IAsyncDisposable
{
    /// <summary>The admin API key every test server starts with (the <c>admin-key</c> setting).</summary>
    public const string AdminKey = "pledge-test-admin-key-5f1d0c8e2b7a4936";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly List<HttpClient> _clients = [];
    private int _users;

    private PledgeTestServer(WebApplicationFactory<Program> factory)
    {
        _factory = factory;
        Client = ClientWith(AdminKey);
    }

    /// <summary>A client with the admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts a server on <paramref name="database"/>.</summary>
    /// <param name="database">The database to open.</param>
    /// <param name="demo">Whether to add <c>--demo</c>.</param>
    /// <param name="demoDirectory">Where the demo is.</param>
    /// <param name="time">Replaces the server's clock (a <c>FakeTimeProvider</c> to drive the live monitor).</param>
    /// <param name="logs">Receives every log line, at every level.</param>
    /// <param name="services">Replaces services after the server's own.</param>
    /// <param name="configure">More settings or services.</param>
    public static PledgeTestServer Start(string database, bool demo = false, string? demoDirectory = null, TimeProvider? time = null, ILoggerProvider? logs = null, Action<IServiceCollection>? services = null, Action<IWebHostBuilder>? configure = null) =>
        new(new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            if (services is not null)
            {
                builder.ConfigureServices(services);
            }

            builder.UseSetting("database", database);
            builder.UseSetting("admin-key", AdminKey);
            if (demo)
            {
                builder.UseSetting("demo", "true");
            }

            if (demoDirectory is not null)
            {
                builder.UseSetting("demo-dir", demoDirectory);
            }

            if (time is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(time));
            }

            if (logs is not null)
            {
                builder.ConfigureTestServices(services => services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace).AddFilter(_ => true)));
            }

            configure?.Invoke(builder);
        }));

    /// <summary>A client sending <paramref name="bearer"/> as its credential, or none.</summary>
    public HttpClient ClientWith(string? bearer)
    {
        var client = _factory.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// Creates a user of <paramref name="role"/> (of <paramref name="customer"/> for a customer contact) with an API
    /// key of <paramref name="scopes"/> (default: all of the role's), through the admin API; returns a client with the
    /// key, and the user's name and the key's id.
    /// </summary>
    internal async Task<(HttpClient Client, string User, string KeyId)> ClientForAsync(Role role, string? customer = null, IEnumerable<string>? scopes = null, string? name = null)
    {
        name ??= $"{Roles.Name(role)}-{Interlocked.Increment(ref _users)}";
        var created = await Client.PostAsJsonAsync("/api/v1/users", new { name, role = Roles.Name(role), customer });
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        var (key, id) = await CreateKeyAsync(name, scopes ?? Roles.MaxScopes(role));
        return (ClientWith(key), name, id);
    }

    /// <summary>Creates an API key for <paramref name="user"/> as the admin; returns the secret and the id.</summary>
    public async Task<(string Key, string Id)> CreateKeyAsync(string user, IEnumerable<string> scopes, string? expiresAt = null)
    {
        var response = await Client.PostAsJsonAsync($"/api/v1/users/{user}/keys", new { label = "test", scopes = scopes.ToArray(), expiresAt });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating a key for {user}: {(int)response.StatusCode} {text}");
        }

        using var body = JsonDocument.Parse(text);
        return (body.RootElement.GetProperty("key").GetString()!, body.RootElement.GetProperty("details").GetProperty("id").GetString()!);
    }

    /// <summary>The server's services (its endpoints, its clock).</summary>
    internal IServiceProvider Services => _factory.Services;

    /// <summary>The server's store, to check what a call stored.</summary>
    internal Task<PledgeStore> StoreAsync() => _factory.Services.GetRequiredService<PledgeDatabase>().GetAsync();

    /// <summary>One of the server's services (its live monitor, say).</summary>
    internal T Service<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _factory.DisposeAsync();
    }
}
