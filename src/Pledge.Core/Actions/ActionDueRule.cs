using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Pledge.Calendars;

namespace Pledge.Actions;

/// <summary>
/// How long an automatically opened action has until it is due (<c>corrective_actions.due_in</c>): a number of days,
/// or of business days (days on which the policy's calendar opens, Monday to Friday without one).
/// </summary>
/// <param name="Days">How many days, 0 or more.</param>
/// <param name="BusinessDays">Whether only business days count.</param>
public sealed partial record ActionDueRule(int Days, bool BusinessDays)
{
    /// <summary>The most days a rule may give (a year of days; an action due later is not corrective).</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// Reads <c>5 business days</c>, <c>1 business day</c>, <c>5 days</c>, <c>5d</c>, or ISO-8601 <c>P5D</c> / <c>P2W</c>.
    /// </summary>
    public static bool TryParse(string? text, out ActionDueRule rule)
    {
        rule = new ActionDueRule(0, false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Shape().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        var unit = match.Groups["unit"].Value.ToUpperInvariant();
        var days = unit == "W" ? (long)n * 7 : n;
        if (days > MaxDays)
        {
            return false;
        }

        rule = new ActionDueRule((int)days, match.Groups["business"].Success);
        return true;
    }

    /// <summary>
    /// The due day of an action opened on <paramref name="opened"/>: that many days later; for business days, the
    /// <see cref="Days"/>-th business day after it (0: the opening day if it is a business day, else the next one).
    /// </summary>
    /// <param name="opened">The day it is opened, in the zone of its agreement (or of <paramref name="calendar"/>).</param>
    /// <param name="calendar">Which days are business days; null: Monday to Friday.</param>
    public LocalDate DueFrom(LocalDate opened, BusinessCalendar? calendar)
    {
        if (!BusinessDays)
        {
            return opened.PlusDays(Days);
        }

        // Bounded: a calendar that is never open is refused when loaded, and a year has business days.
        var date = opened;
        var counted = 0;
        for (var step = 0; step < 5 * MaxDays; step++)
        {
            if (Days == 0 && IsBusinessDay(date, calendar))
            {
                return date;
            }

            date = date.PlusDays(1);
            if (Days > 0 && IsBusinessDay(date, calendar) && ++counted == Days)
            {
                return date;
            }
        }

        return opened.PlusDays(Days);
    }

    /// <summary>How the rule is written: <c>5 business days</c>, <c>5 days</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Days} {(BusinessDays ? "business " : string.Empty)}day{(Days == 1 ? string.Empty : "s")}");

    private static bool IsBusinessDay(LocalDate date, BusinessCalendar? calendar)
    {
        if (calendar is null)
        {
            return date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday);
        }

        var zone = calendar.Zone;
        var start = zone.AtStartOfDay(date).ToInstant();
        var end = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
        return calendar.Windows(start, end).Count > 0;
    }

    [GeneratedRegex(@"^(?:P(?<n>\d{1,4})(?<unit>[DW])|(?<n>\d{1,4})\s*(?:(?<business>business\s+days?)|(?<unit>d)|days?))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
