using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace Pledge.Server.Security;

/// <summary>
/// The one gate every request passes after routing: it authenticates the bearer credential and applies the
/// endpoint's declared access, closed by default.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>An endpoint marked <c>AllowAnonymous()</c> is open (health, the OpenAPI document, the reference page, login).</item>
/// <item>Every other endpoint needs a valid credential: 401 with <c>WWW-Authenticate: Bearer</c> otherwise.</item>
/// <item>A customer contact is refused (403) unless the endpoint is marked <c>AllowCustomerContacts()</c>.</item>
/// <item>The caller needs every scope the endpoint declares with <c>RequireScope(…)</c> (403 naming it);
/// an endpoint that declares none, and is not marked <c>AllowAnyCaller()</c>, is open to full admin credentials only.</item>
/// </list>
/// Requests that match no endpoint pass through to the 404 or 405 answer: there is nothing behind them to protect.
/// </remarks>
internal sealed class AccessControl(RequestDelegate next, BearerAuthenticator authenticator)
{
    private const string Realm = "Bearer realm=\"pledge\"";

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, Realm, "Authentication required",
                "send an API key or a session token: Authorization: Bearer <secret> (POST /api/v1/auth/login gives a session token)");
            return;
        }

        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, Realm + ", error=\"invalid_request\"", "Authentication required",
                "the Authorization header is not \"Bearer <secret>\"");
            return;
        }

        var caller = await authenticator.AuthenticateAsync(header[scheme.Length..].Trim(), context.RequestAborted);
        if (caller is null)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, Realm + ", error=\"invalid_token\"", "Invalid credential",
                "the API key or session token is unknown, expired or revoked, or its user is disabled");
            return;
        }

        Caller.Set(context, caller);
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, caller.UserName), new Claim(ClaimTypes.Role, Roles.Name(caller.Role))], "Bearer"));

        if (Refusal(endpoint, caller) is { } refusal)
        {
            var challenge = refusal.Scope is null ? null : $"{Realm}, error=\"insufficient_scope\", scope=\"{refusal.Scope}\"";
            await RefuseAsync(context, StatusCodes.Status403Forbidden, challenge, "Forbidden", refusal.Detail);
            return;
        }

        await next(context);
    }

    /// <summary>Why <paramref name="caller"/> may not call <paramref name="endpoint"/>, or null when it may.</summary>
    public static (string Detail, string? Scope)? Refusal(Endpoint endpoint, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsCustomerContact && endpoint.Metadata.GetMetadata<CustomerContactAccess>() is null)
        {
            return ("customer contacts cannot call this endpoint", null);
        }

        var required = endpoint.Metadata.GetOrderedMetadata<ScopeRequirement>();
        if (required.Count == 0)
        {
            if (endpoint.Metadata.GetMetadata<AnyCallerAccess>() is not null || IsFullAdmin(caller))
            {
                return null;
            }

            return ("this endpoint declares no scope, so only an admin credential holding every scope may call it", null);
        }

        foreach (var requirement in required)
        {
            if (!caller.Has(requirement.Scope))
            {
                return ($"the credential lacks the scope {requirement.Scope}", requirement.Scope);
            }
        }

        return null;
    }

    private static bool IsFullAdmin(Caller caller) => caller.Role == Role.Admin && Scopes.All.All(caller.Has);

    private static Task RefuseAsync(HttpContext context, int status, string? challenge, string title, string detail)
    {
        if (challenge is not null)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = challenge;
        }

        return TypedResults.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }
}
