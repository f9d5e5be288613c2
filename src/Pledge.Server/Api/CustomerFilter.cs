namespace Pledge.Server.Api;

/// <summary>
/// The one place where the actions and reads endpoints decide which customers' data a request sees. A customer
/// contact sees its own customer only; others every customer; the <c>customer</c> query parameter narrows either.
/// </summary>
internal static class CustomerFilter
{
    /// <summary>Whether the request may see <c>customer</c>'s data.</summary>
    /// <param name="context">The request (its user, once access control is in place).</param>
    /// <param name="customer">The <c>customer</c> query parameter, if given.</param>
    public static Func<string, bool> For(HttpContext context, string? customer)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Pledge.Server.Security.Caller.Of(context);
        Func<string, bool> allowed = caller is { IsCustomerContact: true } ? c => caller.CanSee(c) : _ => true;
        return string.IsNullOrWhiteSpace(customer)
            ? allowed
            : c => allowed(c) && string.Equals(c, customer.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
