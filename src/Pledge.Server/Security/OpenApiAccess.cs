using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pledge.Server.Security;

/// <summary>
/// Describes access control in the OpenAPI document: a <c>bearer</c> security scheme required by default (so the
/// reference page offers to send a key), none on anonymous endpoints, and each operation's scope and customer rule
/// in its description.
/// </summary>
internal sealed class OpenApiAccess : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string SchemeName = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (pk_…), or a session token from POST /api/v1/auth/login (ps_…). The first admin's key is printed when the server first starts, or set with --admin-key / PLEDGE_ADMIN_KEY.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            // An empty list overrides the document's requirement: no credential needed.
            operation.Security = [];
            return Task.CompletedTask;
        }

        var scopes = metadata.OfType<ScopeRequirement>().Select(s => s.Scope).ToList();
        var access = scopes.Count > 0
            ? $"Needs the scope {string.Join(" and ", scopes)}."
            : metadata.OfType<AnyCallerAccess>().Any() ? "Any authenticated caller (its own account only)." : "Admins only (declares no scope).";
        access += metadata.OfType<CustomerContactAccess>().Any()
            ? " Customer contacts may call it and see their own customer's data only."
            : " Refused to customer contacts.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? access : $"{operation.Description}\n\n{access}";
        return Task.CompletedTask;
    }
}
