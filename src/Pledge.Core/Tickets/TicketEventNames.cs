namespace Pledge.Tickets;

/// <summary>The snake-case names of event kinds used in event files and agreement rules.</summary>
public static class TicketEventNames
{
    private static readonly string[] Names =
        ["created", "status_changed", "priority_changed", "service_changed", "assigned", "commented", "resolved", "reopened", "closed", "merged"];

    /// <summary>The file name of <paramref name="kind"/>: <c>status_changed</c>.</summary>
    public static string Of(TicketEventKind kind) => Names[(int)kind];

    /// <summary>Reads a file name back; false when it is not an event kind.</summary>
    public static bool TryParse(string? name, out TicketEventKind kind)
    {
        var index = Array.IndexOf(Names, name);
        kind = index < 0 ? default : (TicketEventKind)index;
        return index >= 0;
    }

    /// <summary>Every name, in kind order.</summary>
    public static IReadOnlyList<string> All => Names;
}
