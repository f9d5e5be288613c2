using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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
    private readonly ConcurrentQueue<string> _authorizations;

    private KestrelTestServer(WebApplicationFactory<Program> factory, string address, ConcurrentQueue<string> authorizations)
    {
        _factory = factory;
        Address = address;
        _authorizations = authorizations;
    }

    /// <summary>Where it listens: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Address { get; }

    /// <summary>The Authorization header of every request so far, in order ("" when absent): the credentials clients sent.</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    public static KestrelTestServer Start(string database)
    {
        var authorizations = new ConcurrentQueue<string>();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("database", database);
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("admin-key", PledgeTestServer.AdminKey);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RecordAuthorization(authorizations)));
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelTestServer(factory, address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal), authorizations);
    }

    internal Task<PledgeStore> StoreAsync() => _factory.Services.GetRequiredService<PledgeDatabase>().GetAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private sealed class RecordAuthorization(ConcurrentQueue<string> into) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                into.Enqueue(context.Request.Headers.Authorization.ToString());
                await proceed(context);
            });
            next(app);
        };
    }
}
