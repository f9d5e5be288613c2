namespace Pledge.Server.Api.Definitions;

/// <summary>
/// The one place that decides which customers' definitions a caller may read and change (customers and their
/// agreements). The provider's people see everything; a customer contact its own customer's.
/// </summary>
internal static class CustomerAccess
{
    /// <summary>
    /// Whether the caller of <paramref name="context"/> may see a definition of a customer (the function's argument);
    /// a null customer is a shared definition (the catalogue, calendars, corporate and service agreements, OLAs, UCs).
    /// </summary>
    public static Func<string?, bool> For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A customer contact sees its own customer and its customer-level agreements only: shared definitions include
        // OLAs and UCs (internal and supplier terms) and are not a contact's business.
        return Pledge.Server.Security.Caller.Of(context) is { IsCustomerContact: true } caller
            ? customer => customer is not null && caller.CanSee(customer)
            : static _ => true;
    }
}
