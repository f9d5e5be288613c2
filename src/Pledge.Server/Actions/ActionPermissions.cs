using System.Security.Claims;

namespace Pledge.Server.Actions;

/// <summary>
/// Who may do what to an action beyond what every caller with access to actions may do. Only one rule today: a
/// verified action is final, and only a service-level manager (or an administrator) may reopen it.
/// </summary>
/// <remarks>The roles come from the caller's identity (the access-control work names them); without an identity,
/// nobody is a manager, so a verified action cannot be reopened.</remarks>
internal static class ActionPermissions
{
    /// <summary>The roles that may reopen a verified action.</summary>
    public static readonly IReadOnlyList<string> ManagerRoles = ["admin", "service-level-manager"];

    /// <summary>Whether <paramref name="user"/> may reopen a verified action.</summary>
    public static bool IsManager(ClaimsPrincipal? user) => user is not null && ManagerRoles.Any(user.IsInRole);
}
