using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Pledge.Server.Security;

namespace Pledge.Server.Tests.Security;

/// <summary>The gate's rules on endpoint metadata alone, including what no endpoint of today declares (no scope at all).</summary>
public sealed class AccessRulesTests
{
    public static TheoryData<string, string, bool> Rules => new()
    {
        // endpoint metadata, caller, allowed
        { "none", "admin", true },
        { "none", "admin-without-users:manage", false },
        { "none", "manager", false },
        { "none", "contact", false },
        { "any", "agent", true },
        { "any", "contact", false },
        { "any+contacts", "contact", true },
        { "reports:read", "agent", true },
        { "reports:read", "contact", false },
        { "reports:read+contacts", "contact", true },
        { "reports:read+contacts", "agent-without-reports:read", false },
        { "events:write+contacts", "contact", false },
        { "reports:read+events:write", "agent", true },
        { "reports:read+events:write", "agent-without-reports:read", false },
        { "users:manage", "manager", false },
        { "users:manage", "admin", true },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void An_endpoint_admits_a_caller_only_as_its_metadata_says(string metadata, string caller, bool allowed)
    {
        Assert.Equal(allowed, AccessControl.Refusal(Endpoint(metadata), Caller(caller)) is null);
    }

    [Fact]
    public void A_scope_that_is_not_one_is_refused_when_the_endpoint_is_mapped()
    {
        var builder = new Microsoft.AspNetCore.Builder.RouteHandlerBuilder([]);

        Assert.Throws<ArgumentException>(() => builder.RequireScope("reports:write"));
    }

    [Fact]
    public void A_customer_contact_sees_its_own_customer_ignoring_case_and_nothing_else()
    {
        var contact = Caller("contact");

        Assert.True(contact.CanSee("ACME"));
        Assert.False(contact.CanSee("globex"));
        Assert.False(contact.CanSee(null));
        Assert.True(Caller("agent").CanSee("globex"));
    }

    private static Endpoint Endpoint(string metadata)
    {
        var items = new List<object>();
        foreach (var part in metadata.Split('+'))
        {
            items.Add(part switch
            {
                "none" => new object(),
                "any" => AnyCallerAccess.Instance,
                "contacts" => CustomerContactAccess.Instance,
                _ => new ScopeRequirement(part),
            });
        }

        return new Endpoint(null, new EndpointMetadataCollection(items), metadata);
    }

    private static Caller Caller(string who)
    {
        var parts = who.Split("-without-");
        var role = parts[0] switch
        {
            "admin" => Role.Admin,
            "manager" => Role.ServiceLevelManager,
            "agent" => Role.Agent,
            _ => Role.CustomerContact,
        };
        var scopes = Roles.MaxScopes(role).Where(s => parts.Length == 1 || s != parts[1]).ToFrozenSet(StringComparer.Ordinal);
        return new Caller(who, role, role == Role.CustomerContact ? "acme" : null, scopes, "test");
    }
}
