using System.Collections.Concurrent;
using Pledge.Calendars;

namespace Pledge.Tests.Calendars;

/// <summary>The calendars the test tables refer to by name, as calendar files.</summary>
internal static class TestCalendars
{
    // Declared before the files that use them: static fields initialise in textual order.
    /// <summary>Monday to Friday.</summary>
    public static readonly string[] WorkingDays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

    /// <summary>Every day of the week.</summary>
    public static readonly string[] AllDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        // The design's example, with a whole 8x5 week and a leap-day holiday.
        ["office"] = """
            name: berlin-office
            timezone: Europe/Berlin
            week:
              monday:    ["09:00-17:00"]
              tuesday:   ["09:00-12:00", "13:00-17:00"]
              wednesday: ["09:00-17:00"]
              thursday:  ["09:00-17:00"]
              friday:    ["09:00-17:00"]
            holidays:
              - 2026-12-25
              - { date: 2026-12-24, hours: ["09:00-12:00"] }
              - { annual: 12-26 }
              - { annual: 02-29, name: Leap day }
            """,
        ["8x5"] = Week("Europe/Berlin", "09:00-17:00", WorkingDays),
        ["24x7-utc"] = AllWeek("UTC"),
        ["24x7-berlin"] = AllWeek("Europe/Berlin"),
        ["24x7-newyork"] = AllWeek("America/New_York"),
        ["24x7-sydney"] = AllWeek("Australia/Sydney"),
        ["24x7-saopaulo"] = AllWeek("America/Sao_Paulo"),
        ["24x7-tehran"] = AllWeek("Asia/Tehran"),
        // Overnight shifts; Saturday 2026-03-07 is a holiday, which must not cut Friday's night.
        ["night-berlin"] = """
            timezone: Europe/Berlin
            week:
              friday:   ["22:00-06:00"]
              saturday: ["22:00-06:00"]
            holidays:
              - 2026-03-07
            """,
        ["early-berlin"] = Week("Europe/Berlin", "01:00-04:00", "sunday"),
        ["gap-open-berlin"] = Week("Europe/Berlin", "02:30-05:00", "sunday"),
        ["gap-close-berlin"] = Week("Europe/Berlin", "00:30-02:30", "sunday"),
        ["night-newyork"] = Week("America/New_York", "20:00-08:00", "saturday"),
        ["midnight-saopaulo"] = """
            timezone: America/Sao_Paulo
            week:
              saturday: ["22:00-24:00"]
              sunday:   ["00:00-02:00"]
            """,
        ["night-tehran"] = Week("Asia/Tehran", "22:00-06:00", AllDays),
        ["early-sydney"] = Week("Australia/Sydney", "01:00-04:00", "sunday"),
        // Samoa skipped Friday 2011-12-30 (from -10 to +14).
        ["24x7-apia"] = AllWeek("Pacific/Apia"),
        ["8x5-apia"] = Week("Pacific/Apia", "09:00-17:00", WorkingDays),
        ["night-apia"] = Week("Pacific/Apia", "22:00-06:00", "thursday"),
        // Lord Howe Island moves its clocks by 30 minutes.
        ["24x7-lordhowe"] = AllWeek("Australia/Lord_Howe"),
        ["quarter-lordhowe"] = Week("Australia/Lord_Howe", "01:45-02:15", "sunday"),
        // Open only on 29 February, from an annual holiday's hours: most years have no business time at all.
        ["leap-only"] = """
            timezone: Europe/Berlin
            week: {}
            holidays:
              - { annual: 02-29, hours: ["09:00-17:00"] }
            """,
    };

    private static readonly ConcurrentDictionary<string, BusinessCalendar> Shared = new(StringComparer.Ordinal);

    /// <summary>The calendar named <paramref name="key"/>, shared between tests (calendars are thread-safe).</summary>
    public static BusinessCalendar Get(string key) => Shared.GetOrAdd(key, Fresh);

    /// <summary>A new instance of the calendar named <paramref name="key"/>, with nothing built yet.</summary>
    public static BusinessCalendar Fresh(string key) => CalendarFile.Load(Files[key], key + ".yaml");

    /// <summary>A calendar file open every day all day in <paramref name="zone"/>.</summary>
    public static string AllWeek(string zone) => Week(zone, "00:00-24:00", AllDays);

    /// <summary>A calendar file with the one <paramref name="window"/> on each of <paramref name="days"/>.</summary>
    public static string Week(string zone, string window, params string[] days) =>
        $"timezone: {zone}\nweek:\n" + string.Concat(days.Select(d => $"  {d}: [\"{window}\"]\n"));
}
