using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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

    /// <summary>Starts a server on <paramref name="database"/>; <paramref name="demo"/> adds <c>--demo</c>.</summary>
    /// <param name="database">The database to open.</param>
    /// <param name="demo">Whether to add <c>--demo</c>.</param>
    /// <param name="demoDirectory">Where the demo is.</param>
    /// <param name="configure">More settings or services (a fake clock, a log capture).</param>
    public static PledgeTestServer Start(string database, bool demo = false, string? demoDirectory = null, Action<IWebHostBuilder>? configure = null) =>
        new(new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
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

    /// <summary>The server's services, to call what no endpoint exposes (the notification outbox).</summary>
    internal IServiceProvider Services => _factory.Services;

    /// <summary>The server's store, to check what a call stored.</summary>
    internal Task<PledgeStore> StoreAsync() => _factory.Services.GetRequiredService<PledgeDatabase>().GetAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
