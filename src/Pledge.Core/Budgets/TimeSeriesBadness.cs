using NodaTime;
using Pledge.Calendars;

namespace Pledge.Budgets;

/// <summary>
/// Bad and total service time over any window, from weighted downtime segments: the time-based source for
/// availability targets. Total is the business time of the window; bad is the weighted downtime inside it,
/// both in minutes so that they spend an <see cref="ErrorBudget"/> of <see cref="BudgetUnit.Minutes"/> directly.
/// </summary>
/// <remarks>
/// <para>Business time comes from the target's calendar; without one the service runs 24x7 and business time is
/// elapsed time. Downtime outside business hours therefore costs nothing, and a window with no business time
/// has no fraction (and no burn rate).</para>
/// <para>Overlapping segments count once, at the highest weight (a full outage during a partial one is a full
/// outage, not one and a half). Segments are half-open [start, end); a weight is the share of service lost
/// (1 for a full outage, 0.5 for a partial one by default).</para>
/// <para>The segments are merged and sorted once, with running totals of their weighted business time; each
/// window is then a few binary searches, allocation-free. Instants are kept to the tick (100 ns). With a calendar,
/// windows must lie in its supported years. Immutable and thread-safe.</para>
/// </remarks>
public sealed class TimeSeriesBadness : IBadFractionSource
{
    private readonly BusinessCalendar? _calendar;
    private readonly long[] _starts;
    private readonly long[] _ends;
    private readonly double[] _weights;
    private readonly double[] _badBefore;

    /// <summary>Builds the series from downtime segments in any order.</summary>
    /// <param name="segments">Downtime as half-open [start, end) with the share of service lost, from 0 to 1.</param>
    /// <param name="calendar">The target's business calendar; null for 24x7.</param>
    /// <exception cref="ArgumentException">A segment ends before it starts, or its weight is outside 0 to 1.</exception>
    public TimeSeriesBadness(IEnumerable<(Instant Start, Instant End, double Weight)> segments, BusinessCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _calendar = calendar;
        var merged = Merge(segments);
        _starts = new long[merged.Count];
        _ends = new long[merged.Count];
        _weights = new double[merged.Count];
        _badBefore = new double[merged.Count + 1];
        for (var i = 0; i < merged.Count; i++)
        {
            (_starts[i], _ends[i], _weights[i]) = merged[i];
            _badBefore[i + 1] = _badBefore[i] + (_weights[i] * ServiceTicks(_starts[i], _ends[i]));
        }
    }

    /// <summary>The calendar whose business time is service time; null for 24x7.</summary>
    public BusinessCalendar? Calendar => _calendar;

    /// <summary>The downtime after merging overlaps, in order.</summary>
    public IReadOnlyList<(Instant Start, Instant End, double Weight)> Segments =>
        [.. _starts.Select((s, i) => (Instant.FromUnixTimeTicks(s), Instant.FromUnixTimeTicks(_ends[i]), _weights[i]))];

    /// <inheritdoc/>
    public BadCount Count(Interval window)
    {
        Bounded.Require(window, nameof(window));
        var from = window.Start.ToUnixTimeTicks();
        var to = window.End.ToUnixTimeTicks();
        var total = ServiceTicks(from, to);

        // Segments [first, last) meet the window: they end after its start and start before its end.
        var first = SortedTicks.UpperBound(_ends, _ends.Length, from);
        var last = SortedTicks.LowerBound(_starts, _starts.Length, to);
        var bad = 0.0;
        if (first < last)
        {
            // The whole segments, less what the first and last ones hold outside the window.
            bad = _badBefore[last] - _badBefore[first];
            if (_starts[first] < from)
            {
                bad -= _weights[first] * ServiceTicks(_starts[first], from);
            }

            if (_ends[last - 1] > to)
            {
                bad -= _weights[last - 1] * ServiceTicks(to, _ends[last - 1]);
            }

            // Running totals in doubles may leave a rounding error of a few ulps either way.
            bad = Math.Clamp(bad, 0, total);
        }

        return new BadCount(bad / NodaConstants.TicksPerMinute, (double)total / NodaConstants.TicksPerMinute);
    }

    /// <inheritdoc/>
    /// <remarks>The start of the next downtime (or <paramref name="from"/> inside one), even if it falls outside business hours.</remarks>
    public Instant? NextBad(Instant from)
    {
        var ticks = from.ToUnixTimeTicks();
        var i = SortedTicks.UpperBound(_ends, _ends.Length, ticks);
        return i < _ends.Length ? Instant.FromUnixTimeTicks(Math.Max(_starts[i], ticks)) : null;
    }

    private long ServiceTicks(long from, long to) => _calendar is null ? to - from : _calendar.ElapsedTicks(from, to);

    /// <summary>Disjoint segments in order, each at the highest weight that covers it; zero weights dropped, equal neighbours joined.</summary>
    private static List<(long Start, long End, double Weight)> Merge(IEnumerable<(Instant Start, Instant End, double Weight)> segments)
    {
        var input = new List<(long Start, long End, double Weight)>();
        foreach (var (start, end, weight) in segments)
        {
            if (end < start)
            {
                throw new ArgumentException($"A downtime segment ends ({end}) before it starts ({start}).", nameof(segments));
            }

            if (!(weight >= 0 && weight <= 1))
            {
                throw new ArgumentException($"A downtime weight is a share of service lost, from 0 to 1; got {weight} for {start}-{end}.", nameof(segments));
            }

            if (weight > 0 && end > start)
            {
                input.Add((start.ToUnixTimeTicks(), end.ToUnixTimeTicks(), weight));
            }
        }

        input.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var points = input.SelectMany(s => new[] { s.Start, s.End }).Distinct().Order().ToArray();

        // Sweep the elementary intervals between consecutive points, keeping the segments that started in a
        // max-heap on weight; ended ones are dropped lazily when they reach the top. Every segment boundary is a
        // point, so a segment on top that has not ended by a point covers the whole next elementary interval.
        var result = new List<(long Start, long End, double Weight)>();
        var active = new PriorityQueue<(long End, double Weight), double>();
        var next = 0;
        for (var k = 0; k + 1 < points.Length; k++)
        {
            var a = points[k];
            var b = points[k + 1];
            while (next < input.Count && input[next].Start <= a)
            {
                active.Enqueue((input[next].End, input[next].Weight), -input[next].Weight);
                next++;
            }

            while (active.Count > 0 && active.Peek().End <= a)
            {
                active.Dequeue();
            }

            if (active.Count == 0)
            {
                continue;
            }

            var weight = active.Peek().Weight;
            if (result.Count > 0 && result[^1].End == a && result[^1].Weight == weight)
            {
                result[^1] = (result[^1].Start, b, weight);
            }
            else
            {
                result.Add((a, b, weight));
            }
        }

        return result;
    }
}
