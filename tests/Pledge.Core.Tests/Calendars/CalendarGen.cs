using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Pledge.Tests.Calendars;

/// <summary>How a generated duration is chosen; resolved against the calendar so it stays within the supported years.</summary>
internal readonly record struct DurationPick(int Kind, long Value, bool Negative)
{
    /// <summary>The duration in ticks; <paramref name="small"/> keeps it within a few weeks of calendar time (for the naive reference).</summary>
    public long Ticks(CalendarSpec spec, bool small = false)
    {
        var weekly = spec.WeeklyTime.BclCompatibleTicks;
        // Never more than a few weeks (small) or about three years of the calendar's nominal weekly time,
        // so that sparse calendars stay far inside the supported years.
        var cap = (small ? 4 : 156) * weekly;
        var ticks = Kind switch
        {
            0 => 0,
            1 => Value, // up to a second
            2 => Value, // minutes, maybe with a fraction
            3 => (long)(cap * (Value / 1_000_000.0)), // a share of the cap
            _ => weekly * Value, // whole weeks' worth: often lands exactly on a window edge
        };
        ticks = Math.Min(ticks, cap);
        return Negative ? -ticks : ticks;
    }
}

/// <summary>A generated calendar with a start and a few durations, as the properties need them.</summary>
internal sealed record CalendarCase(CalendarSpec Spec, Instant RawStart, int Snap, DurationPick First, DurationPick Second, long GapTicks)
{
    /// <summary>The start: as drawn, or moved onto a window edge or a whole minute, where the edge rules bite.</summary>
    public Instant Start => Snap switch
    {
        1 => Spec.Calendar.NextOpening(RawStart) ?? RawStart,
        2 => Spec.Calendar.NextClosing(RawStart) ?? RawStart,
        3 => Instant.FromUnixTimeTicks(RawStart.ToUnixTimeTicks() / NodaConstants.TicksPerMinute * NodaConstants.TicksPerMinute),
        _ => RawStart,
    };

    public override string ToString() =>
        $"start {Iso.InZone(Start, Spec.Zone)} (raw {RawStart}, snap {Snap}), first {First}, second {Second}, gap {GapTicks} ticks\n{Spec}";
}

/// <summary>FsCheck generators of calendars, instants and durations.</summary>
internal static class CalendarGen
{
    /// <summary>Zones with many, odd or large offset changes between 2000 and 2040.</summary>
    public static readonly string[] Zones =
    [
        "Europe/Berlin", "America/New_York", "America/Sao_Paulo", "Asia/Tehran", "Australia/Sydney",
        "Australia/Lord_Howe", // 30-minute DST
        "Pacific/Apia", // skipped 2011-12-30 entirely
        "America/Santiago", "Africa/Casablanca", "America/Havana", "Pacific/Chatham", "America/St_Johns",
        "Antarctica/Troll", // 2-hour DST
        "Europe/Moscow", "America/Caracas", "Asia/Pyongyang", "America/Asuncion", "Asia/Gaza", "America/Nuuk", "UTC",
    ];

    private static readonly Instant First = Instant.FromUtc(2000, 1, 1, 0, 0);
    private const int Days = 14610; // 2000-01-01 to 2040-01-01

    /// <summary>A minute of the day from 0 to 1440, often on a quarter hour.</summary>
    public static Gen<int> MinuteOfDay { get; } =
        Gen.Frequency((1, Gen.Choose(0, 1440)), (2, Gen.Choose(0, 96).Select(q => q * 15)));

    /// <summary>Up to <paramref name="count"/> disjoint windows of a day; the last may run into the next day.</summary>
    public static Gen<ImmutableArray<SpecWindow>> Windows(int count) =>
        from points in Gen.ArrayOf(MinuteOfDay, 2 * count)
        from overnight in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 1440)))
        select MakeWindows(points, overnight);

    public static Gen<ImmutableArray<SpecWindow>> Day { get; } =
        Gen.Frequency(
            (3, Gen.Constant(ImmutableArray<SpecWindow>.Empty)),
            (6, Windows(1)),
            (3, Windows(2)),
            (1, Windows(3)),
            (1, Gen.Constant(ImmutableArray.Create(new SpecWindow(0, SpecWindow.MinutesPerDay)))));

    private static Gen<ImmutableArray<SpecWindow>> HolidayHours { get; } =
        Gen.Frequency((3, Gen.Constant(ImmutableArray<SpecWindow>.Empty)), (2, Windows(1)), (1, Windows(2)));

    /// <summary>An instant between 2000 and 2040, to the tick.</summary>
    public static Gen<Instant> Instant2000To2040 { get; } =
        from day in Gen.Choose(0, Days - 1)
        from second in Gen.Choose(0, 86_399)
        from tick in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(0, 9_999_999)))
        select First.Plus(Duration.FromDays(day) + Duration.FromSeconds(second) + Duration.FromTicks(tick));

    public static Gen<DurationPick> Durations { get; } =
        from kind in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Constant(1)), (5, Gen.Constant(2)), (3, Gen.Constant(3)), (2, Gen.Constant(4)))
        from minutes in Gen.Choose(1, 20_160)
        from fraction in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(0, 599_999_999)))
        from ticks in Gen.Choose(1, 10_000_000)
        from share in Gen.Choose(1, 1_000_000)
        from weeks in Gen.Choose(1, 10)
        from negative in Gen.Elements(false, true)
        select kind switch
        {
            1 => new DurationPick(1, ticks, negative),
            2 => new DurationPick(2, (minutes * NodaConstants.TicksPerMinute) + fraction, negative),
            3 => new DurationPick(3, share, negative),
            4 => new DurationPick(4, weeks, negative),
            _ => new DurationPick(0, 0, negative),
        };

    /// <summary>A calendar whose holidays cluster around <paramref name="anchor"/> (where the tests look) and a few far away.</summary>
    public static Gen<CalendarSpec> Spec(string zone, LocalDate anchor) =>
        from week in Gen.ArrayOf(Day, 7).Where(days => days.Any(d => !d.IsEmpty))
        from datedNear in Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(-20, 40), HolidayHours), n))
        from datedFar in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(-800, 1500), HolidayHours), n))
        from iCalendar in Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(Gen.Choose(-20, 40), n))
        from annual in Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(Gen.Zip(AnnualDay(anchor), HolidayHours), n))
        select new CalendarSpec(
            zone,
            [.. week],
            Unique(datedNear.Concat(datedFar).Select(d => (anchor.PlusDays(d.Item1), d.Item2))),
            [.. iCalendar.Select(anchor.PlusDays)],
            Unique(annual.Select(a => (a.Item1, a.Item2))));

    /// <summary>A calendar case starting between 2000 and 2040.</summary>
    public static Gen<CalendarCase> Cases { get; } =
        from zone in Gen.Elements(Zones)
        from start in Gen.Frequency((2, Instant2000To2040), (1, NearOffsetChange(zone)))
        from spec in Spec(zone, start.InZone(DateTimeZoneProviders.Tzdb[zone]).Date)
        from snap in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
        from first in Durations
        from second in Durations
        from gap in Gen.Frequency(
            (2, Gen.Choose(0, 10_000_000).Select(t => (long)t)),
            (2, Gen.Choose(0, 20_160).Select(m => m * NodaConstants.TicksPerMinute)),
            (1, Gen.Choose(0, 3 * 365).Select(d => d * NodaConstants.TicksPerDay)))
        select new CalendarCase(spec, start, snap, first, second, gap);

    /// <summary>An instant from a day and a half before to half a day after one of the zone's offset changes.</summary>
    public static Gen<Instant> NearOffsetChange(string zoneId) =>
        from instant in Instant2000To2040
        from minutes in Gen.Choose(-36 * 60, 12 * 60)
        from ticks in Gen.Choose(0, 599_999_999)
        select NearOffsetChange(DateTimeZoneProviders.Tzdb[zoneId], instant) + Duration.FromMinutes(minutes) + Duration.FromTicks(ticks);

    private static Instant NearOffsetChange(DateTimeZone zone, Instant instant)
    {
        var interval = zone.GetZoneInterval(instant);
        return interval.HasStart && interval.Start >= First.Plus(Duration.FromDays(2)) ? interval.Start : instant;
    }

    private static Gen<AnnualDate> AnnualDay(LocalDate anchor) =>
        Gen.Frequency(
            (1, Gen.Constant(new AnnualDate(2, 29))),
            (3, Gen.Choose(-10, 30).Select(d => anchor.PlusDays(d)).Select(d => new AnnualDate(d.Month, d.Day))),
            (2, from month in Gen.Choose(1, 12) from day in Gen.Choose(1, 28) select new AnnualDate(month, day)));

    private static ImmutableArray<SpecWindow> MakeWindows(int[] points, int overnight)
    {
        var cuts = points.Distinct().Order().ToArray();
        var windows = new List<SpecWindow>();
        for (var i = 0; i + 1 < cuts.Length; i += 2)
        {
            windows.Add(new SpecWindow(cuts[i], cuts[i + 1] - cuts[i]));
        }

        if (windows.Count > 0 && overnight > 0)
        {
            // The last window runs past midnight (at most 24 hours long in all).
            var last = windows[^1];
            windows[^1] = last with { Length = Math.Min(SpecWindow.MinutesPerDay, last.Length + overnight) };
        }

        return [.. windows.Where(w => w.Start < SpecWindow.MinutesPerDay)];
    }

    private static ImmutableDictionary<TKey, ImmutableArray<SpecWindow>> Unique<TKey>(IEnumerable<(TKey Key, ImmutableArray<SpecWindow> Hours)> items)
        where TKey : notnull
    {
        var builder = ImmutableDictionary.CreateBuilder<TKey, ImmutableArray<SpecWindow>>();
        foreach (var (key, hours) in items)
        {
            builder[key] = hours;
        }

        return builder.ToImmutable();
    }
}
