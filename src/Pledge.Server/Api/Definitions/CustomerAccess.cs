namespace Pledge.Server.Api.Definitions;

/// <summary>
/// The one place that decides which customers' definitions a caller may read and change (customers and their
/// agreements). Today every caller sees every customer; access control narrows it here.
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
        return static _ => true;
    }
}
