using NodaTime;

namespace Pledge.Tests.Budgets;

/// <summary>Periods and instants for the budget tests, built in a zone as the callers build them.</summary>
internal static class Months
{
    public static DateTimeZone Berlin { get; } = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>The calendar month <paramref name="year"/>-<paramref name="month"/> from local midnight to local midnight in <paramref name="zone"/>.</summary>
    public static Interval Month(int year, int month, DateTimeZone zone)
    {
        var first = new LocalDate(year, month, 1);
        return new Interval(first.AtStartOfDayInZone(zone).ToInstant(), first.PlusMonths(1).AtStartOfDayInZone(zone).ToInstant());
    }

    /// <summary>An instant on 2026-03-10 (a Tuesday), UTC.</summary>
    public static Instant March10(int hour, int minute, int second = 0) => Instant.FromUtc(2026, 3, 10, hour, minute, second);

    /// <summary>An instant on 2026-03-10 (a Tuesday), wall-clock time in Berlin (UTC+1 that day).</summary>
    public static Instant March10Berlin(int hour, int minute) =>
        new LocalDateTime(2026, 3, 10, hour, minute).InZoneStrictly(Berlin).ToInstant();
}
