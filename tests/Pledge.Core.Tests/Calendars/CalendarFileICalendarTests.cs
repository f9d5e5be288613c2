using NodaTime;
using Pledge.Calendars;

namespace Pledge.Tests.Calendars;

/// <summary>Holidays from an iCalendar file named by <c>ical:</c>, read through the caller's callback.</summary>
public sealed class CalendarFileICalendarTests
{
    private const string Office = """
        timezone: Europe/Berlin
        week:
          monday:    ["09:00-17:00"]
          tuesday:   ["09:00-17:00"]
          wednesday: ["09:00-17:00"]
          thursday:  ["09:00-17:00"]
          friday:    ["09:00-17:00"]
        ical: holidays.ics
        """;

    [Fact]
    public void An_event_over_several_days_closes_each_of_them_and_its_end_date_is_exclusive()
    {
        // Monday 2026-12-28 to Wednesday 30 (DTEND 31 is exclusive); Thursday 31 stays open.
        var calendar = Load(Office, Event("DTSTART;VALUE=DATE:20261228", "DTEND;VALUE=DATE:20261231", "SUMMARY:Year-end closure"));

        Assert.False(calendar.IsOpen(Iso.Instant("2026-12-28T10:00+01:00")));
        Assert.False(calendar.IsOpen(Iso.Instant("2026-12-29T10:00+01:00")));
        Assert.False(calendar.IsOpen(Iso.Instant("2026-12-30T10:00+01:00")));
        Assert.True(calendar.IsOpen(Iso.Instant("2026-12-31T10:00+01:00")));
        // Friday 25 16:00 + 2 hours: 16-17, then Thursday 31 09-10.
        Assert.Equal(Iso.Instant("2026-12-31T10:00+01:00"), calendar.Due(Iso.Instant("2026-12-25T16:00+01:00"), Duration.FromHours(2)));
        var holiday = calendar.Definition.HolidayOn(new LocalDate(2026, 12, 29));
        Assert.NotNull(holiday);
        Assert.Equal(HolidaySource.ICalendar, holiday.Source);
        Assert.Equal("Year-end closure", holiday.Name);
    }

    [Fact]
    public void An_event_without_an_end_closes_its_own_date()
    {
        var calendar = Load(Office, Event("DTSTART;VALUE=DATE:20261124"));

        Assert.False(calendar.IsOpen(Iso.Instant("2026-11-24T10:00+01:00")));
        Assert.True(calendar.IsOpen(Iso.Instant("2026-11-23T10:00+01:00")));
        Assert.True(calendar.IsOpen(Iso.Instant("2026-11-25T10:00+01:00")));
    }

    [Fact]
    public void A_yearly_event_closes_its_date_every_year()
    {
        var calendar = Load(Office, Event("DTSTART;VALUE=DATE:20200501", "DTEND;VALUE=DATE:20200502", "RRULE:FREQ=YEARLY", "SUMMARY:Labour Day"));

        // 2026-05-01 is a Friday, 2030-05-01 a Wednesday, 2150-05-01 a Friday.
        Assert.False(calendar.IsOpen(Iso.Instant("2026-05-01T10:00+02:00")));
        Assert.False(calendar.IsOpen(Iso.Instant("2030-05-01T10:00+02:00")));
        Assert.False(calendar.IsOpen(Iso.Instant("2150-05-01T10:00+02:00")));
        Assert.True(calendar.IsOpen(Iso.Instant("2026-04-30T10:00+02:00")));
        Assert.True(calendar.IsOpen(Iso.Instant("2030-05-02T10:00+02:00")));
        // Before the first occurrence nothing is closed: 2019-05-01 is a Wednesday.
        Assert.True(calendar.IsOpen(Iso.Instant("2019-05-01T10:00+02:00")));
    }

    [Fact]
    public void Timed_events_are_ignored_with_a_warning()
    {
        var result = CalendarFile.Read(
            Office,
            "office.yaml",
            _ => Calendar(
                ["DTSTART:20261201T100000Z", "DTEND:20261201T120000Z", "SUMMARY:Meeting"],
                ["DTSTART;VALUE=DATE:20261202"]));

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("ical", warning.Field);
        Assert.Equal(8, warning.Line);
        Assert.Contains("1 timed event(s) ignored", warning.Message, StringComparison.Ordinal);
        Assert.StartsWith("warning: ", warning.ToString(), StringComparison.Ordinal);
        // Tuesday 2026-12-01 stays open; Wednesday 2 (all day) is closed.
        Assert.True(result.Calendar.IsOpen(Iso.Instant("2026-12-01T11:00+01:00")));
        Assert.False(result.Calendar.IsOpen(Iso.Instant("2026-12-02T11:00+01:00")));
    }

    [Fact]
    public void A_missing_ics_file_is_an_error_on_the_ical_field()
    {
        var result = CalendarFile.Read(Office, "office.yaml", path => throw new FileNotFoundException($"Could not find file '{path}'.", path));

        var error = Assert.Single(result.Errors);
        Assert.False(result.IsValid);
        Assert.Equal("ical", error.Field);
        Assert.Equal(8, error.Line);
        Assert.Contains("\"holidays.ics\" cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ics_file_cannot_be_read_without_file_access()
    {
        var result = CalendarFile.Read(Office, "office.yaml", readFile: null);

        var error = Assert.Single(result.Errors);
        Assert.Equal("ical", error.Field);
        Assert.Contains("holidays.ics", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not an iCalendar file")]
    [InlineData("")]
    public void An_invalid_ics_file_is_an_error_on_the_ical_field(string text)
    {
        var result = CalendarFile.Read(Office, "office.yaml", _ => text);

        var error = Assert.Single(result.Errors);
        Assert.Equal("ical", error.Field);
        Assert.Contains("is not a valid iCalendar file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_callback_gets_the_path_as_written()
    {
        var asked = new List<string>();

        CalendarFile.Load(Office.Replace("holidays.ics", "shared/holidays 2026.ics", StringComparison.Ordinal), "office.yaml", path =>
        {
            asked.Add(path);
            return Calendar();
        });

        Assert.Equal(["shared/holidays 2026.ics"], asked);
    }

    [Fact]
    public void An_all_day_event_closes_its_date_in_the_calendar_zone_never_shifted_through_UTC()
    {
        // Auckland is UTC+13 in December: local 2026-12-24 runs from 2026-12-23T11:00Z. An all-day event
        // dated 2026-12-24 must close the local 24th, not the 23rd or 25th.
        var calendar = Load(
            "timezone: Pacific/Auckland\nweek:\n  monday: [\"09:00-17:00\"]\n  tuesday: [\"09:00-17:00\"]\n  wednesday: [\"09:00-17:00\"]\n  thursday: [\"09:00-17:00\"]\n  friday: [\"09:00-17:00\"]\nical: holidays.ics\n",
            Event("DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261225"));

        Assert.True(calendar.IsOpen(Iso.Instant("2026-12-23T16:00+13:00")));
        Assert.False(calendar.IsOpen(Iso.Instant("2026-12-24T09:00+13:00")));
        Assert.False(calendar.IsOpen(Iso.Instant("2026-12-24T16:59+13:00")));
        Assert.True(calendar.IsOpen(Iso.Instant("2026-12-25T09:00+13:00")));
        Assert.Equal(Iso.Instant("2026-12-25T09:00+13:00"), calendar.NextOpening(Iso.Instant("2026-12-23T17:00+13:00")));
    }

    [Fact]
    public void Dated_entries_beat_iCalendar_events_which_beat_annual_days_which_beat_the_week()
    {
        const string yaml = """
            timezone: Europe/Berlin
            ical: holidays.ics
            week:
              monday:    ["09:00-17:00"]
              tuesday:   ["09:00-17:00"]
              wednesday: ["09:00-17:00"]
              thursday:  ["09:00-17:00"]
              friday:    ["09:00-17:00"]
            holidays:
              - { date: 2026-12-24, hours: ["09:00-12:00"] }
              - { annual: 12-28, hours: ["10:00-11:00"] }
              - { annual: 12-30, hours: ["10:00-11:00"] }
            """;
        // The iCalendar file closes 24 and 28 December 2026.
        var calendar = Load(yaml, Calendar(["DTSTART;VALUE=DATE:20261224"], ["DTSTART;VALUE=DATE:20261228"]));
        var day = Duration.FromDays(1);

        // Thursday 24: the calendar file's shortened day wins over the iCalendar closure.
        Assert.Equal(Duration.FromHours(3), calendar.Elapsed(Iso.Instant("2026-12-24T00:00+01:00"), Iso.Instant("2026-12-24T00:00+01:00") + day));
        // Monday 28: the iCalendar closure wins over the annual shortened day.
        Assert.Equal(Duration.Zero, calendar.Elapsed(Iso.Instant("2026-12-28T00:00+01:00"), Iso.Instant("2026-12-28T00:00+01:00") + day));
        // Wednesday 30: the annual shortened day wins over the week.
        Assert.Equal(Duration.FromHours(1), calendar.Elapsed(Iso.Instant("2026-12-30T00:00+01:00"), Iso.Instant("2026-12-30T00:00+01:00") + day));
        // Tuesday 29: the week.
        Assert.Equal(Duration.FromHours(8), calendar.Elapsed(Iso.Instant("2026-12-29T00:00+01:00"), Iso.Instant("2026-12-29T00:00+01:00") + day));
    }

    private static BusinessCalendar Load(string yaml, string ics) =>
        CalendarFile.Load(yaml, "calendar.yaml", path => path.EndsWith(".ics", StringComparison.Ordinal) ? ics : throw new FileNotFoundException(path));

    private static string Event(params string[] lines) => Calendar(lines);

    private static string Calendar(params string[][] events)
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Pledge tests//EN\r\n";
        var n = 0;
        foreach (var lines in events)
        {
            text += $"BEGIN:VEVENT\r\nUID:event-{n++}@pledge.test\r\nDTSTAMP:20260101T000000Z\r\n" + string.Concat(lines.Select(l => l + "\r\n")) + "END:VEVENT\r\n";
        }

        return text + "END:VCALENDAR\r\n";
    }
}
