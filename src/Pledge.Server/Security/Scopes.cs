using System.Collections.Frozen;

namespace Pledge.Server.Security;

/// <summary>
/// What a credential may do. Every <c>/api/v1</c> endpoint declares the scope it needs with
/// <see cref="AccessConventions.RequireScope{TBuilder}"/>; a role grants at most <see cref="Roles.MaxScopes"/>, and an
/// API key holds a subset of its owner's role (docs/security.md has the matrix).
/// </summary>
internal static class Scopes
{
    /// <summary>Read the catalogue, customers, calendars and agreements (a customer contact: its own only).</summary>
    public const string DefinitionsRead = "definitions:read";

    /// <summary>Create and change the catalogue, customers, calendars and agreements.</summary>
    public const string DefinitionsWrite = "definitions:write";

    /// <summary>Post ticket and measure events.</summary>
    public const string EventsWrite = "events:write";

    /// <summary>Read reports, attainment, clocks, breaches and budgets (a customer contact: its own only).</summary>
    public const string ReportsRead = "reports:read";

    /// <summary>Read corrective actions (a customer contact: its own only).</summary>
    public const string ActionsRead = "actions:read";

    /// <summary>Open and update corrective actions.</summary>
    public const string ActionsWrite = "actions:write";

    /// <summary>Manage escalation rules, channels and deliveries.</summary>
    public const string NotificationsManage = "notifications:manage";

    /// <summary>Manage users and everyone's API keys.</summary>
    public const string UsersManage = "users:manage";

    /// <summary>Every scope, in the order documented.</summary>
    public static IReadOnlyList<string> All { get; } =
        [DefinitionsRead, DefinitionsWrite, EventsWrite, ReportsRead, ActionsRead, ActionsWrite, NotificationsManage, UsersManage];

    private static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="scope"/> is one of <see cref="All"/> (exactly, lower case).</summary>
    public static bool IsKnown(string scope) => Known.Contains(scope);
}
