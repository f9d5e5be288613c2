namespace Pledge.Server.Security;

/// <summary>
/// Endpoint metadata: any authenticated caller may call it, whatever its scopes, because it touches only the
/// caller's own account (<c>/api/v1/auth/me</c>, logout, one's own keys). See
/// <see cref="AccessConventions.AllowAnyCaller{TBuilder}"/>.
/// </summary>
internal sealed class AnyCallerAccess
{
    public static AnyCallerAccess Instance { get; } = new();

    private AnyCallerAccess()
    {
    }
}
