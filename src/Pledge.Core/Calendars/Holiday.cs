using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Calendars;

/// <summary>
/// A day whose weekly hours do not apply: closed all day (no <see cref="Hours"/>) or shortened
/// (its <see cref="Hours"/> replace the week's). Either one date or every year on a month and day.
/// </summary>
public sealed record Holiday
{
    private Holiday(LocalDate? date, AnnualDate? annual, ImmutableArray<BusinessHours> hours, string? name, HolidaySource source)
    {
        Date = date;
        Annual = annual;
        Hours = hours.IsDefault ? [] : hours;
        Name = name;
        Source = source;
    }

    /// <summary>The date of a one-off holiday; null for an annual one.</summary>
    public LocalDate? Date { get; }

    /// <summary>The month and day of an annual holiday; null for a one-off one.</summary>
    public AnnualDate? Annual { get; }

    /// <summary>The day's hours; empty when the day is closed.</summary>
    public ImmutableArray<BusinessHours> Hours { get; }

    /// <summary>An optional label ("Christmas Day").</summary>
    public string? Name { get; }

    /// <summary>Where the holiday was declared.</summary>
    public HolidaySource Source { get; }

    /// <summary>Whether the day is closed all day.</summary>
    public bool IsClosed => Hours.IsEmpty;

    /// <summary>A one-off holiday on <paramref name="date"/>.</summary>
    public static Holiday On(LocalDate date, ImmutableArray<BusinessHours> hours = default, string? name = null, HolidaySource source = HolidaySource.Calendar) =>
        new(date, null, hours, name, source);

    /// <summary>A holiday every year on the same month and day (29 February: leap years only).</summary>
    public static Holiday EveryYear(AnnualDate date, ImmutableArray<BusinessHours> hours = default, string? name = null) =>
        new(null, date, hours, name, HolidaySource.Calendar);
}
