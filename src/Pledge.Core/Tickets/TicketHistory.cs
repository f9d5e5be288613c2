using System.Collections.Immutable;

namespace Pledge.Tickets;

/// <summary>
/// One ticket's events, each once, in time order: the input every clock folds over.
/// </summary>
/// <remarks>
/// Events may arrive in any order and more than once; a repeated id is one event (if its copies differ,
/// the one that sorts first is kept, whatever the arrival order).
/// Events at the same instant are ordered creation first, then by kind as listed in
/// <see cref="TicketEventKind"/>, then by id, so any arrival order gives the same history.
/// </remarks>
public sealed class TicketHistory
{
    private TicketHistory(string ticketId, ImmutableArray<TicketEvent> events)
    {
        TicketId = ticketId;
        Events = events;
        Created = events.OfType<TicketCreated>().FirstOrDefault();
    }

    /// <summary>The ticket.</summary>
    public string TicketId { get; }

    /// <summary>The events, each once, in time order.</summary>
    public ImmutableArray<TicketEvent> Events { get; }

    /// <summary>The creation event; null while it has not arrived.</summary>
    public TicketCreated? Created { get; }

    /// <summary>Builds the history of one ticket from events in any order, with duplicates.</summary>
    /// <exception cref="ArgumentException">The events belong to more than one ticket.</exception>
    public static TicketHistory Of(IEnumerable<TicketEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<TicketEvent>();
        string? ticketId = null;
        foreach (var e in events)
        {
            ticketId ??= e.TicketId;
            if (!string.Equals(ticketId, e.TicketId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Events of tickets '{ticketId}' and '{e.TicketId}' cannot form one history.", nameof(events));
            }

            if (seen.TryGetValue(e.Id, out var index))
            {
                // The same id delivered twice with different content (a corrected re-send): keep the one that
                // sorts first, so the history never depends on which copy arrived first.
                if (!e.Equals(unique[index]) && Compare(e, unique[index]) is var order
                    && (order < 0 || (order == 0 && string.CompareOrdinal(e.ToString(), unique[index].ToString()) < 0)))
                {
                    unique[index] = e;
                }

                continue;
            }

            seen[e.Id] = unique.Count;
            unique.Add(e);
        }

        unique.Sort(Compare);
        return new TicketHistory(ticketId ?? string.Empty, [.. unique]);
    }

    /// <summary>Time order, with a total order for events at the same instant.</summary>
    public static int Compare(TicketEvent a, TicketEvent b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byTime = a.At.CompareTo(b.At);
        if (byTime != 0)
        {
            return byTime;
        }

        var byKind = ((int)a.Kind).CompareTo((int)b.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(a.Id, b.Id);
    }
}
