using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Pledge.Calendars;
using Pledge.Deliveries;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Deliveries;

/// <summary>Calendars, schedules and short spellings for the delivery tests.</summary>
internal static class DeliveryKit
{
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    public static readonly ImmutableArray<IsoDayOfWeek> EveryDay =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    public static readonly ImmutableArray<IsoDayOfWeek> Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    /// <summary>Open every day, all day, in Berlin.</summary>
    public static BusinessCalendar AllWeek { get; } = CalendarFile.Load(TestCalendars.AllWeek("Europe/Berlin"), "all-week.yaml");

    /// <summary>Monday to Friday 08:00-18:00 in Berlin; Christmas Day closed, Christmas Eve until noon.</summary>
    public static BusinessCalendar Office { get; } = CalendarFile.Load(
        TestCalendars.Week("Europe/Berlin", "08:00-18:00", TestCalendars.WorkingDays)
        + "holidays:\n  - 2026-12-25\n  - { date: 2026-12-24, hours: [\"08:00-12:00\"] }\n",
        "office.yaml");

    /// <summary>Monday to Saturday 06:00-20:00 in Berlin; Monday 26 October 2026 a holiday.</summary>
    public static BusinessCalendar Shop { get; } = CalendarFile.Load(
        TestCalendars.Week("Europe/Berlin", "06:00-20:00", [.. TestCalendars.WorkingDays, "saturday"]) + "holidays:\n  - 2026-10-26\n",
        "shop.yaml");

    /// <summary>The schedule: tea every morning and evening, coffee before and after lunch, juice (20 bottles) during the lunch break.</summary>
    public static ImmutableArray<DeliverySlot> Canteen { get; } =
    [
        Slot("tea-morning", "tea", EveryDay, "07:00", "09:00"),
        Slot("tea-evening", "tea", EveryDay, "17:00", "19:00"),
        Slot("coffee-before-lunch", "coffee", Weekdays, "11:00", "12:00"),
        Slot("juice-lunch", "juice", Weekdays, "12:00", "13:00") with { Quantity = 20 },
        Slot("coffee-after-lunch", "coffee", Weekdays, "13:30", "14:30"),
    ];

    public static DeliverySlot Slot(string name, string service, ImmutableArray<IsoDayOfWeek> days, string from, string to) =>
        new(name, service, days, Time(from), Time(to));

    public static LocalTime Time(string text) => LocalTime.FromMinutesSinceMidnight(
        (int.Parse(text[..2], CultureInfo.InvariantCulture) * 60) + int.Parse(text[3..], CultureInfo.InvariantCulture));

    public static Delivery D(string id, string service, string at, int? quantity = null, string? slot = null) =>
        new(id, "acme", service, Iso.Instant(at)) { Quantity = quantity, Slot = slot };

    public static Interval Period(string from, string to) => new(Iso.Instant(from), Iso.Instant(to));

    public static DeliveryRules Rules(ImmutableArray<DeliverySlot> schedule, int toleranceMinutes = 0, double objective = 0.95) =>
        new() { Schedule = schedule, Tolerance = Duration.FromMinutes(toleranceMinutes), Objective = objective };

    /// <summary>A slot result in one line: "2026-10-24 tea-morning 05:00Z-07:00Z OnTime d1", with "+20m" when late.</summary>
    public static string Show(SlotResult r)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{r.Date:uuuu-MM-dd} {r.Slot} {Utc(r.WindowStart)}-{Utc(r.WindowEnd)} {r.Outcome}");
        if (r.Delivery is not null)
        {
            text += " " + r.Delivery.Id;
        }

        if (r.Late != Duration.Zero)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" +{r.Late.TotalMinutes}m");
        }

        return text;
    }

    public static string[] Show(DeliveryResult result) => [.. result.Slots.Select(Show)];

    public static string[] Ids(IEnumerable<Delivery> deliveries) => [.. deliveries.Select(d => d.Id)];

    private static string Utc(Instant instant) => instant.ToString("dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
