using System.Collections.Frozen;
using System.Reflection;

namespace Pledge.Server.Security;

/// <summary>
/// Who makes the current request, once authenticated: the user, its role, the customer of a customer contact,
/// and the scopes its credential holds (never more than its role's). An endpoint takes it as a parameter
/// (<c>(Caller caller, …) =&gt; …</c>) to filter by customer and to name the actor of an audit entry.
/// </summary>
/// <param name="UserName">The user's name.</param>
/// <param name="Role">The user's role now (read at each request, so a demotion takes effect at once).</param>
/// <param name="Customer">The customer of a customer contact; null for the provider's own people.</param>
/// <param name="Scopes">What the credential may do: its own scopes within the role's (a session: all of the role's).</param>
/// <param name="Credential">How the caller proved who it is: <c>key pk_…</c> or <c>session</c>; safe to show and log.</param>
internal sealed record Caller(string UserName, Role Role, string? Customer, FrozenSet<string> Scopes, string Credential)
{
    /// <summary>The <see cref="Credential"/> of a caller that logged in (a session token).</summary>
    public const string SessionCredential = "session";

    /// <summary>The key of the caller in <see cref="HttpContext.Items"/>.</summary>
    private static readonly object ItemKey = new();

    /// <summary>Whether the caller is a customer contact (sees only its own customer's data).</summary>
    public bool IsCustomerContact => Role == Role.CustomerContact;

    /// <summary>The name audit entries record as the actor of a change.</summary>
    public string Actor => UserName;

    /// <summary>Whether the caller's credential holds <paramref name="scope"/>.</summary>
    public bool Has(string scope) => Scopes.Contains(scope);

    /// <summary>
    /// Whether the caller may see data of <paramref name="customerId"/>: the provider's people see every customer,
    /// a customer contact only its own (customer ids compare ignoring case, as the repository's do).
    /// </summary>
    public bool CanSee(string? customerId) =>
        !IsCustomerContact || (customerId is not null && string.Equals(customerId, Customer, StringComparison.OrdinalIgnoreCase));

    /// <summary>The authenticated caller of <paramref name="context"/>, or null on an anonymous request.</summary>
    public static Caller? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var caller) ? caller as Caller : null;
    }

    /// <summary>Binds an endpoint's <see cref="Caller"/> parameter; access control has already refused anonymous calls
    /// to every endpoint not marked anonymous, so null here means the endpoint is anonymous and cannot ask for one.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult(Of(context));

    /// <summary>Records <paramref name="caller"/> as the caller of <paramref name="context"/> (the authenticator does).</summary>
    internal static void Set(HttpContext context, Caller caller) => context.Items[ItemKey] = caller;
}
