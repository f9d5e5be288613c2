using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

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
    }
}
