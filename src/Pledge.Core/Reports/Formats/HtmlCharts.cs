using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Pledge.Availability;
using Pledge.Deliveries;
using Pledge.Measures;
using Pledge.Satisfaction;
using static Pledge.Reports.Formats.HtmlText;

namespace Pledge.Reports.Formats;

/// <summary>Turns the rows of a <see cref="ServiceReport"/> into the inputs of <see cref="SvgCharts"/>.</summary>
internal static class HtmlCharts
{
    private static readonly ImmutableArray<SvgHeatmapCategory> Outcomes =
    [
        new("on time", "on-time", "#1e7a3c", string.Empty),
        new("late", "late", "#b35c00", "L"),
        new("short", "short", "#7b3f9e", "S"),
        new("missed", "missed", "#b3261e", "×"),
    ];

    /// <summary>The periods of the trend charts, oldest first: the report's trend periods, preceded by ticket-only ones.</summary>
    public static List<string> Periods(ServiceReport report)
    {
        var periods = report.TrendPeriods.ToList();
        var missing = report.TicketTrend.Select(t => t.Period).Where(p => !periods.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        periods.InsertRange(0, missing);
        return periods;
    }

    /// <summary>A panel per target of the customer whose value is a share (ticket clocks and measures): its value per period against its objective; null without any.</summary>
    public static string? AttainmentTrend(HtmlContext context, string customer)
    {
        var report = context.Report;
        var periods = Periods(report);
        var lines = new List<SvgLine>();
        var tickets = report.TicketTrend.Append(report.Tickets)
            .GroupBy(t => t.Period, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var ticketTargets = tickets.Values.SelectMany(t => t.Rows)
            .Where(r => r.Customer == customer)
            .Select(r => (r.Agreement, r.Target))
            .Distinct()
            .OrderBy(k => k.Agreement, StringComparer.Ordinal).ThenBy(k => k.Target, StringComparer.Ordinal);
        foreach (var (agreement, target) in ticketTargets)
        {
            var values = ImmutableArray.CreateBuilder<double?>();
            var notes = ImmutableArray.CreateBuilder<string?>();
            double? objective = null;
            foreach (var period in periods)
            {
                var rows = tickets.TryGetValue(period, out var found)
                    ? found.Rows.Where(r => r.Customer == customer && r.Agreement == agreement && r.Target == target).ToList()
                    : [];
                var (met, total) = (rows.Sum(r => r.Met), rows.Sum(r => r.Total));
                values.Add(total == 0 ? null : (double)met / total);
                notes.Add(total == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{met} of {total} met"));
                objective = rows.Count > 0 ? rows[0].Objective : objective;
            }

            lines.Add(new SvgLine($"{agreement}/{target}", values.ToImmutable(), objective) { Notes = notes.ToImmutable() });
        }

        var measures = report.Trend.Concat(report.Measures).Where(m => m.Customer == customer && m.ValueIsShare).ToList();
        var measureTargets = measures
            .Select(m => (m.Agreement, m.Kind, m.Target, m.Service))
            .Distinct()
            .OrderBy(k => k.Agreement, StringComparer.Ordinal).ThenBy(k => k.Kind).ThenBy(k => k.Target, StringComparer.Ordinal).ThenBy(k => k.Service, StringComparer.Ordinal);
        foreach (var key in measureTargets)
        {
            var rows = measures.Where(m => (m.Agreement, m.Kind, m.Target, m.Service) == key).ToList();
            var values = ImmutableArray.CreateBuilder<double?>();
            var notes = ImmutableArray.CreateBuilder<string?>();
            foreach (var period in periods)
            {
                var row = rows.LastOrDefault(r => r.Period == period);
                values.Add(row is { Verdict: not Verdict.NotEnoughData } ? row.Value : null);
                notes.Add(row is null ? null : VerdictText(row.Verdict));
            }

            var name = key.Service == "*" ? $"{key.Agreement}/{key.Target}" : $"{key.Agreement}/{key.Target} ({key.Service})";
            lines.Add(new SvgLine(name, values.ToImmutable(), rows[^1].Objective) { Notes = notes.ToImmutable() });
        }

        if (lines.Count == 0)
        {
            return null;
        }

        var label = $"Attainment of {lines.Count} target(s) of {context.CustomerName(customer)} per period, {periods[0]} to {periods[^1]}, one panel each with its objective dashed";
        return SvgCharts.SmallMultiples(context.NextId("trend"), label, periods, lines, ShareAxis, v => Percent(v));
    }

    /// <summary>An axis for shares that holds a line's values and objective with a little room below, never beyond 0–100%.</summary>
    internal static SvgAxis ShareAxis(SvgLine line)
    {
        var low = line.Values.Append(line.Objective).OfType<double>().DefaultIfEmpty(1).Min();
        var axis = SvgAxis.Nice(low - Math.Max(0.0005, (1 - low) * 0.15), 1);
        return axis with { Min = Math.Max(0, axis.Min), Max = Math.Min(1, axis.Max) };
    }

    /// <summary>The period of an availability row as a bar with its downtime, unknown time, excluded maintenance, service hours and day ticks.</summary>
    public static string AvailabilityTimeline(HtmlContext context, MeasureRow row, AvailabilityResult result)
    {
        var zone = context.ZoneOf(row.Agreement);
        var axis = row.Interval;
        var spans = new List<SvgSpan>();
        var calendar = context.CalendarOf(context.TargetOf(row.Agreement, row.Target, row.Interval));
        if (calendar is not null)
        {
            var windows = calendar.Windows(axis.Start, axis.End);
            var open = windows.Aggregate(Duration.Zero, (sum, w) => sum + w.Duration);
            // Round-the-clock hours would be one strip under the whole bar: only partial hours say something.
            if (open < axis.Duration)
            {
                spans.AddRange(windows.Select(w => new SvgSpan(w.Start, w.End, SvgSpanKind.ServiceHours, $"service hours ({calendar.Name}) {Range(w.Start, w.End, zone)}")));
            }
        }

        if (result.Period.End < axis.End)
        {
            spans.Add(new SvgSpan(result.Period.End, axis.End, SvgSpanKind.Future, $"not measured yet: after {When(result.Period.End, zone)}"));
        }

        foreach (var effect in result.Outages.Where(o => o.Treatment == OutageTreatment.ExcludedPlanned))
        {
            var outage = effect.Outage;
            var about = string.IsNullOrWhiteSpace(outage.Description) ? string.Empty : $": {outage.Description}";
            var end = outage.EndAsOf(result.Period.End);
            spans.Add(new SvgSpan(outage.Start, end, SvgSpanKind.Excluded, $"{outage.Id}, planned maintenance {Range(outage.Start, end, zone)}{(outage.IsOngoing ? " (ongoing)" : string.Empty)}, excluded{about}"));
        }

        foreach (var unknown in result.UnknownIntervals)
        {
            spans.Add(new SvgSpan(unknown.Start, unknown.End, SvgSpanKind.Unknown, $"no monitoring data {Range(unknown.Start, unknown.End, zone)} ({Span(unknown.Duration)})"));
        }

        foreach (var segment in result.Segments)
        {
            var outages = result.Outages
                .Where(o => o.Treatment == OutageTreatment.Counted && o.Outage.Start < segment.End && o.Outage.EndAsOf(result.Period.End) > segment.Start)
                .Select(o => o.Outage.Id)
                .ToList();
            var weight = segment.Weight >= 1 ? "counted in full" : $"counted at {Percent(segment.Weight)}";
            var cause = outages.Count == 0 ? string.Empty : $"; {string.Join(", ", outages)}";
            spans.Add(new SvgSpan(segment.Start, segment.End, SvgSpanKind.Down, $"down {Range(segment.Start, segment.End, zone)} ({Span(segment.End - segment.Start)}), {weight}{cause}")
            {
                Weight = segment.Weight,
            });
        }

        var service = row.Service == "*" ? string.Empty : $" of {row.Service}";
        var label = $"Availability{service} for {context.CustomerName(row.Customer)} over {row.Period}: {Percent(row.Value)} against {Percent(row.Objective)}, {result.Segments.Length} downtime segment(s), {result.UnknownIntervals.Length} stretch(es) without data";
        return SvgCharts.Timeline(context.NextId("timeline"), label, axis, spans, DayTicks(axis, zone));
    }

    /// <summary>Rows = slots in schedule order, columns = days of the period, a cell per slot occurrence coloured by outcome.</summary>
    public static string? DeliveryHeatmap(HtmlContext context, MeasureRow row, DeliveryResult result)
    {
        if (result.Slots.IsEmpty)
        {
            return null;
        }

        var zone = context.ZoneOf(row.Agreement);
        var target = context.TargetOf(row.Agreement, row.Target, row.Interval);
        var scheduled = result.Slots.Select(s => s.Slot).ToHashSet(StringComparer.Ordinal);
        var schedule = target?.Delivery?.Schedule ?? [];
        // Schedule order, as the agreement lists the slots; slots the schedule no longer names go after, by time of day.
        var slots = schedule.Select(s => s.Name).Where(scheduled.Contains)
            .Concat(result.Slots
                .Where(s => !schedule.Any(d => d.Name == s.Slot))
                .OrderBy(s => s.WindowStart.InZone(zone).TimeOfDay).ThenBy(s => s.Slot, StringComparer.Ordinal)
                .Select(s => s.Slot))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var first = LocalDate.Min(row.Interval.Start.InZone(zone).Date, result.Slots.Min(s => s.Date));
        var last = LocalDate.Max((row.Interval.End - Duration.Epsilon).InZone(zone).Date, result.Slots.Max(s => s.Date));
        var dates = new List<LocalDate>();
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            dates.Add(date);
        }

        var columns = dates.Select(d => new SvgHeatmapColumn(
            d.Day.ToString(CultureInfo.InvariantCulture),
            Weekday(d.DayOfWeek),
            d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)).ToList();
        var cells = result.Slots.Select(s => new SvgHeatmapCell(
            slots.IndexOf(s.Slot),
            dates.IndexOf(s.Date),
            s.Outcome switch
            {
                DeliveryOutcome.OnTime => 0,
                DeliveryOutcome.Late => 1,
                DeliveryOutcome.Short => 2,
                _ => 3,
            },
            SlotTooltip(s, zone))).ToList();
        var label = $"Deliveries for {context.CustomerName(row.Customer)} over {row.Period} by day and slot: {result.OnTime} of {result.Scheduled} on time, {result.Late} late, {result.Count(DeliveryOutcome.Short)} short, {result.Missed} missed";
        return SvgCharts.Heatmap(context.NextId("deliveries"), label, slots, columns, Outcomes, cells);
    }

    /// <summary>The satisfaction value per period as bars, the objective dashed, periods without enough responses marked.</summary>
    public static string SatisfactionTrend(HtmlContext context, MeasureRow row)
    {
        var report = context.Report;
        var periods = Periods(report);
        var rows = report.Trend.Concat(report.Measures)
            .Where(m => m.Customer == row.Customer && m.Agreement == row.Agreement && m.Target == row.Target && m.Service == row.Service)
            .GroupBy(m => m.Period, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(m => periods.IndexOf(m.Period))
            .ToList();
        var rules = context.TargetOf(row.Agreement, row.Target, row.Interval)?.Satisfaction;
        Func<double, string> format = row.ValueIsShare ? v => Percent(v) : v => Number(v);
        var bars = rows.Select(m => new SvgBar(
            m.Period,
            m.Verdict == Verdict.NotEnoughData ? null : m.Value,
            m.Verdict,
            $"{m.Period}: {(m.ValueIsShare ? Percent(m.Value) : Number(m.Value))}, {VerdictText(m.Verdict)}; {m.Explanation}")).ToList();
        SvgAxis axis;
        if (row.ValueIsShare)
        {
            axis = new SvgAxis(0, 1, 0.2);
        }
        else if (rules is { Metric: SatisfactionMetric.Nps })
        {
            axis = new SvgAxis(-100, 100, 50);
        }
        else if (rules is not null)
        {
            axis = SvgAxis.Nice(rules.ScaleMin, rules.ScaleMax);
        }
        else
        {
            var values = rows.Select(m => m.Value).OfType<double>().Append(row.Objective).ToList();
            axis = SvgAxis.Nice(Math.Min(0, values.Min()), values.Max());
        }

        var label = $"Satisfaction of {context.CustomerName(row.Customer)} ({row.Agreement}/{row.Target}) per period, {rows[0].Period} to {rows[^1].Period}, objective {format(row.Objective)}";
        return SvgCharts.BarChart(context.NextId("satisfaction"), label, bars, axis, row.Objective, format);
    }

    /// <summary>A custom target's series value per period with its threshold dashed; null when no period has a value.</summary>
    public static string? SeriesTrend(HtmlContext context, MeasureRow row)
    {
        var report = context.Report;
        var periods = Periods(report);
        var rows = report.Trend.Concat(report.Measures)
            .Where(m => m.Customer == row.Customer && m.Agreement == row.Agreement && m.Target == row.Target && m.Service == row.Service)
            .ToList();
        var values = periods.Select(p => rows.LastOrDefault(r => r.Period == p) is { Verdict: not Verdict.NotEnoughData } r ? r.Value : null).ToImmutableArray();
        var known = values.OfType<double>().ToList();
        if (known.Count == 0)
        {
            return null;
        }

        var unit = row.Unit is null ? string.Empty : " " + row.Unit;
        var notes = periods.Select(p => rows.LastOrDefault(r => r.Period == p) is { } r ? VerdictText(r.Verdict) : null).ToImmutableArray();
        var line = new SvgLine($"{row.Agreement}/{row.Target}", values, row.Objective) { Notes = notes };
        var (low, high) = (Math.Min(known.Min(), row.Objective), Math.Max(known.Max(), row.Objective));
        // A tenth of the range as margin, so no point sits on the frame.
        var margin = (high - low) * 0.1;
        var axis = SvgAxis.Nice(low - margin, high + margin);
        var label = $"{row.Agreement}/{row.Target} of {context.CustomerName(row.Customer)} per period, {periods[0]} to {periods[^1]}, threshold {Number(row.Objective)}{unit} dashed";
        return SvgCharts.LineChart(context.NextId("series"), label, periods, [line], axis, v => Number(v) + unit);
    }

    /// <summary>
    /// A tick at the period's start and at each local midnight inside it, each naming the day that follows it: every
    /// day on periods up to 31 days, the 1st and the 15th on longer ones.
    /// </summary>
    internal static IReadOnlyList<SvgTick> DayTicks(Interval period, DateTimeZone zone)
    {
        var ticks = new List<SvgTick>();
        var first = period.Start.InZone(zone).Date;
        var days = Period.Between(first, (period.End - Duration.Epsilon).InZone(zone).Date, PeriodUnits.Days).Days + 1;
        string? Label(LocalDate date) => days <= 31
            ? date.Day.ToString(CultureInfo.InvariantCulture)
            : date.Day is 1 or 15 ? date.ToString("d MMM", CultureInfo.InvariantCulture) : null;
        ticks.Add(new SvgTick(period.Start, Label(first)));
        for (var date = first.PlusDays(1); ; date = date.PlusDays(1))
        {
            var at = zone.AtStartOfDay(date).ToInstant();
            if (at >= period.End)
            {
                break;
            }

            ticks.Add(new SvgTick(at, Label(date)));
        }

        return ticks;
    }

    private static string SlotTooltip(SlotResult slot, DateTimeZone zone)
    {
        var outcome = slot.Outcome switch
        {
            DeliveryOutcome.OnTime => "on time",
            DeliveryOutcome.Late => "late",
            DeliveryOutcome.Short => "short",
            _ => "missed",
        };
        var text = $"{slot.Slot} ({slot.Service}), {Weekday(slot.Date.DayOfWeek)} {Date(slot.Date)}: {outcome}; window {Range(slot.WindowStart, slot.WindowEnd, zone)}";
        if (slot.Delivery is { } delivery)
        {
            text += $"; delivered {When(delivery.At, zone)}";
            if (slot.Late > Duration.Zero)
            {
                text += $", {Span(slot.Late)} late";
            }
        }
        else
        {
            text += "; nothing delivered";
        }

        if (slot.Quantity is { } quantity)
        {
            text += $"; quantity {(slot.Delivered is { } delivered ? delivered.ToString(CultureInfo.InvariantCulture) : "not reported")} of {quantity.ToString(CultureInfo.InvariantCulture)}";
        }

        return text;
    }

    private static string Weekday(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => "Mo",
        IsoDayOfWeek.Tuesday => "Tu",
        IsoDayOfWeek.Wednesday => "We",
        IsoDayOfWeek.Thursday => "Th",
        IsoDayOfWeek.Friday => "Fr",
        IsoDayOfWeek.Saturday => "Sa",
        _ => "Su",
    };
}
