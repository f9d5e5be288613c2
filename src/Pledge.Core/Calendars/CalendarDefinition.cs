using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Calendars;

/// <summary>
/// What a calendar file says: a zone, the weekly hours, and the holidays. Immutable; turned into a
/// <see cref="BusinessCalendar"/> for arithmetic.
/// </summary>
/// <remarks>
/// Which hours a date has, most specific first: a holiday of the <c>holidays</c> list on that date;
/// an all-day iCalendar event on that date; an annual holiday on that month and day; the week.
/// A window that crosses midnight belongs to the day it starts, so a holiday on the next day does not cut it.
/// </remarks>
public sealed class CalendarDefinition
{
    private readonly ImmutableArray<BusinessHours>[] _week;
    private readonly Dictionary<LocalDate, Holiday> _dated;
    private readonly Dictionary<AnnualDate, Holiday> _annual;

    /// <summary>Creates a definition; see <see cref="CalendarFile"/> for reading one from YAML with validation.</summary>
    /// <param name="name">The calendar's name.</param>
    /// <param name="zone">The zone in which its wall-clock times are read.</param>
    /// <param name="week">Hours per day of the week; a day left out is closed.</param>
    /// <param name="holidays">Holidays; at most one per date (or per month and day for annual ones) and source.</param>
    public CalendarDefinition(
        string name,
        DateTimeZone zone,
        IReadOnlyDictionary<IsoDayOfWeek, ImmutableArray<BusinessHours>> week,
        IEnumerable<Holiday> holidays)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(holidays);

        Name = name;
        Zone = zone;
        _week = new ImmutableArray<BusinessHours>[8];
        for (var day = 0; day < _week.Length; day++)
        {
            _week[day] = week.TryGetValue((IsoDayOfWeek)day, out var hours) && !hours.IsDefault ? hours : [];
        }

        _dated = [];
        _annual = [];
        var all = holidays.ToImmutableArray();
        foreach (var holiday in all)
        {
            if (holiday.Date is { } date)
            {
                // Explicit entries of the calendar file beat iCalendar events on the same date.
                if (!_dated.TryGetValue(date, out var existing) || (existing.Source == HolidaySource.ICalendar && holiday.Source == HolidaySource.Calendar))
                {
                    _dated[date] = holiday;
                }
            }
            else if (holiday.Annual is { } annual)
            {
                _annual[annual] = holiday;
            }
        }

        Holidays = all;
    }

    /// <summary>The calendar's name.</summary>
    public string Name { get; }

    /// <summary>The zone in which wall-clock times and working days are read.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Every holiday, as declared.</summary>
    public ImmutableArray<Holiday> Holidays { get; }

    /// <summary>The weekly hours of one day of the week (empty when closed).</summary>
    public ImmutableArray<BusinessHours> WeeklyHours(IsoDayOfWeek day) => _week[(int)day];

    /// <summary>The nominal open time of a week without holidays or offset changes.</summary>
    public Duration NominalWeeklyTime
    {
        get
        {
            var total = Duration.Zero;
            foreach (var day in _week)
            {
                foreach (var hours in day)
                {
                    total += hours.NominalLength;
                }
            }

            return total;
        }
    }

    /// <summary>Whether the calendar ever opens: some weekday has hours (and annual holidays do not close every date), or an annual holiday has hours.</summary>
    public bool HasRecurringBusinessTime
    {
        get
        {
            if (_annual.Values.Any(h => !h.IsClosed))
            {
                return true;
            }

            var openDays = _week.Count(d => !d.IsEmpty);
            if (openDays == 0)
            {
                return false;
            }

            // Annual closures cover every date only if all 366 month-days are listed.
            return _annual.Count < 366;
        }
    }

    /// <summary>The holiday that decides <paramref name="date"/>, if any.</summary>
    public Holiday? HolidayOn(LocalDate date)
    {
        if (_dated.TryGetValue(date, out var dated))
        {
            return dated;
        }

        // 29 February exists only in leap years, so an annual holiday on it is skipped in others.
        return _annual.TryGetValue(new AnnualDate(date.Month, date.Day), out var annual) ? annual : null;
    }

    /// <summary>The hours that apply on <paramref name="date"/> after holidays.</summary>
    public ImmutableArray<BusinessHours> HoursOn(LocalDate date) =>
        HolidayOn(date) is { } holiday ? holiday.Hours : _week[(int)date.DayOfWeek];
}
