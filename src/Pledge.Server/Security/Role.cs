namespace Pledge.Server.Security;

/// <summary>What a user is to the provider; it bounds the scopes of every credential the user holds.</summary>
internal enum Role
{
    /// <summary>Runs the server: every scope, users and keys included.</summary>
    Admin,

    /// <summary>Owns the agreements: definitions, events, reports, actions and notifications.</summary>
    ServiceLevelManager,

    /// <summary>Works tickets: reads definitions and reports, posts events, works corrective actions.</summary>
    Agent,

    /// <summary>A person at a customer: reads its own customer's agreements, reports and actions, nothing else.</summary>
    CustomerContact,
}
