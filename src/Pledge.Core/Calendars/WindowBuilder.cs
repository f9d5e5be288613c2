using NodaTime;

namespace Pledge.Calendars;

/// <summary>
/// Turns a definition's wall-clock windows into instants, day by day (never by stepping 24 hours).
/// </summary>
/// <remarks>
/// A window covers every instant whose wall-clock time falls inside it. With a UTC offset o that is in
/// force over [s, e), those instants are [open - o, close - o) ∩ [s, e); the window is the union over
/// every offset period it meets. So on a DST change 01:00-04:00 holds 2 or 4 real hours, an edge inside
/// a gap becomes the first instant after the gap, and a window inside a repeated hour covers both passes.
/// </remarks>
internal static class WindowBuilder
{
    private const long TicksPerDay = NodaConstants.TicksPerDay;

    /// <summary>Unix ticks of the first instant of local 1 January of <paramref name="year"/>.</summary>
    public static long StartOfYear(DateTimeZone zone, int year) =>
        zone.AtStartOfDay(new LocalDate(year, 1, 1)).ToInstant().ToUnixTimeTicks();

    /// <summary>The merged windows of local years [firstYear, lastYear], clipped to their range.</summary>
    public static List<(long Open, long Close)> Build(CalendarDefinition definition, int firstYear, int lastYear)
    {
        var zone = definition.Zone;
        var clipStart = StartOfYear(zone, firstYear);
        var clipEnd = StartOfYear(zone, lastYear + 1);
        var raw = new List<(long Open, long Close)>(capacity: 400 * (lastYear - firstYear + 1));
        var offsets = new OffsetCursor(zone);

        // The day before the range can spill an overnight window into it.
        var date = new LocalDate(firstYear, 1, 1).PlusDays(-1);
        var last = new LocalDate(lastYear, 12, 31);
        while (date <= last)
        {
            var midnight = LocalTicks(date);
            foreach (var hours in definition.HoursOn(date))
            {
                var open = midnight + (hours.Start.NanosecondOfDay / NodaConstants.NanosecondsPerTick);
                var close = midnight + (hours.EndsNextDay ? TicksPerDay : 0) + (hours.End.NanosecondOfDay / NodaConstants.NanosecondsPerTick);
                offsets.AddInstants(open, close, clipStart, clipEnd, raw);
            }

            date = date.PlusDays(1);
        }

        return Merge(raw);
    }

    /// <summary>Sorts and merges overlapping or touching intervals.</summary>
    public static List<(long Open, long Close)> Merge(List<(long Open, long Close)> intervals)
    {
        intervals.Sort(static (a, b) => a.Open.CompareTo(b.Open));
        var merged = new List<(long Open, long Close)>(intervals.Count);
        foreach (var (open, close) in intervals)
        {
            if (merged.Count > 0 && open <= merged[^1].Close)
            {
                if (close > merged[^1].Close)
                {
                    merged[^1] = (merged[^1].Open, close);
                }
            }
            else
            {
                merged.Add((open, close));
            }
        }

        return merged;
    }

    private static long LocalTicks(LocalDate date) =>
        date.AtMidnight().InUtc().ToInstant().ToUnixTimeTicks();

    /// <summary>Walks the zone's offset periods, remembering the last one: consecutive windows mostly share it.</summary>
    private sealed class OffsetCursor(DateTimeZone zone)
    {
        private readonly long _maxOffset = zone.MaxOffset.Ticks;
        private readonly long _minOffset = zone.MinOffset.Ticks;
        private long _start = long.MaxValue;
        private long _end = long.MinValue;
        private long _offset;

        public void AddInstants(long localOpen, long localClose, long clipStart, long clipEnd, List<(long Open, long Close)> output)
        {
            // Any instant of the window lies in [localOpen - maxOffset, localClose - minOffset).
            var cursor = localOpen - _maxOffset;
            var limit = localClose - _minOffset;
            while (cursor < limit)
            {
                Seek(cursor);
                var open = Math.Max(Math.Max(localOpen - _offset, _start), clipStart);
                var close = Math.Min(Math.Min(localClose - _offset, _end), clipEnd);
                if (open < close)
                {
                    output.Add((open, close));
                }

                cursor = _end;
            }
        }

        private void Seek(long ticks)
        {
            if (ticks >= _start && ticks < _end)
            {
                return;
            }

            var interval = zone.GetZoneInterval(Instant.FromUnixTimeTicks(ticks));
            _start = interval.HasStart ? interval.Start.ToUnixTimeTicks() : long.MinValue;
            _end = interval.HasEnd ? interval.End.ToUnixTimeTicks() : long.MaxValue;
            _offset = interval.WallOffset.Ticks;
        }
    }
}
