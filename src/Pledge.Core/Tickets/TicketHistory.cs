using System.Collections.Immutable;
using System.Runtime.InteropServices;

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
    // Up to this many events, repeated ids are found by comparing each event with those kept before it and the
    // events are put in order by insertion: no dictionary, no sort, nothing allocated but the history (issue 3:
    // a report assembles a million of these, about 6.5 events each).
    private const int Small = 32;

    private TicketHistory(string ticketId, ImmutableArray<TicketEvent> events, TicketCreated? created)
    {
        TicketId = ticketId;
        Events = events;
        Created = created;
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
        return events switch
        {
            TicketEvent[] array => Of(array.AsSpan()),
            List<TicketEvent> list => Of(CollectionsMarshal.AsSpan(list)),
            _ => Of(CollectionsMarshal.AsSpan(events.ToList())),
        };
    }

    /// <summary>Builds the history of one ticket from events in any order, with duplicates; the span is only read.</summary>
    /// <exception cref="ArgumentException">The events belong to more than one ticket.</exception>
    internal static TicketHistory Of(ReadOnlySpan<TicketEvent> events)
    {
        if (events.Length > Small)
        {
            return OfMany(events);
        }

        var array = new TicketEvent[events.Length];
        var kept = array.AsSpan();
        var count = 0;
        string? ticketId = null;
        foreach (var e in events)
        {
            ticketId ??= e.TicketId;
            if (!string.Equals(ticketId, e.TicketId, StringComparison.Ordinal))
            {
                throw new ArgumentException(Mixed(ticketId, e), nameof(events));
            }

            var copy = IndexOfId(kept, count, e.Id);
            if (copy >= 0)
            {
                if (Precedes(e, kept[copy]))
                {
                    // Take the copy out and put the preferred one where it sorts.
                    kept.Slice(copy + 1, count - copy - 1).CopyTo(kept[copy..]);
                    count--;
                    Insert(kept, ref count, e);
                }

                continue;
            }

            Insert(kept, ref count, e);
        }

        if (count < array.Length)
        {
            Array.Resize(ref array, count);
        }

        return Create(ticketId, array);
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

    /// <summary>Any number of events: ids looked up in a dictionary, then one sort.</summary>
    private static TicketHistory OfMany(ReadOnlySpan<TicketEvent> events)
    {
        var seen = new Dictionary<string, int>(events.Length, StringComparer.Ordinal);
        var unique = new List<TicketEvent>(events.Length);
        string? ticketId = null;
        foreach (var e in events)
        {
            ticketId ??= e.TicketId;
            if (!string.Equals(ticketId, e.TicketId, StringComparison.Ordinal))
            {
                throw new ArgumentException(Mixed(ticketId, e), nameof(events));
            }

            if (seen.TryGetValue(e.Id, out var index))
            {
                if (Precedes(e, unique[index]))
                {
                    unique[index] = e;
                }

                continue;
            }

            seen[e.Id] = unique.Count;
            unique.Add(e);
        }

        // Ids are unique now, so Compare is a total order: any sort gives the same result.
        unique.Sort(Compare);
        return Create(ticketId, [.. unique]);
    }

    private static TicketHistory Create(string? ticketId, TicketEvent[] events)
    {
        TicketCreated? created = null;
        foreach (var e in events)
        {
            if (e is TicketCreated c)
            {
                created = c;
                break;
            }
        }

        return new TicketHistory(ticketId ?? string.Empty, ImmutableCollectionsMarshal.AsImmutableArray(events), created);
    }

    /// <summary>
    /// Whether <paramref name="e"/> replaces <paramref name="kept"/>, an event with the same id: the same id delivered
    /// twice with different content (a corrected re-send) keeps the copy that sorts first, so the history never
    /// depends on which copy arrived first.
    /// </summary>
    private static bool Precedes(TicketEvent e, TicketEvent kept)
    {
        if (e.Equals(kept))
        {
            return false;
        }

        var order = Compare(e, kept);
        return order < 0 || (order == 0 && string.CompareOrdinal(e.ToString(), kept.ToString()) < 0);
    }

    private static int IndexOfId(Span<TicketEvent> kept, int count, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        // Ids of one ticket tend to differ at their end ("T-1-1", "T-1-2"): look there before comparing the whole.
        var last = id.Length > 0 ? id[^1] : '\0';
        for (var i = 0; i < count; i++)
        {
            var other = kept[i].Id;
            if (other is not null && other.Length == id.Length && (id.Length == 0 || other[^1] == last) && string.Equals(other, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Puts <paramref name="e"/> in order among the first <paramref name="count"/> events (most arrive in order: one comparison).</summary>
    private static void Insert(Span<TicketEvent> kept, ref int count, TicketEvent e)
    {
        var i = count;
        while (i > 0 && Compare(kept[i - 1], e) > 0)
        {
            kept[i] = kept[i - 1];
            i--;
        }

        kept[i] = e;
        count++;
    }

    private static string Mixed(string ticketId, TicketEvent e) =>
        $"Events of tickets '{ticketId}' and '{e.TicketId}' cannot form one history.";
}
