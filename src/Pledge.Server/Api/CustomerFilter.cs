namespace Pledge.Server.Api;

/// <summary>
/// The one place where the actions and reads endpoints decide which customers' data a request sees. Today: every
/// customer, or the one the <c>customer</c> query parameter names. Access control narrows this to a customer
/// contact's own customer here, and nowhere else.
/// </summary>
internal static class CustomerFilter
{
    /// <summary>Whether the request may see <c>customer</c>'s data.</summary>
    /// <param name="context">The request (its user, once access control is in place).</param>
    /// <param name="customer">The <c>customer</c> query parameter, if given.</param>
    public static Func<string, bool> For(HttpContext context, string? customer)
    {
        ArgumentNullException.ThrowIfNull(context);
        return string.IsNullOrWhiteSpace(customer)
            ? _ => true
            : c => string.Equals(c, customer.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
