namespace Pledge.Server.Security;

/// <summary>Access control's part of the composition root: its services, its gate in the pipeline, its endpoints.</summary>
internal static class SecurityServices
{
    /// <summary>Registers the authenticator, the password hasher, the login throttle and the start-up bootstrap
    /// (after <see cref="PledgeDatabase"/>, whose hosted service opens the store first).</summary>
    public static IServiceCollection AddPledgeSecurity(this IServiceCollection services)
    {
        services.AddSingleton<PasswordHasher>(_ => new PasswordHasher());
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<BearerAuthenticator>();
        services.AddSingleton<SecurityBootstrap>();
        services.AddHostedService(sp => sp.GetRequiredService<SecurityBootstrap>());
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", options =>
        {
            options.AddDocumentTransformer<OpenApiAccess>();
            options.AddOperationTransformer<OpenApiAccess>();
        });
        return services;
    }

    /// <summary>Puts the access gate (<see cref="AccessControl"/>) in the pipeline: after routing, before every endpoint.</summary>
    public static WebApplication UsePledgeSecurity(this WebApplication app)
    {
        app.UseRouting();
        app.UseMiddleware<AccessControl>();
        return app;
    }

    /// <summary>Maps <c>/api/v1/auth</c> and <c>/api/v1/users</c>.</summary>
    public static IEndpointRouteBuilder MapPledgeSecurityApi(this IEndpointRouteBuilder app) => app.MapAuthApi().MapUsersApi();
}
