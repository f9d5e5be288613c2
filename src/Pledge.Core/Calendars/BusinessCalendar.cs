using System.Runtime.CompilerServices;
using NodaTime;

namespace Pledge.Calendars;

/// <summary>
/// Business-time arithmetic on one calendar: due instants, elapsed business time, openings and closings.
/// </summary>
/// <remarks>
/// <para>Semantics (fixed; see docs/calendars.md):</para>
/// <list type="bullet">
/// <item>Windows are half-open [open, close); business time is real elapsed time inside them.</item>
/// <item><see cref="Due"/> with a positive duration gives the earliest instant that far ahead, so a result
/// that lands exactly on a window's close is that close, not the next opening. A zero duration gives the
/// first business instant at or after the start. A negative duration counts backwards and gives the latest
/// such instant, so a result that lands exactly on a window's opening is that opening.</item>
/// <item><see cref="Elapsed"/> is signed: Elapsed(a, b) = -Elapsed(b, a), and Elapsed(s, Due(s, d)) = d.</item>
/// </list>
/// <para>Results are exact to the tick (100 ns); sub-tick nanoseconds of inputs are dropped.
/// Instants from local year <see cref="MinYear"/> to <see cref="MaxYear"/> are supported; others throw
/// <see cref="ArgumentOutOfRangeException"/>.</para>
/// <para>Windows are computed lazily, a few local years at a time, into immutable tables of instants with
/// running totals; every call is two binary searches, whatever the duration or the number of holidays it
/// crosses. Instances are thread-safe, and calls allocate nothing once the years they touch are built.</para>
/// </remarks>
public sealed class BusinessCalendar
{
    /// <summary>The first local year the engine computes.</summary>
    public const int MinYear = 1900;

    /// <summary>The last local year the engine computes.</summary>
    public const int MaxYear = 2199;

    private readonly Lock _gate = new();
    private readonly Duration _longestBusinessTime;
    private volatile WindowTable? _table;

    private BusinessCalendar(CalendarDefinition definition)
    {
        Definition = definition;
        MinTicks = WindowBuilder.StartOfYear(definition.Zone, MinYear);
        MaxTicks = WindowBuilder.StartOfYear(definition.Zone, MaxYear + 1);
        _longestBusinessTime = Duration.FromTicks(MaxTicks - MinTicks);
    }

    /// <summary>What the calendar was built from.</summary>
    public CalendarDefinition Definition { get; }

    /// <summary>The calendar's name.</summary>
    public string Name => Definition.Name;

    /// <summary>The calendar's zone: working days and wall-clock times are read in it.</summary>
    public DateTimeZone Zone => Definition.Zone;

    /// <summary>First supported instant (start of local 1 January <see cref="MinYear"/>), Unix ticks.</summary>
    internal long MinTicks { get; }

    /// <summary>End of the supported range (start of local 1 January after <see cref="MaxYear"/>), Unix ticks.</summary>
    internal long MaxTicks { get; }

    /// <summary>Builds a calendar from a definition.</summary>
    /// <exception cref="ArgumentException">The definition never opens (no business time at all).</exception>
    public static BusinessCalendar Create(CalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!definition.HasRecurringBusinessTime)
        {
            throw new ArgumentException($"Calendar '{definition.Name}' has no business time at all: every day of the week is closed.", nameof(definition));
        }

        return new BusinessCalendar(definition);
    }

    /// <summary>
    /// The instant <paramref name="businessTime"/> of business time after <paramref name="start"/>
    /// (before it, when negative). See the type's remarks for the edge rules.
    /// </summary>
    public Instant Due(Instant start, Duration businessTime)
    {
        // Beyond the supported span no answer exists; checking here also keeps huge durations
        // (Duration.MaxValue) from overflowing the conversion to ticks.
        if (businessTime > _longestBusinessTime || businessTime < -_longestBusinessTime)
        {
            throw BeyondRange();
        }

        return Instant.FromUnixTimeTicks(DueUnixTicks(start.ToUnixTimeTicks(), businessTime.BclCompatibleTicks));
    }

    /// <summary>Business time from <paramref name="from"/> to <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public Duration Elapsed(Instant from, Instant to) =>
        Duration.FromTicks(ElapsedTicks(from.ToUnixTimeTicks(), to.ToUnixTimeTicks()));

    /// <summary>Whether the calendar is open at <paramref name="instant"/> (windows are half-open).</summary>
    public bool IsOpen(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        var table = Covering(ticks);
        var i = table.LastOpenAtOrBefore(ticks);
        return i >= 0 && ticks < table.Closes[i];
    }

    /// <summary>The first instant at or after <paramref name="instant"/> at which the calendar is open; null if none before the end of <see cref="MaxYear"/>.</summary>
    public Instant? NextOpening(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return TryNextOpening(ticks, out var opening) ? Instant.FromUnixTimeTicks(opening) : null;
    }

    /// <summary>The first instant at or after <paramref name="instant"/> at which the calendar is closed; null if none before the end of <see cref="MaxYear"/>.</summary>
    public Instant? NextClosing(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        var table = Covering(ticks);
        while (true)
        {
            var i = table.LastOpenAtOrBefore(ticks);
            if (i < 0 || ticks >= table.Closes[i])
            {
                return instant;
            }

            var close = table.Closes[i];
            if (close < table.CoverEnd)
            {
                return Instant.FromUnixTimeTicks(close);
            }

            // The window is clipped at the end of the built years: it may go on in the next ones.
            if (table.CoverEnd >= MaxTicks)
            {
                return null;
            }

            table = Extend(table.LastYear + 1);
            ticks = close;
            instant = Instant.FromUnixTimeTicks(close);
        }
    }

    /// <summary>The business windows that meet [<paramref name="from"/>, <paramref name="to"/>), clipped to it, in order.</summary>
    public IReadOnlyList<Interval> Windows(Instant from, Instant to)
    {
        if (to <= from)
        {
            return [];
        }

        var start = from.ToUnixTimeTicks();
        var end = to.ToUnixTimeTicks();
        var table = Covering(start);
        if (end > table.CoverEnd)
        {
            table = Covering(end - 1);
        }

        var result = new List<Interval>();
        var i = Math.Max(0, table.LastOpenAtOrBefore(start));
        for (; i < table.Count && table.Opens[i] < end; i++)
        {
            var open = Math.Max(table.Opens[i], start);
            var close = Math.Min(table.Closes[i], end);
            if (open < close)
            {
                result.Add(new Interval(Instant.FromUnixTimeTicks(open), Instant.FromUnixTimeTicks(close)));
            }
        }

        return result;
    }

    /// <summary><see cref="Due"/> on Unix ticks (100 ns since 1970-01-01T00:00Z), for hot loops.</summary>
    public long DueUnixTicks(long start, long businessTicks)
    {
        var table = Covering(start);
        if (businessTicks > MaxTicks - MinTicks || businessTicks < MinTicks - MaxTicks)
        {
            // More business time than the supported years hold; also keeps position + duration from overflowing.
            throw BeyondRange();
        }

        if (businessTicks == 0)
        {
            return TryNextOpening(start, out var opening) ? opening : throw BeyondRange();
        }

        while (true)
        {
            var target = table.Position(start) + businessTicks;
            if (businessTicks > 0)
            {
                if (target <= table.Total)
                {
                    return table.EarliestAt(target);
                }

                if (table.LastYear >= MaxYear)
                {
                    throw BeyondRange();
                }

                table = Extend(table.LastYear + YearsFor(table, target - table.Total));
            }
            else
            {
                if (target >= 0)
                {
                    return table.LatestAt(target);
                }

                if (table.FirstYear <= MinYear)
                {
                    throw BeyondRange();
                }

                table = Extend(table.FirstYear - YearsFor(table, -target));
            }
        }
    }

    /// <summary><see cref="Elapsed"/> on Unix ticks, for hot loops.</summary>
    public long ElapsedTicks(long from, long to)
    {
        var table = _table;
        if (table is null || !table.Covers(from) || !table.Covers(to))
        {
            Covering(from);
            table = Covering(to);
        }

        return table.Position(to) - table.Position(from);
    }

    private bool TryNextOpening(long ticks, out long opening)
    {
        var table = Covering(ticks);
        while (true)
        {
            var i = table.LastOpenAtOrBefore(ticks);
            if (i >= 0 && ticks < table.Closes[i])
            {
                opening = ticks;
                return true;
            }

            if (i + 1 < table.Count)
            {
                opening = table.Opens[i + 1];
                return true;
            }

            if (table.LastYear >= MaxYear)
            {
                opening = 0;
                return false;
            }

            table = Extend(table.LastYear + 1);
        }
    }

    /// <summary>How many more years probably hold <paramref name="businessTicks"/>, judging by the years built.</summary>
    private static int YearsFor(WindowTable table, long businessTicks)
    {
        var years = table.LastYear - table.FirstYear + 1;
        var perYear = Math.Max(1, table.Total / years);
        return (int)Math.Clamp((businessTicks / perYear) + 1, 1, MaxYear - MinYear + 1);
    }

    /// <summary>A table that covers <paramref name="ticks"/>; builds years as needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private WindowTable Covering(long ticks)
    {
        var table = _table;
        return table is not null && table.Covers(ticks) ? table : CoveringSlow(ticks);
    }

    private WindowTable CoveringSlow(long ticks)
    {
        if (ticks < MinTicks || ticks >= MaxTicks)
        {
            throw OutOfRange($"{Instant.FromUnixTimeTicks(ticks)} is outside the years {MinYear}-{MaxYear} that calendar '{Name}' computes");
        }

        var year = Instant.FromUnixTimeTicks(ticks).InZone(Zone).Year;
        return Extend(year);
    }

    /// <summary>Returns a table that covers local year <paramref name="year"/> (clamped to the supported range) and every year built before.</summary>
    private WindowTable Extend(int year)
    {
        year = Math.Clamp(year, MinYear, MaxYear);
        lock (_gate)
        {
            var current = _table;
            if (current is not null && year >= current.FirstYear && year <= current.LastYear)
            {
                return current;
            }

            WindowTable next;
            if (current is null)
            {
                // Years around the first one asked for: most work stays near "now".
                next = Build(Math.Max(MinYear, year - 1), Math.Min(MaxYear, year + 1), null);
            }
            else if (year > current.LastYear)
            {
                // Grow by at least half the span built so far, so repeated growth costs linear time overall.
                var span = current.LastYear - current.FirstYear + 1;
                var last = Math.Min(MaxYear, Math.Max(year, current.LastYear + Math.Max(1, span / 2)));
                next = Build(current.LastYear + 1, last, current);
            }
            else
            {
                var span = current.LastYear - current.FirstYear + 1;
                var first = Math.Max(MinYear, Math.Min(year, current.FirstYear - Math.Max(1, span / 2)));
                next = Build(first, current.FirstYear - 1, current);
            }

            _table = next;
            return next;
        }
    }

    /// <summary>Builds years [firstYear, lastYear] and joins them to <paramref name="current"/>, which they adjoin.</summary>
    private WindowTable Build(int firstYear, int lastYear, WindowTable? current)
    {
        var added = WindowBuilder.Build(Definition, firstYear, lastYear);
        var intervals = new List<(long Open, long Close)>(added.Count + (current?.Count ?? 0));
        if (current is not null)
        {
            for (var i = 0; i < current.Count; i++)
            {
                intervals.Add((current.Opens[i], current.Closes[i]));
            }
        }

        intervals.AddRange(added);
        // Windows clipped at a year boundary join again here.
        var merged = WindowBuilder.Merge(intervals);
        var opens = new long[merged.Count];
        var closes = new long[merged.Count];
        for (var i = 0; i < merged.Count; i++)
        {
            (opens[i], closes[i]) = merged[i];
        }

        var first = current is null ? firstYear : Math.Min(firstYear, current.FirstYear);
        var last = current is null ? lastYear : Math.Max(lastYear, current.LastYear);
        return new WindowTable(
            first,
            last,
            WindowBuilder.StartOfYear(Zone, first),
            WindowBuilder.StartOfYear(Zone, last + 1),
            opens,
            closes,
            merged.Count);
    }

    private ArgumentOutOfRangeException BeyondRange() =>
        OutOfRange($"the result is outside the years {MinYear}-{MaxYear} that calendar '{Name}' computes");

    // No parameter name: the message is shown to users as it is, without ".NET's (Parameter 'x')" suffix.
#pragma warning disable CA2208
    private static ArgumentOutOfRangeException OutOfRange(string message) => new(paramName: null, message);
#pragma warning restore CA2208
}
