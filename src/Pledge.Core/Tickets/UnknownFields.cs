namespace Pledge.Tickets;

/// <summary>What an event reader does with a field the event's type does not read.</summary>
/// <remarks>
/// Files from helpdesk exports carry many more fields than Pledge reads (subject, requester, tags …), so the CLI
/// ignores them (docs/events.md). The server's API is a contract of its own: there a field it does not read is
/// most often a typo (<c>"priorty"</c>) that would otherwise vanish silently, so the API refuses it.
/// </remarks>
public enum UnknownFields
{
    /// <summary>Ignore them (event files, the CLI).</summary>
    Ignore,

    /// <summary>Refuse the event, naming the first such field (the server's API).</summary>
    Refuse,
}
