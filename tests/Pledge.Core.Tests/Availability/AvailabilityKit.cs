using NodaTime;
using Pledge.Availability;
using Pledge.Calendars;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Availability;

/// <summary>Calendars, instants and records the availability tests are written in.</summary>
internal static class AvailabilityKit
{
    /// <summary>Round the clock in UTC: business time is real time, so the arithmetic is plain.</summary>
    public static BusinessCalendar RoundTheClock => TestCalendars.Get("24x7-utc");

    /// <summary>Round the clock in Berlin: local days of 23 and 25 hours.</summary>
    public static BusinessCalendar RoundTheClockBerlin => TestCalendars.Get("24x7-berlin");

    /// <summary>Office service hours: Monday to Friday 08:00–18:00 Europe/Berlin, no holidays.</summary>
    public static BusinessCalendar Office { get; } =
        CalendarFile.Load(TestCalendars.Week("Europe/Berlin", "08:00-18:00", TestCalendars.WorkingDays), "office-8to18.yaml");

    /// <summary>Monday 2 March 2026, 00:00 UTC to 00:00 the next day: 1,440 minutes round the clock.</summary>
    public static Interval Day { get; } = new(At("2026-03-02T00:00Z"), At("2026-03-03T00:00Z"));

    public static Instant At(string iso) => Iso.Instant(iso);

    /// <summary>An instant on <see cref="Day"/>: "10:30" is 2026-03-02T10:30Z.</summary>
    public static Instant OnDay(string time) => At($"2026-03-02T{time}Z");

    public static Outage Outage(string id, string from, string to, OutageImpact impact = OutageImpact.Full) =>
        new(id, "web", OnDay(from), OnDay(to)) { Impact = impact };

    public static CheckResult Check(string id, string time, bool up) => new(id, "web", OnDay(time), up);

    public static Duration Minutes(double minutes) => Iso.Minutes(minutes);

    public static AvailabilityResult Measure(BusinessCalendar calendar, Interval period, AvailabilityRules rules, IEnumerable<Outage> outages, IEnumerable<CheckResult>? checks = null) =>
        AvailabilityCalculator.Measure(calendar, period, outages, rules, checks);

    public static AvailabilityResult MeasureDay(AvailabilityRules rules, params Outage[] outages) =>
        AvailabilityCalculator.Measure(RoundTheClock, Day, outages, rules);
}
