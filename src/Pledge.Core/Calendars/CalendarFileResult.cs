using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Pledge.Calendars;

/// <summary>The outcome of reading a calendar file: a calendar, or every problem that stops it, plus warnings.</summary>
public sealed class CalendarFileResult
{
    internal CalendarFileResult(BusinessCalendar? calendar, ImmutableArray<CalendarProblem> problems)
    {
        Calendar = calendar;
        Problems = problems;
    }

    /// <summary>The calendar, when the file is valid.</summary>
    public BusinessCalendar? Calendar { get; }

    /// <summary>Errors and warnings, in file order.</summary>
    public ImmutableArray<CalendarProblem> Problems { get; }

    /// <summary>Whether the file is valid (warnings allowed).</summary>
    [MemberNotNullWhen(true, nameof(Calendar))]
    public bool IsValid => Calendar is not null;

    /// <summary>Problems that stop the calendar from loading.</summary>
    public IEnumerable<CalendarProblem> Errors => Problems.Where(p => !p.IsWarning);

    /// <summary>Problems that do not.</summary>
    public IEnumerable<CalendarProblem> Warnings => Problems.Where(p => p.IsWarning);
}
