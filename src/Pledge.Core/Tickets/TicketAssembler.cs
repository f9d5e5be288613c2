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
    private Instant _watermark = Instant.MinValue;

    /// <summary>How long after a ticket's finish (in event time) late events are still taken.</summary>
    public Duration Grace { get; } = grace;

    /// <summary>The most tickets held at once: what memory is bounded by.</summary>
    public int PeakHeld { get; private set; }

    /// <summary>The histories of <paramref name="events"/>, each ticket once, finished tickets first as the stream allows.</summary>
    public IEnumerable<TicketHistory> Assemble(IEnumerable<TicketEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            if (!_open.TryGetValue(e.TicketId, out var list))
            {
                _open[e.TicketId] = list = new List<TicketEvent>(8);
                PeakHeld = Math.Max(PeakHeld, _open.Count);
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
                    yield return TicketHistory.Of(done);
                }
            }
        }

        foreach (var (_, remaining) in _open)
        {
            yield return TicketHistory.Of(remaining);
        }

        _open.Clear();
    }
}
