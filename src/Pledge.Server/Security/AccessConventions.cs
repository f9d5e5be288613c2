namespace Pledge.Server.Security;

/// <summary>
/// How an endpoint declares who may call it. Without any of these an <c>/api/v1</c> endpoint is open to admins
/// only, and closed to customer contacts unless <see cref="AllowCustomerContacts{TBuilder}"/> says otherwise, so a
/// forgotten declaration closes an endpoint rather than opening it (docs/security.md).
/// </summary>
/// <example>
/// <code>
/// group.MapGet("/", GetAsync).RequireScope(Scopes.ReportsRead).AllowCustomerContacts();
/// group.MapPost("/", PostAsync).RequireScope(Scopes.EventsWrite);
/// </code>
/// </example>
internal static class AccessConventions
{
    /// <summary>Callers need <paramref name="scope"/>; several calls need all of them.</summary>
    /// <exception cref="ArgumentException"><paramref name="scope"/> is not one of <see cref="Scopes.All"/>.</exception>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!Scopes.IsKnown(scope))
        {
            throw new ArgumentException($"\"{scope}\" is not a scope: use a constant of Scopes", nameof(scope));
        }

        builder.WithMetadata(new ScopeRequirement(scope));
        return builder;
    }

    /// <summary>Customer contacts may call it: the endpoint filters by <see cref="Caller.CanSee"/> (take a
    /// <see cref="Caller"/> parameter), and the isolation test holds it to that.</summary>
    public static TBuilder AllowCustomerContacts<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(CustomerContactAccess.Instance);
        return builder;
    }

    /// <summary>Any authenticated caller may call it, without a scope: only for endpoints on the caller's own account.</summary>
    public static TBuilder AllowAnyCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(AnyCallerAccess.Instance);
        return builder;
    }
}
