namespace Pledge.Server.Operations;

/// <summary><c>GET /metrics</c>: the server's measurements for Prometheus.</summary>
internal static class OperationsApi
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (PrometheusExporter exporter) => TypedResults.Text(exporter.Scrape(), PrometheusExporter.ContentType))
            .AllowAnonymous() // counts only, no customer data: scrapers reach it as /health (docs/server.md)
            .WithName("GetMetrics")
            .WithTags("Operations")
            .WithSummary("Counters and gauges in the Prometheus text format: events ingested, clocks open, alerts, notifications, monitor lag, HTTP requests.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }
}
