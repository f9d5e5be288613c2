using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pledge.Tickets;

/// <summary>
/// What <see cref="TicketEventReader"/> made of one line (or CSV record) of an event file: an event, or the problem
/// that keeps it from being one.
/// </summary>
/// <remarks>Exactly one of <see cref="Event"/> and <see cref="Problem"/> is set (both are null only for <c>default</c>).</remarks>
public readonly record struct TicketEventRecord
{
    private TicketEventRecord(int line, TicketEvent? @event, TicketEventProblem? problem)
    {
        Line = line;
        Event = @event;
        Problem = problem;
    }

    /// <summary>1-based line where the event starts.</summary>
    public int Line { get; }

    /// <summary>The event, when the line is a valid one.</summary>
    public TicketEvent? Event { get; }

    /// <summary>Why the line is not an event.</summary>
    public TicketEventProblem? Problem { get; }

    /// <summary>Whether the line is an event (else it is a problem).</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsEvent => Event is not null;

    /// <summary>An event read from <paramref name="line"/>.</summary>
    public static TicketEventRecord Of(int line, TicketEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return new TicketEventRecord(line, @event, null);
    }

    /// <summary>A line that is not an event.</summary>
    public static TicketEventRecord Of(TicketEventProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new TicketEventRecord(problem.Line, null, problem);
    }

    /// <summary>The problem as <c>line N: …</c>, or the event with its line.</summary>
    public override string ToString() =>
        Problem?.ToString() ?? string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Event}");
}
