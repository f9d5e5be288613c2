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

    public static bool IsAnonymous(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    private static string Pattern(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
}
