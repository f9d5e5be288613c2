using System.Collections.Immutable;
using NodaTime;
using NodaTime.TimeZones;
using Pledge.Calendars;
using Pledge.Measures;

namespace Pledge.Deliveries;

/// <summary>
/// Matches one customer's deliveries to the slots of a delivery schedule and measures the share delivered on time.
/// </summary>
/// <remarks>
/// <para><b>Occurrences.</b> A slot occurs on each local date, in the customer calendar's zone, whose day of the
/// week is one of the slot's days and on which the calendar opens: its hours for that date, after holidays, are
/// not empty. So nothing is scheduled on a holiday or a closed day (a window from the evening before that runs
/// past midnight does not open a closed date). The window is [From, To) on that date, turned into instants in
/// the calendar's zone: a wall-clock time that a clock change skips maps to the first instant after the gap,
/// one that occurs twice maps to the earlier. Windows are compared in instants, so one that spans a clock change
/// is as long as real time says. An occurrence whose window vanishes (it lies wholly in a gap) is not scheduled.
/// An occurrence counts in the period whose half-open interval holds its window's start.</para>
/// <para><b>Matching.</b> Deliveries are taken in time order (ties by id, ordinal), so input order never matters,
/// and each fills at most one occurrence of a slot of its own service (only of the slot it names, when it names
/// one); an occurrence takes at most one delivery, the first that fits. Services and slot names compare ignoring case.</para>
/// <list type="number">
/// <item>A delivery at or after a window's start and before its end plus <see cref="DeliveryRules.Tolerance"/> fits
/// it on time. Of several unfilled occurrences that fit, it fills the one that closes first. If every occurrence it
/// fits is already filled, it is a second delivery for the same window: unscheduled.</item>
/// <item>Otherwise it fills, late, the latest occurrence of the same local date that closed (plus tolerance) at or
/// before it and is still unfilled. It is late by its instant minus the window's end (so the tolerance is part of
/// the lateness; a delivery exactly at the close with no tolerance is late by zero).</item>
/// <item>Otherwise it is unscheduled. A delivery before a window opens never fills that window: it is either late
/// for an earlier occurrence that day or unscheduled.</item>
/// </list>
/// <para><b>Outcomes.</b> A filled occurrence whose slot has a quantity and whose delivery reports less is short,
/// late or not (<see cref="SlotResult.Late"/> still says by how much it was late); a delivery that reports no
/// quantity is not checked. A filled occurrence that is not short is on time or late; an unfilled one is missed.
/// A top-up (a second delivery completing a short one) is not added: it is unscheduled.</para>
/// <para><b>Period.</b> Deliveries outside the period are used to fill the period's occurrences (a late delivery
/// after the period's end, for a window that opened in it), and the occurrences of the two dates before the period
/// are matched too, since they can take deliveries made inside it. So splitting a period in two splits its slots
/// and unscheduled deliveries exactly (unless a tolerance of many hours lets windows of one service overlap across
/// more than two days). <see cref="DeliveryResult.Unscheduled"/> lists the unmatched deliveries inside the period.</para>
/// <para>Attainment is on-time occurrences over scheduled occurrences; with nothing scheduled it is 1 and the
/// verdict is <see cref="Verdict.NotEnoughData"/>.</para>
/// </remarks>
public static class DeliveryMatcher
{
    // Skipped wall-clock times move to the end of the gap; repeated ones take the first pass.
    private static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>Matches <paramref name="deliveries"/> to the schedule of <paramref name="rules"/> over <paramref name="period"/>.</summary>
    /// <param name="customerCalendar">The customer's calendar: its zone reads the slots' times, its closed dates have no slots.</param>
    /// <param name="period">The period measured; it must have a start and an end.</param>
    /// <param name="deliveries">The customer's deliveries (already filtered to that customer), in any order.</param>
    /// <param name="rules">The schedule, tolerance and objective.</param>
    /// <exception cref="ArgumentException">The period is unbounded, or the rules are invalid (slot names that differ only in case or not at all, a slot that ends before it starts, a negative tolerance or one of a day or more).</exception>
    public static DeliveryResult Match(BusinessCalendar customerCalendar, Interval period, IEnumerable<Delivery> deliveries, DeliveryRules rules)
    {
        ArgumentNullException.ThrowIfNull(customerCalendar);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(rules);
        if (!period.HasStart || !period.HasEnd)
        {
            throw new ArgumentException("A delivery period needs a start and an end.", nameof(period));
        }

        var schedule = Validate(rules);
        var tolerance = rules.Tolerance;
        var zone = customerCalendar.Zone;

        // Two days before the period too: their occurrences can take deliveries that fall inside it (a late one the
        // same day, an on-time one through the tolerance), and so decide which deliveries are left for the period.
        var firstDate = period.Start.InZone(zone).Date.PlusDays(-2);
        var lastDate = period.End.InZone(zone).Date;
        var byService = new Dictionary<string, Dictionary<LocalDate, List<SlotOccurrence>>>(StringComparer.OrdinalIgnoreCase);
        var all = new List<SlotOccurrence>();
        for (var date = firstDate; date <= lastDate; date = date.PlusDays(1))
        {
            if (customerCalendar.Definition.HoursOn(date).IsEmpty)
            {
                continue;
            }

            foreach (var slot in schedule)
            {
                if (slot.Days.IsDefault || !slot.Days.Contains(date.DayOfWeek))
                {
                    continue;
                }

                var start = zone.ResolveLocal(date + slot.From, Resolver).ToInstant();
                var end = slot.To == LocalTime.Midnight
                    ? zone.ResolveLocal(date.PlusDays(1).AtMidnight(), Resolver).ToInstant()
                    : zone.ResolveLocal(date + slot.To, Resolver).ToInstant();
                if (end <= start)
                {
                    continue;
                }

                var occurrence = new SlotOccurrence(slot, date, start, end);
                all.Add(occurrence);
                if (!byService.TryGetValue(slot.Service, out var byDay))
                {
                    byService[slot.Service] = byDay = [];
                }

                if (!byDay.TryGetValue(date, out var list))
                {
                    byDay[date] = list = [];
                }

                list.Add(occurrence);
            }
        }

        // No delivery before the first date's start can fill anything, nor one after the last date plus tolerance.
        var from = zone.AtStartOfDay(firstDate).ToInstant();
        var to = zone.AtStartOfDay(lastDate.PlusDays(1)).ToInstant() + tolerance;
        var ordered = deliveries
            .Where(d => d is not null && d.At >= from && d.At < to)
            .Order(DeliveryOrder.Instance)
            .ToList();

        var unscheduled = ImmutableArray.CreateBuilder<Delivery>();
        foreach (var delivery in ordered)
        {
            var chosen = byService.TryGetValue(delivery.Service, out var byDay) ? Choose(delivery, zone, byDay, tolerance) : null;
            if (chosen is not null)
            {
                chosen.Filled = delivery;
            }
            else if (period.Contains(delivery.At))
            {
                unscheduled.Add(delivery);
            }
        }

        var counted = all.Where(o => period.Contains(o.Start)).ToList();
        counted.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.IsBefore(b) ? -1 : b.IsBefore(a) ? 1 : 0);
        var slots = ImmutableArray.CreateBuilder<SlotResult>(counted.Count);
        var onTime = 0;
        foreach (var occurrence in counted)
        {
            var result = Outcome(occurrence, tolerance);
            if (result.Outcome == DeliveryOutcome.OnTime)
            {
                onTime++;
            }

            slots.Add(result);
        }

        var scheduled = counted.Count;
        var attainment = scheduled == 0 ? 1.0 : (double)onTime / scheduled;
        var verdict = scheduled == 0 ? Verdict.NotEnoughData : attainment >= rules.Objective ? Verdict.Met : Verdict.Missed;
        return new DeliveryResult(period, slots.MoveToImmutable(), unscheduled.ToImmutable(), scheduled, onTime, attainment, verdict);
    }

    /// <summary>The occurrence <paramref name="delivery"/> fills, or null when it is unscheduled.</summary>
    private static SlotOccurrence? Choose(
        Delivery delivery,
        DateTimeZone zone,
        Dictionary<LocalDate, List<SlotOccurrence>> byDay,
        Duration tolerance)
    {
        var at = delivery.At;
        var date = at.InZone(zone).Date;
        SlotOccurrence? onTime = null;
        SlotOccurrence? late = null;
        var fitsFilled = false;

        // With a tolerance under a day, a window that fits opened on this date or one of the two before
        // (two: a day shortened by a clock change).
        for (var back = 2; back >= 0; back--)
        {
            var day = date.PlusDays(-back);
            if (!byDay.TryGetValue(day, out var candidates))
            {
                continue;
            }

            foreach (var occurrence in candidates)
            {
                if (delivery.Slot is not null && !string.Equals(delivery.Slot, occurrence.Slot.Name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var closes = occurrence.End + tolerance;
                if (occurrence.Start <= at && at < closes)
                {
                    if (occurrence.Filled is not null)
                    {
                        fitsFilled = true;
                    }
                    else if (onTime is null || occurrence.IsBefore(onTime))
                    {
                        onTime = occurrence;
                    }
                }
                else if (occurrence.Filled is null && day == date && closes <= at && (late is null || late.IsBefore(occurrence)))
                {
                    late = occurrence;
                }
            }
        }

        return onTime ?? (fitsFilled ? null : late);
    }

    private static SlotResult Outcome(SlotOccurrence occurrence, Duration tolerance)
    {
        var slot = occurrence.Slot;
        var delivery = occurrence.Filled;
        if (delivery is null)
        {
            return new SlotResult(slot.Name, slot.Service, occurrence.Date, occurrence.Start, occurrence.End, DeliveryOutcome.Missed, null, Duration.Zero)
            {
                Quantity = slot.Quantity,
            };
        }

        var isLate = delivery.At >= occurrence.End + tolerance;
        var isShort = slot.Quantity is { } wanted && delivery.Quantity is { } got && got < wanted;
        var outcome = isShort ? DeliveryOutcome.Short : isLate ? DeliveryOutcome.Late : DeliveryOutcome.OnTime;
        var late = isLate ? delivery.At - occurrence.End : Duration.Zero;
        return new SlotResult(slot.Name, slot.Service, occurrence.Date, occurrence.Start, occurrence.End, outcome, delivery, late)
        {
            Quantity = slot.Quantity,
        };
    }

    private static ImmutableArray<DeliverySlot> Validate(DeliveryRules rules)
    {
        if (rules.Tolerance < Duration.Zero || rules.Tolerance >= Duration.FromDays(1))
        {
            throw new ArgumentException($"A delivery tolerance must be at least zero and less than a day, not {rules.Tolerance}.", nameof(rules));
        }

        if (rules.Schedule.IsDefaultOrEmpty)
        {
            return [];
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var slot in rules.Schedule)
        {
            if (slot is null)
            {
                throw new ArgumentException("A delivery schedule holds a null slot.", nameof(rules));
            }

            if (!names.Add(slot.Name))
            {
                throw new ArgumentException($"The delivery schedule has two slots named '{slot.Name}'.", nameof(rules));
            }

            if (slot.To <= slot.From && slot.To != LocalTime.Midnight)
            {
                throw new ArgumentException($"Delivery slot '{slot.Name}' must end after it starts on the same day ({slot.From:HH:mm}-{slot.To:HH:mm}).", nameof(rules));
            }
        }

        return rules.Schedule;
    }
}
