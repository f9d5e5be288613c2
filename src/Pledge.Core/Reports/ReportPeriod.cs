using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Calendars;

namespace Pledge.Reports;

/// <summary>
/// A reporting period as people name it: a month (<c>2026-11</c>), an ISO week (<c>2026-W47</c>), a quarter
/// (<c>2026-Q4</c>) or the rolling days before an instant (<c>30d</c>). Calendar periods are turned into
/// instants in a zone, so a month has its true length (28 to 31 days, DST days included).
/// </summary>
public sealed partial record ReportPeriod
{
    private ReportPeriod(string name, Func<DateTimeZone, Instant, Interval> bounds)
    {
        Name = name;
        _bounds = bounds;
    }

    private readonly Func<DateTimeZone, Instant, Interval> _bounds;

    /// <summary>As written: "2026-11".</summary>
    public string Name { get; }

    /// <summary>The period as instants in <paramref name="zone"/>; rolling periods end at <paramref name="asOf"/>.</summary>
    public Interval In(DateTimeZone zone, Instant asOf) => _bounds(zone, asOf);

    /// <summary>Parses a period name; false for anything else.</summary>
    public static bool TryParse(string? text, out ReportPeriod period)
    {
        period = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (Month().Match(text) is { Success: true } month)
        {
            var (year, number) = (Int(month, 1), Int(month, 2));
            if (number is < 1 or > 12)
            {
                return false;
            }

            var first = new LocalDate(year, number, 1);
            period = new ReportPeriod(text, (zone, _) => Days(zone, first, first.PlusMonths(1)));
            return true;
        }

        if (Quarter().Match(text) is { Success: true } quarter)
        {
            var (year, number) = (Int(quarter, 1), Int(quarter, 2));
            if (number is < 1 or > 4)
            {
                return false;
            }

            var first = new LocalDate(year, ((number - 1) * 3) + 1, 1);
            period = new ReportPeriod(text, (zone, _) => Days(zone, first, first.PlusMonths(3)));
            return true;
        }

        if (Week().Match(text) is { Success: true } week)
        {
            var (year, number) = (Int(week, 1), Int(week, 2));
            if (number < 1 || number > WeekYearRules.Iso.GetWeeksInWeekYear(year))
            {
                return false;
            }

            var first = WeekYearRules.Iso.GetLocalDate(year, number, IsoDayOfWeek.Monday);
            period = new ReportPeriod(text, (zone, _) => Days(zone, first, first.PlusWeeks(1)));
            return true;
        }

        if (Rolling().Match(text) is { Success: true } rolling && Int(rolling, 1) is > 0 and <= 3660)
        {
            var days = Int(rolling, 1);
            period = new ReportPeriod(text, (_, asOf) => new Interval(asOf - Duration.FromDays(days), asOf));
            return true;
        }

        return false;
    }

    private static Interval Days(DateTimeZone zone, LocalDate first, LocalDate next) =>
        new(zone.AtStartOfDay(first).ToInstant(), zone.AtStartOfDay(next).ToInstant());

    private static int Int(Match match, int group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex Month();

    [GeneratedRegex(@"^(\d{4})-Q(\d)$")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"^(\d{4})-W(\d{2})$")]
    private static partial Regex Week();

    [GeneratedRegex(@"^(\d{1,4})d$")]
    private static partial Regex Rolling();
}
