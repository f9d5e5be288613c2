using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Pledge.Server.Security;

/// <summary>The names of the roles on the wire and in the database, and the most each role may do.</summary>
internal static class Roles
{
    private static readonly FrozenDictionary<Role, FrozenSet<string>> Max = new Dictionary<Role, FrozenSet<string>>
    {
        [Role.Admin] = Scopes.All.ToFrozenSet(StringComparer.Ordinal),
        [Role.ServiceLevelManager] = new[]
        {
            Scopes.DefinitionsRead, Scopes.DefinitionsWrite, Scopes.EventsWrite, Scopes.ReportsRead,
            Scopes.ActionsRead, Scopes.ActionsWrite, Scopes.NotificationsManage,
        }.ToFrozenSet(StringComparer.Ordinal),
        [Role.Agent] = new[]
        {
            Scopes.DefinitionsRead, Scopes.EventsWrite, Scopes.ReportsRead, Scopes.ActionsRead, Scopes.ActionsWrite,
        }.ToFrozenSet(StringComparer.Ordinal),
        [Role.CustomerContact] = new[]
        {
            Scopes.DefinitionsRead, Scopes.ReportsRead, Scopes.ActionsRead,
        }.ToFrozenSet(StringComparer.Ordinal),
    }.ToFrozenDictionary();

    /// <summary>Every role, in the order documented.</summary>
    public static IReadOnlyList<Role> All { get; } = [Role.Admin, Role.ServiceLevelManager, Role.Agent, Role.CustomerContact];

    /// <summary>The most <paramref name="role"/> may do: a credential of a user holds no scope outside it.</summary>
    public static FrozenSet<string> MaxScopes(Role role) => Max[role];

    /// <summary>The role's name: <c>admin</c>, <c>service-level-manager</c>, <c>agent</c>, <c>customer-contact</c>.</summary>
    public static string Name(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.ServiceLevelManager => "service-level-manager",
        Role.Agent => "agent",
        Role.CustomerContact => "customer-contact",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };

    /// <summary>Reads a role's name (exactly as <see cref="Name"/> writes it).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
