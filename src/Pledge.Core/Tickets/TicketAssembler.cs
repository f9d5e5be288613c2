using System.Runtime.InteropServices;
using NodaTime;

namespace Pledge.Tickets;

/// <summary>
/// Turns a stream of events of many tickets (in arrival order, mostly by time) into one history per ticket,
/// handing each ticket on as soon as it is finished, so memory holds the open tickets, not the whole stream.
/// </summary>
/// <remarks>
/// A ticket is finished once it is closed or merged. Events may still arrive late, so a finished ticket is
/// handed on only when the stream has moved <see cref="Grace"/> past its finish (by the latest event time
/// seen, the watermark). An event that comes even later for a ticket already handed on forms a fragment
/// without a creation event, which clocks cannot use (reports count such fragments). Every ticket still held
/// when the stream ends is handed on then, open ones included.
/// </remarks>
public sealed class TicketAssembler(Duration grace)
{
    private readonly Dictionary<string, List<TicketEvent>> _open = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, Instant> _finished = new();

    // Lists of tickets handed on, for the next tickets (issue 3: one list per ticket was a tenth of a report's
    // allocations). Few are needed: a ticket is usually handed on before the next few are opened.
    private const int MaxSpare = 64;
    private readonly Stack<List<TicketEvent>> _spare = new();
    private Instant _watermark = Instant.MinValue;

    /// <summary>How long after a ticket's finish (in event time) late events are still taken.</summary>
    public Duration Grace { get; } = grace;

    /// <summary>The most tickets held at once: what memory is bounded by.</summary>
    public int PeakHeld { get; private set; }

    /// <summary>The histories of <paramref name="events"/>, each ticket once, finished tickets first as the stream allows.</summary>
    public IEnumerable<TicketHistory> Assemble(IEnumerable<TicketEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        // The ticket of the previous event: files often list a ticket's events together, so most events need no
        // lookup (issue 3). Ticket ids are usually the very same string (the readers share them).
        string? lastTicket = null;
        List<TicketEvent>? last = null;
        foreach (var e in events)
        {
            List<TicketEvent>? list;
            if (last is not null && string.Equals(e.TicketId, lastTicket, StringComparison.Ordinal))
            {
                list = last;
            }
            else
            {
                ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(_open, e.TicketId, out var exists);
                if (!exists)
                {
                    held = _spare.TryPop(out var spare) ? spare : new List<TicketEvent>(8);
                    PeakHeld = Math.Max(PeakHeld, _open.Count);
                }

                list = held!;
                lastTicket = e.TicketId;
                last = list;
            }

            list.Add(e);
            if (e.Kind is TicketEventKind.Closed or TicketEventKind.Merged)
            {
                _finished.Enqueue(e.TicketId, e.At);
            }

            if (e.At > _watermark)
            {
                _watermark = e.At;
            }

            // A file grouped by ticket reaches its watermark early: hand tickets on whenever they qualify.
            while (_finished.TryPeek(out var ticket, out var finishedAt) && finishedAt + Grace < _watermark)
            {
                _finished.Dequeue();
                if (_open.Remove(ticket, out var done))
                {
                    if (ReferenceEquals(done, last))
                    {
                        lastTicket = null;
                        last = null;
                    }

                    // The history copies the events: the list can take the next ticket's.
                    var history = TicketHistory.Of(CollectionsMarshal.AsSpan(done));
                    Recycle(done);
                    yield return history;
                }
            }
        }

        foreach (var (_, remaining) in _open)
        {
            yield return TicketHistory.Of(CollectionsMarshal.AsSpan(remaining));
        }

        _open.Clear();
    }

    private void Recycle(List<TicketEvent> list)
    {
        // Long histories keep their lists: a spare stays small.
        if (_spare.Count < MaxSpare && list.Capacity <= 64)
        {
            list.Clear();
            _spare.Push(list);
        }
    }
}
