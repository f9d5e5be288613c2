using Pledge.Storage;

namespace Pledge.Server.Api;

/// <summary><c>GET /health</c>: the server is up and its database open.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (PledgeDatabase database) =>
            {
                var store = await database.GetAsync();
                return TypedResults.Ok(new Health("ok", store.Kind == StoreKind.PostgreSql ? "postgresql" : "sqlite", store.SchemaVersion));
            })
            .AllowAnonymous() // probes carry no credential; it tells only that the server is up (docs/security.md)
            .WithName("GetHealth")
            .WithTags("Health")
            .WithSummary("The server is up; which database it uses and the schema version.");
        return app;
    }
}

/// <summary>The answer of <c>GET /health</c>.</summary>
/// <param name="Status">Always <c>ok</c> when the server answers.</param>
/// <param name="Database"><c>sqlite</c> or <c>postgresql</c>.</param>
/// <param name="SchemaVersion">The database schema version.</param>
internal sealed record Health(string Status, string Database, int SchemaVersion);
