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
    private ReportPeriod(string name, Func<DateTimeZone, Instant, Interval> bounds, Func<ReportPeriod> previous)
    {
        Name = name;
        _bounds = bounds;
        _previous = previous;
    }

    private readonly Func<DateTimeZone, Instant, Interval> _bounds;
    private readonly Func<ReportPeriod> _previous;

    /// <summary>As written: "2026-11".</summary>
    public string Name { get; }

    /// <summary>The period as instants in <paramref name="zone"/>; rolling periods end at <paramref name="asOf"/>.</summary>
    public Interval In(DateTimeZone zone, Instant asOf) => _bounds(zone, asOf);

    /// <summary>The period of the same kind just before this one: 2026-10 before 2026-11, the 30 days before these 30 days.</summary>
    public ReportPeriod Previous() => _previous();

    /// <summary>This period and the <paramref name="count"/> - 1 before it, oldest first.</summary>
    public IReadOnlyList<ReportPeriod> LastPeriods(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var periods = new ReportPeriod[count];
        periods[count - 1] = this;
        for (var i = count - 2; i >= 0; i--)
        {
            periods[i] = periods[i + 1].Previous();
        }

        return periods;
    }

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

            period = MonthOf(new LocalDate(year, number, 1));
            return true;
        }

        if (Quarter().Match(text) is { Success: true } quarter)
        {
            var (year, number) = (Int(quarter, 1), Int(quarter, 2));
            if (number is < 1 or > 4)
            {
                return false;
            }

            period = QuarterOf(new LocalDate(year, ((number - 1) * 3) + 1, 1));
            return true;
        }

        if (Week().Match(text) is { Success: true } week)
        {
            var (year, number) = (Int(week, 1), Int(week, 2));
            if (number < 1 || number > WeekYearRules.Iso.GetWeeksInWeekYear(year))
            {
                return false;
            }

            period = WeekOf(WeekYearRules.Iso.GetLocalDate(year, number, IsoDayOfWeek.Monday));
            return true;
        }

        if (Rolling().Match(text) is { Success: true } rolling && Int(rolling, 1) is > 0 and <= 3660)
        {
            period = RollingOf(text, Int(rolling, 1), 0);
            return true;
        }

        return false;
    }

    private static ReportPeriod MonthOf(LocalDate first) =>
        new(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), (zone, _) => Days(zone, first, first.PlusMonths(1)), () => MonthOf(first.PlusMonths(-1)));

    private static ReportPeriod QuarterOf(LocalDate first) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{first.Year:D4}-Q{((first.Month - 1) / 3) + 1}"), (zone, _) => Days(zone, first, first.PlusMonths(3)), () => QuarterOf(first.PlusMonths(-3)));

    private static ReportPeriod WeekOf(LocalDate monday) =>
        new(
            string.Create(CultureInfo.InvariantCulture, $"{WeekYearRules.Iso.GetWeekYear(monday):D4}-W{WeekYearRules.Iso.GetWeekOfWeekYear(monday):D2}"),
            (zone, _) => Days(zone, monday, monday.PlusWeeks(1)),
            () => WeekOf(monday.PlusWeeks(-1)));

    // The k-th rolling period before the one ending at the report's instant: its name says how far back.
    private static ReportPeriod RollingOf(string name, int days, int back) =>
        new(
            back == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{days}d-{back}"),
            (_, asOf) => new Interval(asOf - Duration.FromDays((long)days * (back + 1)), asOf - Duration.FromDays((long)days * back)),
            () => RollingOf(name, days, back + 1));

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
