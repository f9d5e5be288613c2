using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;
using IcalCalendar = Ical.Net.Calendar;

namespace Pledge.Calendars;

/// <summary>
/// Reads holidays from iCalendar (RFC 5545) text: every all-day event closes each date it spans
/// (DTEND is exclusive), recurring events included. Dates are taken as written, in the calendar's
/// own zone, never shifted through UTC. Timed events are not holidays and are counted, not used.
/// </summary>
internal static class ICalendarHolidays
{
    public static (List<Holiday> Holidays, int TimedEvents) Parse(string text, int firstYear, int lastYear)
    {
        var calendar = IcalCalendar.Load(text)
            ?? throw new FormatException("the file holds no VCALENDAR");
        var holidays = new List<Holiday>();
        var timed = 0;
        var from = new CalDateTime(firstYear, 1, 1);
        var until = new CalDateTime(lastYear + 1, 1, 1);
        foreach (var calendarEvent in calendar.Events)
        {
            if (!IsAllDay(calendarEvent))
            {
                timed++;
                continue;
            }

            var name = string.IsNullOrWhiteSpace(calendarEvent.Summary) ? null : calendarEvent.Summary.Trim();
            foreach (var occurrence in calendarEvent.GetOccurrences(from, null).TakeWhileBefore(until))
            {
                var first = ToLocalDate(occurrence.Period.StartTime);
                var end = occurrence.Period.EffectiveEndTime is { } endTime ? ToLocalDate(endTime) : first.PlusDays(1);
                // An all-day event with no length still closes its own date.
                var last = end > first ? end.PlusDays(-1) : first;
                for (var date = first; date <= last; date = date.PlusDays(1))
                {
                    if (date.Year >= firstYear && date.Year <= lastYear)
                    {
                        holidays.Add(Holiday.On(date, name: name, source: HolidaySource.ICalendar));
                    }
                }
            }
        }

        return (holidays, timed);
    }

    private static bool IsAllDay(CalendarEvent calendarEvent) =>
        calendarEvent.DtStart is { HasTime: false };

    private static LocalDate ToLocalDate(CalDateTime value) => new(value.Year, value.Month, value.Day);
}
