using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Pledge.Server.Tests.Security;

/// <summary>Every endpoint the server maps, as <c>METHOD /route/pattern</c>, read from its <see cref="EndpointDataSource"/>.</summary>
internal static class ServerEndpoints
{
    public static IReadOnlyList<(string Key, RouteEndpoint Endpoint)> Of(PledgeTestServer server) =>
    [
        .. server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => ($"{m} {Pattern(e)}", e)))
            .OrderBy(e => e.Item1, StringComparer.Ordinal),
    ];

    /// <summary>A path that matches <paramref name="endpoint"/>'s pattern: each route value filled with a value its
    /// constraint takes (1 for numbers, an empty GUID for GUIDs, <paramref name="text"/> otherwise).</summary>
    public static string SamplePath(RouteEndpoint endpoint, string text = "x1") =>
        System.Text.RegularExpressions.Regex.Replace(Pattern(endpoint), @"\{\*{0,2}(\w+)([^}]*)\}", m => m.Groups[2].Value switch
        {
            var c when c.Contains(":int", StringComparison.Ordinal) || c.Contains(":long", StringComparison.Ordinal) || c.Contains(":decimal", StringComparison.Ordinal) => "1",
            var c when c.Contains(":guid", StringComparison.Ordinal) => Guid.Empty.ToString(),
            var c when c.Contains(":bool", StringComparison.Ordinal) => "true",
            _ => text,
        });

    public static bool IsAnonymous(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    private static string Pattern(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
}
