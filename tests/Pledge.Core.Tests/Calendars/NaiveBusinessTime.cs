using NodaTime;
using NodaTime.TimeZones;

namespace Pledge.Tests.Calendars;

/// <summary>
/// A deliberately naive reference for business time, written from the documented semantics only: walk real
/// time minute by minute, read each minute's wall-clock time in the zone, and ask whether that wall-clock
/// time lies in a window of its own date or in an overnight window of the date before.
/// </summary>
/// <remarks>
/// Generated windows sit on whole local minutes and, in the years tested, every zone's offsets and
/// transitions are whole minutes, so the calendar is open or closed for the whole of each real minute.
/// This shares nothing with the engine (which turns local windows into instants day by day), so the two
/// agreeing is evidence that both read the semantics the same way.
/// </remarks>
internal sealed class NaiveBusinessTime(CalendarSpec spec)
{
    private const long TicksPerMinute = NodaConstants.TicksPerMinute;
    private static readonly LocalDate Epoch = new(1970, 1, 1);
    private readonly Dictionary<long, SpecWindow[]> _days = [];
    private ZoneInterval? _interval;

    /// <summary>Whether the calendar is open during the real minute that starts <paramref name="minute"/> minutes after 1970-01-01T00:00Z.</summary>
    public bool IsOpenDuringMinute(long minute)
    {
        var offset = OffsetMinutesAt(minute);
        var local = minute + offset;
        var day = Math.DivRem(local, SpecWindow.MinutesPerDay, out var minuteOfDay);
        if (minuteOfDay < 0)
        {
            day--;
            minuteOfDay += SpecWindow.MinutesPerDay;
        }

        foreach (var window in Hours(day))
        {
            if (window.Start <= minuteOfDay && minuteOfDay < window.End)
            {
                return true;
            }
        }

        // Overnight windows of the day before reach into this day up to End - 1440.
        foreach (var window in Hours(day - 1))
        {
            if (minuteOfDay + SpecWindow.MinutesPerDay < window.End)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsOpen(Instant instant) => IsOpenDuringMinute(FloorMinute(instant.ToUnixTimeTicks()));

    /// <summary>Business ticks from <paramref name="from"/> to <paramref name="to"/>, signed.</summary>
    public long ElapsedTicks(Instant from, Instant to)
    {
        var a = from.ToUnixTimeTicks();
        var b = to.ToUnixTimeTicks();
        if (b < a)
        {
            return -ElapsedTicks(to, from);
        }

        long total = 0;
        for (var minute = FloorMinute(a); minute * TicksPerMinute < b; minute++)
        {
            if (IsOpenDuringMinute(minute))
            {
                var start = Math.Max(a, minute * TicksPerMinute);
                var end = Math.Min(b, (minute + 1) * TicksPerMinute);
                total += end - start;
            }
        }

        return total;
    }

    private static long FloorMinute(long ticks)
    {
        var minute = Math.DivRem(ticks, TicksPerMinute, out var rest);
        return rest < 0 ? minute - 1 : minute;
    }

    private long OffsetMinutesAt(long minute)
    {
        var instant = Instant.FromUnixTimeTicks(minute * TicksPerMinute);
        if (_interval is null || !_interval.Contains(instant))
        {
            _interval = spec.Zone.GetZoneInterval(instant);
            // The minute-by-minute walk is only exact if offsets change on whole minutes.
            if (_interval.WallOffset.Ticks % TicksPerMinute != 0 || (_interval.HasStart && _interval.Start.ToUnixTimeTicks() % TicksPerMinute != 0))
            {
                throw new InvalidOperationException($"{spec.ZoneId} changes offset off a whole minute near {instant}: the naive reference cannot be used there.");
            }
        }

        return _interval.WallOffset.Ticks / TicksPerMinute;
    }

    private SpecWindow[] Hours(long day)
    {
        if (!_days.TryGetValue(day, out var hours))
        {
            hours = [.. spec.HoursOn(Epoch.PlusDays((int)day))];
            _days[day] = hours;
        }

        return hours;
    }
}
