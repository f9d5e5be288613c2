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
    public static EventBatch Read(IReadOnlyList<string> lines, Func<int, string> name) => Read(lines, name, UnknownFields.Ignore);

    /// <summary>Reads <paramref name="lines"/>; <paramref name="name"/> names the line at an index in problems.</summary>
    /// <param name="lines">The events, one JSON object per line.</param>
    /// <param name="name">The name of the line at an index in problems (<c>events[3]</c>).</param>
    /// <param name="unknownFields">Whether a field the event's type does not read is refused (the API) or ignored (sample files, as the CLI reads them).</param>
    public static EventBatch Read(IReadOnlyList<string> lines, Func<int, string> name, UnknownFields unknownFields)
    {
        var events = new List<IncomingEvent>(lines.Count);
        var problems = new List<EventProblem>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (MeasureEventReader.IsMeasureType(MeasureEventReader.TypeOf(line)))
            {
                var record = MeasureEventReader.ReadLine(line, i + 1, unknownFields);
                if (record.Event is { } e)
                {
                    events.Add(IncomingEvent.FromMeasureEvent(e, line));
                }
                else if (record.Problem is { } p)
                {
                    problems.Add(new EventProblem(Field(name(i), p.Field), p.Message));
                }
            }
            else
            {
                var record = TicketEventReader.ReadJsonLines(new StringReader(line), unknownFields).FirstOrDefault();
                if (record.IsEvent)
                {
                    events.Add(IncomingEvent.FromTicketEvent(record.Event, line));
                }
                else
                {
                    problems.Add(record.Problem is { } p
                        ? new EventProblem(Field(name(i), p.Field), p.Message)
                        : new EventProblem(name(i), "is not an event"));
                }
            }
        }

        return problems.Count > 0 ? new EventBatch([], problems) : new EventBatch(events, problems);
    }

    private static string Field(string name, string field) => string.IsNullOrEmpty(field) ? name : $"{name}.{field}";
}

/// <summary>Why one event of a batch was refused.</summary>
/// <param name="Field">The event and field: <c>events[3].at</c>, or <c>events[3]</c> when the event as a whole is.</param>
/// <param name="Message">What is wrong, quoting the value.</param>
internal sealed record EventProblem(string Field, string Message);
