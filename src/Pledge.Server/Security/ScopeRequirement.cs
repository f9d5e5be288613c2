namespace Pledge.Server.Security;

/// <summary>Endpoint metadata: a caller needs <see cref="Scope"/> (see <see cref="AccessConventions.RequireScope{TBuilder}"/>).</summary>
/// <param name="Scope">One of <see cref="Scopes.All"/>.</param>
internal sealed record ScopeRequirement(string Scope);
