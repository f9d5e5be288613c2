using System.Globalization;

namespace Pledge.Tickets;

/// <summary>One line of an event file that is not a usable event, and why.</summary>
/// <param name="Line">1-based line where the event (or, in CSV, the record) starts.</param>
/// <param name="Field">The field at fault (<c>at</c>, <c>customer</c>), or empty when the whole line is (bad JSON, bad CSV quoting).</param>
/// <param name="Message">What is wrong, naming the field and quoting the value: <c>"at": "2026-13-01T00:00Z" is not an instant (ISO-8601 with offset)</c>.</param>
public sealed record TicketEventProblem(int Line, string Field, string Message)
{
    /// <summary><c>line 12: "at": "2026-13-01T00:00Z" is not an instant (ISO-8601 with offset)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Message}");
}
