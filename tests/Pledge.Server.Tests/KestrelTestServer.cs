using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Pledge.Storage;

namespace Pledge.Server.Tests;

/// <summary>The real server on a real socket (127.0.0.1, a free port), for clients in other processes such as <c>pledge apply</c>.</summary>
public sealed class KestrelTestServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private KestrelTestServer(WebApplicationFactory<Program> factory, string address)
    {
        _factory = factory;
        Address = address;
    }

    /// <summary>Where it listens: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Address { get; }

    public static KestrelTestServer Start(string database)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("database", database);
            builder.UseSetting("urls", "http://127.0.0.1:0");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelTestServer(factory, address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    internal Task<PledgeStore> StoreAsync() => _factory.Services.GetRequiredService<PledgeDatabase>().GetAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
