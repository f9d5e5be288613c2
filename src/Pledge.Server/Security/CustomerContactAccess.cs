namespace Pledge.Server.Security;

/// <summary>
/// Endpoint metadata: customer contacts may call it, because it filters what it reads or writes by
/// <see cref="Caller.CanSee"/> (see <see cref="AccessConventions.AllowCustomerContacts{TBuilder}"/>).
/// </summary>
internal sealed class CustomerContactAccess
{
    public static CustomerContactAccess Instance { get; } = new();

    private CustomerContactAccess()
    {
    }
}
