using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Pledge.Calendars;

namespace Pledge.Tests.Calendars;

/// <summary>One window of a generated calendar: a start and a length in whole minutes (an end past 24:00 is the next day).</summary>
internal readonly record struct SpecWindow(int Start, int Length)
{
    public const int MinutesPerDay = 1440;

    /// <summary>Minutes after the start of its own day at which it closes (beyond 1440 for overnight windows).</summary>
    public int End => Start + Length;

    public BusinessHours ToHours()
    {
        var start = LocalTime.FromMinutesSinceMidnight(Start);
        return End < MinutesPerDay
            ? new BusinessHours(start, LocalTime.FromMinutesSinceMidnight(End), endsNextDay: false)
            : new BusinessHours(start, LocalTime.FromMinutesSinceMidnight(End - MinutesPerDay), endsNextDay: true);
    }

    public override string ToString() => ToHours().ToString();
}

/// <summary>
/// A generated calendar, kept in a form of its own so the test can work out which hours a date has
/// (dated entries, then iCalendar days, then annual days, then the week) without asking the engine.
/// </summary>
internal sealed class CalendarSpec
{
    private BusinessCalendar? _calendar;

    public CalendarSpec(
        string zoneId,
        ImmutableArray<ImmutableArray<SpecWindow>> week,
        ImmutableDictionary<LocalDate, ImmutableArray<SpecWindow>> dated,
        ImmutableHashSet<LocalDate> iCalendar,
        ImmutableDictionary<AnnualDate, ImmutableArray<SpecWindow>> annual)
    {
        ZoneId = zoneId;
        Zone = DateTimeZoneProviders.Tzdb[zoneId];
        Week = week;
        Dated = dated;
        ICalendar = iCalendar;
        Annual = annual;
    }

    public string ZoneId { get; }

    public DateTimeZone Zone { get; }

    /// <summary>Monday (0) to Sunday (6).</summary>
    public ImmutableArray<ImmutableArray<SpecWindow>> Week { get; }

    /// <summary>Holidays of the calendar file: closed (no windows) or shortened.</summary>
    public ImmutableDictionary<LocalDate, ImmutableArray<SpecWindow>> Dated { get; }

    /// <summary>Dates closed by all-day iCalendar events.</summary>
    public ImmutableHashSet<LocalDate> ICalendar { get; }

    /// <summary>Every year on a month and day: closed or shortened.</summary>
    public ImmutableDictionary<AnnualDate, ImmutableArray<SpecWindow>> Annual { get; }

    /// <summary>The engine's calendar for this spec, built once.</summary>
    public BusinessCalendar Calendar => _calendar ??= Build();

    /// <summary>The nominal open time of a week, never below a minute.</summary>
    public Duration WeeklyTime =>
        Duration.FromMinutes(Math.Max(1, Week.Sum(day => day.Sum(w => (long)w.Length))));

    /// <summary>The hours that apply on <paramref name="date"/>, by the documented precedence.</summary>
    public ImmutableArray<SpecWindow> HoursOn(LocalDate date)
    {
        if (Dated.TryGetValue(date, out var dated))
        {
            return dated;
        }

        if (ICalendar.Contains(date))
        {
            return [];
        }

        // An annual 02-29 exists only in leap years: compare month and day, never AnnualDate.InYear (which maps it to 02-28).
        if (Annual.TryGetValue(new AnnualDate(date.Month, date.Day), out var annual))
        {
            return annual;
        }

        return Week[(int)date.DayOfWeek - 1];
    }

    public BusinessCalendar Build()
    {
        var week = new Dictionary<IsoDayOfWeek, ImmutableArray<BusinessHours>>();
        for (var day = 0; day < 7; day++)
        {
            week[(IsoDayOfWeek)(day + 1)] = [.. Week[day].Select(w => w.ToHours())];
        }

        var holidays = new List<Holiday>();
        holidays.AddRange(Dated.Select(d => Holiday.On(d.Key, [.. d.Value.Select(w => w.ToHours())])));
        holidays.AddRange(ICalendar.Select(d => Holiday.On(d, source: HolidaySource.ICalendar)));
        holidays.AddRange(Annual.Select(a => Holiday.EveryYear(a.Key, [.. a.Value.Select(w => w.ToHours())])));
        return BusinessCalendar.Create(new CalendarDefinition("generated", Zone, week, holidays));
    }

    /// <summary>The spec as a calendar file, so a failing case can be replayed by hand.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"timezone: {ZoneId}\nweek:\n");
        string[] names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        for (var day = 0; day < 7; day++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {names[day]}: {Windows(Week[day])}\n");
        }

        text.Append("holidays:\n");
        foreach (var (date, hours) in Dated.OrderBy(d => d.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {{ date: {LocalDatePattern.Iso.Format(date)}, hours: {Windows(hours)} }}\n");
        }

        foreach (var (date, hours) in Annual.OrderBy(d => d.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {{ annual: {AnnualDatePattern.Iso.Format(date)}, hours: {Windows(hours)} }}\n");
        }

        foreach (var date in ICalendar.OrderBy(d => d))
        {
            text.Append(CultureInfo.InvariantCulture, $"# ical: {LocalDatePattern.Iso.Format(date)} all day\n");
        }

        return text.ToString();
    }

    private static string Windows(ImmutableArray<SpecWindow> windows) =>
        "[" + string.Join(", ", windows.Select(w => $"\"{w}\"")) + "]";
}
