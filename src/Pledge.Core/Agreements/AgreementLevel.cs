namespace Pledge.Agreements;

/// <summary>
/// How widely an agreement applies. When several apply to a ticket, the most specific wins, in this order
/// from general to specific: corporate, service, customer, customer-service.
/// </summary>
public enum AgreementLevel
{
    /// <summary>Every customer, every service (<c>corporate</c>).</summary>
    Corporate,

    /// <summary>The listed services, every customer (<c>service</c>).</summary>
    Service,

    /// <summary>One customer, all its services or the listed ones (<c>customer</c>).</summary>
    Customer,

    /// <summary>One customer and the listed services (<c>customer-service</c>).</summary>
    CustomerService,
}
