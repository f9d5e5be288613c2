using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Pledge.Calendars;
using Pledge.Deliveries;
using static Pledge.Tests.Deliveries.DeliveryKit;
using Interval = NodaTime.Interval;

namespace Pledge.Tests.Deliveries;

/// <summary>
/// A generated delivery case: a calendar, a schedule drawn from a pool (overlapping windows, a quantity, a window in
/// the autumn clock change, one to midnight), a tolerance, up to 40 deliveries in the week of 22 October 2026 (ties
/// on the five minutes), and a period inside that week.
/// </summary>
internal sealed record DeliveryCase(string CalendarName, ImmutableArray<DeliverySlot> Schedule, int ToleranceMinutes, ImmutableArray<Delivery> Deliveries, Interval Period, int Seed)
{
    public BusinessCalendar Calendar => DeliveryGen.Calendars[CalendarName];

    public DeliveryRules Rules => new() { Schedule = Schedule, Tolerance = Duration.FromMinutes(ToleranceMinutes) };

    public DeliveryResult Match(Interval period) => DeliveryMatcher.Match(Calendar, period, Deliveries, Rules);

    public DeliveryResult Match() => Match(Period);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"calendar {CalendarName}, tolerance {ToleranceMinutes} min, period {Period}, seed {Seed}\n");
        foreach (var slot in Schedule)
        {
            text.Append(CultureInfo.InvariantCulture, $"  slot {slot.Name} {slot.Service} {slot.From:HH:mm}-{slot.To:HH:mm} x{slot.Quantity}\n");
        }

        foreach (var d in Deliveries)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {d.Id} {d.Service} {d.At.InZone(Berlin):ddd uuuu-MM-dd HH:mm o<g>} q={d.Quantity} slot={d.Slot}\n");
        }

        return text.ToString();
    }
}

/// <summary>FsCheck generators of delivery cases.</summary>
internal static class DeliveryGen
{
    /// <summary>Monday 19 October 2026, 00:00 in Berlin (summer time); the clocks go back on Sunday 25.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 10, 18, 22, 0);

    public static readonly Duration Span = Duration.FromDays(9);

    public static readonly IReadOnlyDictionary<string, BusinessCalendar> Calendars = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal)
    {
        ["all-week"] = AllWeek,
        ["shop"] = Shop,
    };

    // Windows start at 01:00 or later and the tolerance is at most an hour, so no window reaches into the next day's.
    private static readonly ImmutableArray<DeliverySlot> Pool =
    [
        Slot("tea-morning", "tea", EveryDay, "07:00", "09:00"),
        Slot("tea-second", "tea", Weekdays, "08:30", "10:00"),
        Slot("tea-evening", "tea", EveryDay, "17:00", "19:00"),
        Slot("coffee-before-lunch", "coffee", Weekdays, "11:00", "12:00"),
        Slot("coffee-after-lunch", "coffee", Weekdays, "13:30", "14:30"),
        Slot("juice-lunch", "juice", Weekdays, "12:00", "13:00") with { Quantity = 20 },
        Slot("tea-night", "tea", [IsoDayOfWeek.Sunday], "02:00", "03:00"),
        Slot("coffee-late", "coffee", EveryDay, "22:00", "00:00"),
    ];

    private static readonly string[] Services = ["tea", "tea", "coffee", "juice", "cake"];

    private static readonly Gen<ImmutableArray<DeliverySlot>> Schedules =
        Gen.ArrayOf(Gen.Elements(true, false), Pool.Length)
            .Select(pick => Pool.Where((_, i) => pick[i]).ToImmutableArray())
            .Where(s => !s.IsEmpty);

    private static readonly Gen<Func<int, Delivery>> Deliveries =
        from minute in Gen.Choose(0, (int)(Span.TotalMinutes / 5) - 1)
        from service in Gen.Elements(Services)
        from quantity in Gen.Elements<int?>(null, null, 15, 20, 25)
        from slot in Gen.Frequency((6, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>([.. Pool.Select(p => p.Name)])))
        select new Func<int, Delivery>(index => new Delivery(string.Create(CultureInfo.InvariantCulture, $"d{index:00}"), "acme", service, Start + Duration.FromMinutes(minute * 5L))
        {
            Quantity = quantity,
            Slot = slot,
        });

    private static readonly Gen<ImmutableArray<Delivery>> DeliveryLists =
        Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Deliveries, n)).Select(made => made.Select((make, i) => make(i)).ToImmutableArray());

    private static readonly Gen<Interval> Periods =
        from a in Gen.Choose(0, (int)Span.TotalMinutes)
        from b in Gen.Choose(0, (int)Span.TotalMinutes)
        let first = Start + Duration.FromMinutes(Math.Min(a, b))
        let last = Start + Duration.FromMinutes(Math.Max(a, b) + 1)
        select new Interval(first, last);

    public static Gen<DeliveryCase> Cases { get; } =
        from calendar in Gen.Elements("all-week", "shop")
        from schedule in Schedules
        from tolerance in Gen.Elements(0, 5, 15, 60)
        from deliveries in DeliveryLists
        from period in Periods
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select new DeliveryCase(calendar, schedule, tolerance, deliveries, period, seed);
}
