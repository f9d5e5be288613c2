using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pledge.Storage;

namespace Pledge.Server.Tests;

/// <summary>The real server (Program, its pipeline and its store) hosted in memory on one test database.</summary>
public sealed class PledgeTestServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private PledgeTestServer(WebApplicationFactory<Program> factory)
    {
        _factory = factory;
        Client = factory.CreateClient();
    }

    public HttpClient Client { get; }

    /// <summary>Starts a server on <paramref name="database"/>.</summary>
    /// <param name="database">The database to open.</param>
    /// <param name="demo">Whether to add <c>--demo</c>.</param>
    /// <param name="demoDirectory">Where the demo is.</param>
    /// <param name="services">Replaces services after the server's own.</param>
    /// <param name="time">Replaces the server's clock (a <c>FakeTimeProvider</c> to drive the live monitor).</param>
    /// <param name="configure">More settings or services (a log capture, …).</param>
    public static PledgeTestServer Start(string database, bool demo = false, string? demoDirectory = null, Action<IServiceCollection>? services = null, TimeProvider? time = null, Action<IWebHostBuilder>? configure = null) =>
        new(new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            if (services is not null)
            {
                builder.ConfigureServices(services);
            }

            if (time is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(time));
            }

            builder.UseSetting("database", database);
            if (demo)
            {
                builder.UseSetting("demo", "true");
            }

            if (demoDirectory is not null)
            {
                builder.UseSetting("demo-dir", demoDirectory);
            }

            configure?.Invoke(builder);
        }));

    /// <summary>The server's services (to call what the API does not expose, such as the corrective-action opener).</summary>
    internal IServiceProvider Services => _factory.Services;

    /// <summary>The server's store, to check what a call stored.</summary>
    internal Task<PledgeStore> StoreAsync() => _factory.Services.GetRequiredService<PledgeDatabase>().GetAsync();

    /// <summary>One of the server's services (its live monitor, say).</summary>
    internal T Service<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
