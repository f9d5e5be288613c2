namespace Pledge.Calendars;

/// <summary>Where a holiday was declared; explicit entries of the calendar file win over iCalendar ones.</summary>
public enum HolidaySource
{
    /// <summary>The <c>holidays</c> list of the calendar file.</summary>
    Calendar,

    /// <summary>An all-day event of the iCalendar file named by <c>ical</c>.</summary>
    ICalendar,
}
