using Pledge.Calendars;

namespace Pledge.Benchmarks;

/// <summary>The calendar of the goal: Mon–Fri 09:00–17:00 Europe/Berlin with 10 holidays (German public holidays of 2026).</summary>
internal static class BenchmarkCalendars
{
    public const string Berlin9To5 = """
        name: berlin-9to5
        timezone: Europe/Berlin
        week:
          monday:    ["09:00-17:00"]
          tuesday:   ["09:00-17:00"]
          wednesday: ["09:00-17:00"]
          thursday:  ["09:00-17:00"]
          friday:    ["09:00-17:00"]
        holidays:
          - 2026-01-01
          - 2026-04-03
          - 2026-04-06
          - 2026-05-01
          - 2026-05-14
          - 2026-05-25
          - 2026-10-03
          - 2026-12-24
          - 2026-12-25
          - 2026-12-31
        """;

    public static BusinessCalendar Load() => CalendarFile.Load(Berlin9To5, "berlin-9to5.yaml");
}
