using System.Collections.Immutable;

namespace Pledge.Agreements;

/// <summary>An organisation that receives services, with its contacts.</summary>
public sealed record Customer(string Id, string Name, ImmutableArray<Contact> Contacts)
{
    /// <summary>The services it receives, as customers.yaml lists them; empty: every service of the catalogue.</summary>
    public ImmutableArray<string> Services { get; init; } = [];
}

/// <summary>A person at a customer, a team or a supplier.</summary>
public sealed record Contact(string Name, string? Email)
{
    /// <summary>What the person does there (<c>facilities</c>, <c>manager</c>): escalation rules notify contacts by role.</summary>
    public string? Role { get; init; }
}
