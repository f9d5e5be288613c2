using System.Globalization;
using System.Net;
using NodaTime;
using NodaTime.Text;
using Pledge.Budgets;
using Pledge.Measures;

namespace Pledge.Reports.Formats;

/// <summary>How the HTML report writes text, instants, numbers, verdicts and budgets.</summary>
internal static class HtmlText
{
    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");

    private static readonly OffsetPattern Offset = OffsetPattern.CreateWithInvariantCulture("m");

    /// <summary>HTML-encoded text (also safe inside quoted attributes); null is empty.</summary>
    public static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    /// <summary>An instant in <paramref name="zone"/> with its offset: "2026-11-03 10:15 +01:00" (seconds only when there are some).</summary>
    public static string When(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone);
        return $"{Day.Format(local.Date)} {Clock(local)} {Offset.Format(local.Offset)}";
    }

    /// <summary>The wall-clock time of an instant in <paramref name="zone"/>: "09:00".</summary>
    public static string Time(Instant instant, DateTimeZone zone) => Clock(instant.InZone(zone));

    /// <summary>A date: "2026-11-03".</summary>
    public static string Date(LocalDate date) => Day.Format(date);

    /// <summary>From one instant to another in <paramref name="zone"/>: "2026-11-03 10:15–11:15 +01:00" within a day and offset, else both in full.</summary>
    public static string Range(Instant start, Instant end, DateTimeZone zone)
    {
        var (from, to) = (start.InZone(zone), end.InZone(zone));
        return from.Date == to.Date && from.Offset == to.Offset
            ? $"{Day.Format(from.Date)} {Clock(from)}–{Clock(to)} {Offset.Format(from.Offset)}"
            : $"{When(start, zone)} – {When(end, zone)}";
    }

    /// <summary>A share as a percentage: "99.95%"; "n/a" for null.</summary>
    public static string Percent(double? share) => MeasureReport.Percent(share);

    /// <summary>A number with at most two decimals; "n/a" for null.</summary>
    public static string Number(double? value) => MeasureReport.Number(value);

    /// <summary>A duration rounded to the second: "1h30m".</summary>
    public static string Span(Duration duration) => Durations.Format(Duration.FromSeconds(Math.Round(duration.TotalSeconds)));

    /// <summary>A burn window's length: "1h", "6h", "1d", "3d".</summary>
    public static string Window(Duration window) =>
        window.TotalHours >= 24 && window.TotalHours % 24 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours / 24:0}d")
            : Span(window);

    /// <summary>The verdict as the report says it.</summary>
    public static string VerdictText(Verdict verdict) => verdict switch
    {
        Measures.Verdict.Met => "met",
        Measures.Verdict.Missed => "missed",
        _ => "not enough data",
    };

    /// <summary>The CSS class of a verdict.</summary>
    public static string Css(Verdict verdict) => verdict switch
    {
        Measures.Verdict.Met => "met",
        Measures.Verdict.Missed => "missed",
        _ => "nodata",
    };

    // Minutes are what people read in a report; seconds only when there are some.
    private static string Clock(ZonedDateTime local) =>
        local.TimeOfDay.ToString(local.Second == 0 && local.NanosecondOfSecond == 0 ? "HH':'mm" : "HH':'mm':'ss", CultureInfo.InvariantCulture);

    /// <summary>What is left of a budget: "12m of 43m12s left (28%)", "overspent by 3 of 1 events".</summary>
    public static string Budget(BudgetStatus budget)
    {
        string Amount(double value) => budget.Unit == BudgetUnit.Minutes
            ? Span(Duration.FromMinutes(value))
            : Number(value) + (Math.Abs(value - 1) < 1e-9 ? " event" : " events");
        var share = budget.RemainingShare is { } s ? $" ({Percent(s)})" : string.Empty;
        return budget.Overspent
            ? $"overspent by {Amount(-budget.Remaining)} of {Amount(budget.Allowed)}{share}"
            : $"{Amount(budget.Remaining)} of {Amount(budget.Allowed)} left{share}";
    }
}
