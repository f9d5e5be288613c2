using System.Collections.Immutable;

namespace Pledge.Calendars;

/// <summary>A calendar file that cannot be used; <see cref="Problems"/> lists every problem found, with its location.</summary>
public sealed class CalendarFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/> with its problems.</summary>
    public CalendarFileException(string source, ImmutableArray<CalendarProblem> problems)
        : base(Describe(source, problems))
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>The file (or other source) that was read.</summary>
    public new string Source { get; }

    /// <summary>Every error and warning found.</summary>
    public ImmutableArray<CalendarProblem> Problems { get; }

    private static string Describe(string source, ImmutableArray<CalendarProblem> problems) =>
        $"{source} is not a valid calendar:{Environment.NewLine}"
        + string.Join(Environment.NewLine, problems.Where(p => !p.IsWarning).Select(p => $"  {source}: {p}"));
}
