namespace Pledge.Calendars;

/// <summary>One problem found while reading a calendar file, with where it is.</summary>
/// <param name="Field">The field's path: <c>week.monday[1]</c>, <c>holidays[2].date</c>, <c>timezone</c>.</param>
/// <param name="Line">1-based line in the file, or 0 when unknown.</param>
/// <param name="Column">1-based column in the file, or 0 when unknown.</param>
/// <param name="Message">What is wrong, quoting the value.</param>
/// <param name="IsWarning">True for something worth knowing that does not stop the calendar from loading.</param>
public sealed record CalendarProblem(string Field, int Line, int Column, string Message, bool IsWarning = false)
{
    /// <summary>"line 5, column 15: week.monday[1]: "25:00-17:00" is not a time range".</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"line {Line}, column {Column}: " : string.Empty;
        var field = string.IsNullOrEmpty(Field) ? string.Empty : $"{Field}: ";
        return $"{(IsWarning ? "warning: " : string.Empty)}{where}{field}{Message}";
    }
}
