using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodaTime;
using Pledge.Calendars;

namespace Pledge.Availability;

/// <summary>
/// The fast path for large check streams: one scope's check results, fed in time order as Unix ticks, tallied
/// into up, down and unknown business time per period (months, say) by the rule of <see cref="CheckOutages"/>.
/// Its tallies equal what <see cref="AvailabilityCalculator"/> gives for the same checks without outage records.
/// </summary>
/// <remarks>
/// A result costs a subtraction and two comparisons; business time is looked up (two constant-time calendar
/// lookups) only where the state changes, where a result's validity lapses and at period bounds. Nothing is
/// allocated after construction. Not thread-safe: one accumulator per scope and thread.
/// <para>Results at the same instant count as one, down if any is down; a result earlier than the one before
/// throws. Results outside the periods may be fed: the time they hold is clipped to the periods. An
/// accumulator that saw no result at all counts its scope as unmonitored, as the calculator does: all service
/// time up, none unknown.</para>
/// </remarks>
public sealed class CheckAccumulator
{
    private readonly BusinessCalendar _calendar;
    private readonly long[] _bounds;
    private readonly long[] _up;
    private readonly long[] _down;
    private readonly long _validity;
    private readonly long _minimumOutage;

    // The run of equal results being built, [_runStart, ...), and the latest result (_last, _lastUp), which
    // joins the run only when a later instant arrives (a result at the same instant may still turn it down).
    private long _runStart;
    private bool _runUp;
    private long _last;
    private bool _lastUp;
    private bool _started;
    private bool _completed;

    // The period the next closed run starts in; runs close in time order.
    private int _period;

    /// <summary>Starts an empty tally.</summary>
    /// <param name="serviceHours">The agreed service hours.</param>
    /// <param name="periodBounds">The periods' bounds as Unix ticks, increasing: period i is [bounds[i], bounds[i + 1]). See <see cref="MonthBounds"/>.</param>
    /// <param name="rules">The rules; only <see cref="AvailabilityRules.CheckValidity"/> and <see cref="AvailabilityRules.MinimumOutage"/> matter here.</param>
    public CheckAccumulator(BusinessCalendar serviceHours, ReadOnlySpan<long> periodBounds, AvailabilityRules rules)
    {
        ArgumentNullException.ThrowIfNull(serviceHours);
        AvailabilityGuard.Rules(rules, nameof(rules));
        if (periodBounds.Length < 2)
        {
            throw new ArgumentException("At least two bounds (one period) are needed.", nameof(periodBounds));
        }

        for (var i = 1; i < periodBounds.Length; i++)
        {
            if (periodBounds[i] <= periodBounds[i - 1])
            {
                throw new ArgumentException($"The period bounds must increase (bound {i} is not after bound {i - 1}).", nameof(periodBounds));
            }
        }

        _calendar = serviceHours;
        _bounds = periodBounds.ToArray();
        _up = new long[_bounds.Length - 1];
        _down = new long[_bounds.Length - 1];
        _validity = rules.CheckValidity.BclCompatibleTicks;
        _minimumOutage = rules.MinimumOutage.BclCompatibleTicks;

        // Differ, so that the first result takes the slow path, which starts the tally.
        _runUp = true;
        _lastUp = false;
    }

    /// <summary>The starts of <paramref name="months"/> consecutive months in <paramref name="zone"/>, and the end of the last: bounds for the constructor.</summary>
    public static long[] MonthBounds(DateTimeZone zone, YearMonth first, int months)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        var bounds = new long[months + 1];
        var day = first.OnDayOfMonth(1);
        for (var i = 0; i <= months; i++)
        {
            bounds[i] = zone.AtStartOfDay(day.PlusMonths(i)).ToInstant().ToUnixTimeTicks();
        }

        return bounds;
    }

    /// <summary>Adds one result; results come in time order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long unixTicks, bool up)
    {
        // The common case: a later result within the validity of the one before, which continues the run.
        if ((ulong)(unixTicks - _last - 1) < (ulong)_validity && _lastUp == _runUp)
        {
            _last = unixTicks;
            _lastUp = up;
            return;
        }

        AddSlow(unixTicks, up);
    }

    /// <summary>Adds results in time order: <paramref name="up"/>[i] is the result at <paramref name="unixTicks"/>[i].</summary>
    public void Add(ReadOnlySpan<long> unixTicks, ReadOnlySpan<bool> up)
    {
        if (unixTicks.Length != up.Length)
        {
            throw new ArgumentException("There must be one result per instant.", nameof(up));
        }

        ref var at = ref MemoryMarshal.GetReference(unixTicks);
        ref var result = ref MemoryMarshal.GetReference(up);
        var length = (nint)unixTicks.Length;
        nint i = 0;
        while (i < length)
        {
            // The tight loop keeps its state in registers; it leaves only for the slow path, which reloads it.
            var validity = (ulong)_validity;
            var runUp = _runUp;
            var last = _last;
            var lastUp = _lastUp;
            for (; i < length; i++)
            {
                var t = Unsafe.Add(ref at, i);
                if ((ulong)(t - last - 1) >= validity || lastUp != runUp)
                {
                    break;
                }

                last = t;
                lastUp = Unsafe.Add(ref result, i);
            }

            _last = last;
            _lastUp = lastUp;
            if (i < length)
            {
                AddSlow(Unsafe.Add(ref at, i), Unsafe.Add(ref result, i));
                i++;
            }
        }
    }

    /// <summary>Ends the stream (the last result holds for its validity) and returns one tally per period.</summary>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public ImmutableArray<CheckTally> Complete()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The accumulator is already complete.");
        }

        _completed = true;
        if (_started)
        {
            JoinLast();
            CloseRun(_runStart, _last + _validity, _runUp);
        }

        var tallies = ImmutableArray.CreateBuilder<CheckTally>(_up.Length);
        for (var p = 0; p < _up.Length; p++)
        {
            var service = _calendar.ElapsedTicks(_bounds[p], _bounds[p + 1]);
            var up = _started ? _up[p] : service;
            tallies.Add(new CheckTally(service, up, _down[p], service - up - _down[p]));
        }

        // Any later Add takes the slow path and throws.
        _runUp = !_lastUp;
        return tallies.MoveToImmutable();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddSlow(long t, bool up)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The accumulator is complete: no more results can be added.");
        }

        if (!_started)
        {
            _started = true;
            _runStart = t;
            _runUp = up;
            _last = t;
            _lastUp = up;
            return;
        }

        var gap = t - _last;
        if (gap < 0)
        {
            throw new ArgumentException(FormattableString.Invariant($"Check results must come in time order: {Instant.FromUnixTimeTicks(t)} came after {Instant.FromUnixTimeTicks(_last)}."), nameof(t));
        }

        if (gap == 0)
        {
            _lastUp &= up;
            return;
        }

        JoinLast();
        if (gap > _validity)
        {
            // The last result's validity lapsed before this one: unknown in between.
            CloseRun(_runStart, _last + _validity, _runUp);
            _runStart = t;
            _runUp = up;
        }

        _last = t;
        _lastUp = up;
    }

    /// <summary>The latest result joins the run, or closes it and starts the next.</summary>
    private void JoinLast()
    {
        if (_lastUp != _runUp)
        {
            CloseRun(_runStart, _last, _runUp);
            _runStart = _last;
            _runUp = _lastUp;
        }
    }

    private void CloseRun(long start, long end, bool up)
    {
        // A down run shorter than the minimum outage is ignored: its time is held, so it is known and up.
        Account(start, end, up || end - start < _minimumOutage ? _up : _down);
    }

    /// <summary>Adds the business time of [start, end), clipped to the periods, to each period it meets.</summary>
    private void Account(long start, long end, long[] into)
    {
        var bounds = _bounds;
        start = Math.Max(start, bounds[0]);
        end = Math.Min(end, bounds[^1]);
        if (start >= end)
        {
            return;
        }

        while (bounds[_period + 1] <= start)
        {
            _period++;
        }

        for (var p = _period; ; p++)
        {
            var stop = Math.Min(end, bounds[p + 1]);
            into[p] += _calendar.ElapsedTicks(start, stop);
            if (stop == end)
            {
                return;
            }

            start = stop;
        }
    }
}
