using Pledge.Measures;
using Pledge.Storage;
using Pledge.Tickets;

namespace Pledge.Server.Api;

/// <summary>
/// A batch of events as JSON lines, each read by Core's readers exactly as the CLI reads files: ticket events by
/// <see cref="TicketEventReader"/>, measure events (by their <c>type</c>) by <see cref="MeasureEventReader"/>.
/// </summary>
internal sealed class EventBatch
{
    private EventBatch(List<IncomingEvent> events, List<EventProblem> problems)
    {
        Events = events;
        Problems = problems;
    }

    /// <summary>The events read, in input order (empty when there is any problem).</summary>
    public IReadOnlyList<IncomingEvent> Events { get; }

    /// <summary>Every problem, each naming the event (<c>events[3]</c>) and the field (<c>events[3].at</c>).</summary>
    public IReadOnlyList<EventProblem> Problems { get; }

    /// <summary>Reads <paramref name="lines"/> as the CLI reads event files (fields it does not read are ignored).</summary>
    public static EventBatch Read(IReadOnlyList<string> lines, Func<int, string> name) =>
        Read(lines, [.. lines.Select(MeasureEventReader.TypeOf)], name, UnknownFields.Ignore);

    /// <summary>Reads <paramref name="lines"/>; <paramref name="name"/> names the line at an index in problems.</summary>
    /// <param name="lines">The events, one JSON object per line.</param>
    /// <param name="types">The <c>type</c> of each line (<see cref="MeasureEventReader.TypeOf"/>), which picks its reader.</param>
    /// <param name="name">The name of the line at an index in problems (<c>events[3]</c>).</param>
    /// <param name="unknownFields">Whether a field the event's type does not read is refused (the API) or ignored (sample files, as the CLI reads them).</param>
    public static EventBatch Read(IReadOnlyList<string> lines, IReadOnlyList<string?> types, Func<int, string> name, UnknownFields unknownFields)
    {
        var events = new IncomingEvent?[lines.Count];
        var problems = new List<(int Index, EventProblem Problem)>();
        var ticketLines = new List<int>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!MeasureEventReader.IsMeasureType(types[i]))
            {
                ticketLines.Add(i);
                continue;
            }

            var record = MeasureEventReader.ReadLine(line, i + 1, unknownFields);
            if (record.Event is { } e)
            {
                events[i] = IncomingEvent.FromMeasureEvent(e, line);
            }
            else if (record.Problem is { } p)
            {
                problems.Add((i, new EventProblem(Field(name(i), p.Field), p.Message)));
            }
        }

        // Ticket events go through one reader as one file of lines (a reader per line would set up its parser and
        // its string cache every time). Each line is one compact JSON object, so line n of the file is the n-th
        // ticket line of the batch.
        if (ticketLines.Count > 0)
        {
            var text = new System.Text.StringBuilder();
            foreach (var i in ticketLines)
            {
                text.Append(lines[i]).Append('\n');
            }

            var seen = new bool[ticketLines.Count];
            foreach (var record in TicketEventReader.ReadJsonLines(new StringReader(text.ToString()), unknownFields))
            {
                var at = (record.Problem?.Line ?? record.Line) - 1;
                if (at < 0 || at >= ticketLines.Count)
                {
                    continue;
                }

                var i = ticketLines[at];
                seen[at] = true;
                if (record.IsEvent)
                {
                    events[i] = IncomingEvent.FromTicketEvent(record.Event!, lines[i]);
                }
                else
                {
                    problems.Add((i, record.Problem is { } p
                        ? new EventProblem(Field(name(i), p.Field), p.Message)
                        : new EventProblem(name(i), "is not an event")));
                }
            }

            for (var at = 0; at < seen.Length; at++)
            {
                if (!seen[at])
                {
                    problems.Add((ticketLines[at], new EventProblem(name(ticketLines[at]), "is not an event")));
                }
            }
        }

        return problems.Count > 0
            ? new EventBatch([], [.. problems.OrderBy(p => p.Index).Select(p => p.Problem)])
            : new EventBatch([.. events.Select(e => e!)], []);
    }

    private static string Field(string name, string field) => string.IsNullOrEmpty(field) ? name : $"{name}.{field}";
}

/// <summary>Why one event of a batch was refused.</summary>
/// <param name="Field">The event and field: <c>events[3].at</c>, or <c>events[3]</c> when the event as a whole is.</param>
/// <param name="Message">What is wrong, quoting the value.</param>
internal sealed record EventProblem(string Field, string Message);
