using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pledge.Server.Security;

namespace Pledge.Server;

/// <summary>What the server prints once it listens: where, and where to look first.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return;
        }

        var database = app.Services.GetRequiredService<PledgeDatabase>();
        foreach (var address in addresses)
        {
            Console.WriteLine($"Pledge is listening on {address} (database: {database.Location})");
            Console.WriteLine($"  API reference  {address}/reference");
            Console.WriteLine($"  health         {address}/health");
        }

        // Written to the console only, never through ILogger (log pipelines keep and ship what they are given):
        // the one time the generated admin key is shown (docs/security.md).
        if (app.Services.GetRequiredService<SecurityBootstrap>().TakeKeyToPrint() is { } key)
        {
            Console.WriteLine();
            Console.WriteLine($"  admin API key  {key}");
            Console.WriteLine("                 shown once: keep it (or set --admin-key / PLEDGE_ADMIN_KEY), then send it as a bearer token:");
            Console.WriteLine($"  curl -H \"Authorization: Bearer {key}\" \"{addresses.First()}/api/v1/auth/me\"");
        }
    }
}
