using System.Globalization;

namespace Pledge.Measures;

/// <summary>A line of a measure event file: the event read, or why it could not be.</summary>
public readonly record struct MeasureEventRecord(object? Event, MeasureEventProblem? Problem);

/// <summary>Why one line of a measure event file was not read.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Field">The field at fault (empty when the line as a whole is).</param>
/// <param name="Message">What is wrong, quoting the value.</param>
public sealed record MeasureEventProblem(int Line, string Field, string Message)
{
    /// <summary><c>line 12: "score": 7 is outside the scale</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Message}");
}
