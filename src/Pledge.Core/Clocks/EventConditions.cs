using Pledge.Tickets;

namespace Pledge.Clocks;

/// <summary>
/// Event conditions as agreement files write them: an event type, optionally narrowed in parentheses —
/// <c>resolved</c>, <c>commented(agent, public)</c> (or <c>commented(agent public)</c>, which needs no quotes in a
/// YAML flow list), <c>commented(customer)</c>, <c>status_changed(solved)</c>.
/// </summary>
public static class EventConditions
{
    /// <summary>Parses a condition; false with a reason for anything else.</summary>
    public static bool TryParse(string? text, out EventCondition condition, out string reason)
    {
        condition = null!;
        reason = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "is empty";
            return false;
        }

        text = text.Trim();
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var name = (open < 0 ? text : text[..open]).Trim();
        if (!TicketEventNames.TryParse(name, out var kind))
        {
            reason = text.EndsWith(')') && open < 0
                ? $"\"{text}\" is the end of a condition cut at its comma: in a [flow, list], quote conditions with commas (\"commented(agent, public)\") or write commented(agent public)"
                : $"\"{name}\" is not an event type ({string.Join(", ", TicketEventNames.All)})";
            return false;
        }

        if (open < 0)
        {
            condition = new EventCondition(kind);
            return true;
        }

        if (!text.EndsWith(')'))
        {
            reason = $"\"{text}\" has no closing parenthesis (in a [flow, list], quote conditions with commas: \"commented(agent, public)\", or write commented(agent public))";
            return false;
        }

        // Details are separated by commas or spaces: "commented(agent, public)" or "commented(agent public)".
        var arguments = text[(open + 1)..^1].Split([',', ' '], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        switch (kind)
        {
            case TicketEventKind.Commented:
                CommentAuthor? author = null;
                bool? isPublic = null;
                foreach (var argument in arguments)
                {
                    switch (argument)
                    {
                        case "agent": author = CommentAuthor.Agent; break;
                        case "customer": author = CommentAuthor.Customer; break;
                        case "public": isPublic = true; break;
                        case "internal": isPublic = false; break;
                        default:
                            reason = $"\"{argument}\" is not agent, customer, public or internal";
                            return false;
                    }
                }

                condition = new EventCondition(kind, author, isPublic);
                return true;
            case TicketEventKind.StatusChanged when arguments.Length == 1:
                condition = new EventCondition(kind, Status: arguments[0]);
                return true;
            case TicketEventKind.StatusChanged:
                reason = "status_changed takes one status, such as status_changed(solved)";
                return false;
            default:
                reason = $"{name} takes no details in parentheses";
                return false;
        }
    }
}
