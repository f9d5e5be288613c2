using NodaTime;

namespace Pledge.Budgets;

/// <summary>
/// Bad and total events over any window, from outcomes judged at instants: requests that failed or not,
/// tickets whose clock breached or not, deliveries late or on time. Counted buckets (a minute's requests and
/// failures) work the same way through <see cref="FromCounts"/>.
/// </summary>
/// <remarks>
/// An outcome counts in the windows that contain its instant; windows are half-open, so an outcome exactly at a
/// window's end belongs to the next window. The outcomes are sorted once into running totals; each window is
/// then two binary searches and two differences, allocation-free, whatever its length. Instants are kept to the
/// tick (100 ns), like <see cref="Calendars.BusinessCalendar"/>. Immutable and thread-safe.
/// </remarks>
public sealed class EventSeriesBadness : IBadFractionSource
{
    private readonly long[] _at;
    private readonly long[] _badBefore;
    private readonly long[] _totalBefore;
    private readonly long[] _badAt;

    /// <summary>Builds the series from single outcomes in any order.</summary>
    /// <param name="outcomes">Each outcome's instant and whether it was bad.</param>
    public EventSeriesBadness(IEnumerable<(Instant At, bool Bad)> outcomes)
        : this(Tabulate((outcomes ?? throw new ArgumentNullException(nameof(outcomes))).Select(o => (o.At, o.Bad ? 1L : 0L, 1L))))
    {
    }

    private EventSeriesBadness((long[] At, long[] BadBefore, long[] TotalBefore, long[] BadAt) tables)
    {
        (_at, _badBefore, _totalBefore, _badAt) = tables;
    }

    /// <summary>How many events the series holds.</summary>
    public long Total => _totalBefore[^1];

    /// <summary>How many of them were bad.</summary>
    public long Bad => _badBefore[^1];

    /// <summary>Builds the series from counted buckets in any order: at each instant, how many events and how many of them bad.</summary>
    /// <exception cref="ArgumentException">A bucket has a negative count, or more bad events than events.</exception>
    public static EventSeriesBadness FromCounts(IEnumerable<(Instant At, long Bad, long Total)> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new EventSeriesBadness(Tabulate(counts));
    }

    /// <inheritdoc/>
    public BadCount Count(Interval window)
    {
        Bounded.Require(window, nameof(window));
        var from = SortedTicks.LowerBound(_at, _at.Length, window.Start.ToUnixTimeTicks());
        var to = SortedTicks.LowerBound(_at, _at.Length, window.End.ToUnixTimeTicks());
        return new BadCount(_badBefore[to] - _badBefore[from], _totalBefore[to] - _totalBefore[from]);
    }

    /// <inheritdoc/>
    public Instant? NextBad(Instant from)
    {
        var i = SortedTicks.LowerBound(_badAt, _badAt.Length, from.ToUnixTimeTicks());
        return i < _badAt.Length ? Instant.FromUnixTimeTicks(_badAt[i]) : null;
    }

    /// <summary>Sorted instants with running totals of bad and all events before each, and the instants that hold bad events.</summary>
    private static (long[] At, long[] BadBefore, long[] TotalBefore, long[] BadAt) Tabulate(IEnumerable<(Instant At, long Bad, long Total)> counts)
    {
        var sorted = new List<(long Ticks, long Bad, long Total)>();
        foreach (var (at, bad, total) in counts)
        {
            if (bad < 0 || total < bad)
            {
                throw new ArgumentException($"A count at {at} must have 0 to {total} bad events; got {bad} of {total}.", nameof(counts));
            }

            sorted.Add((at.ToUnixTimeTicks(), bad, total));
        }

        // Order among equal instants does not matter: a window takes all or none of them.
        sorted.Sort(static (a, b) => a.Ticks.CompareTo(b.Ticks));
        var ticks = new long[sorted.Count];
        var badBefore = new long[sorted.Count + 1];
        var totalBefore = new long[sorted.Count + 1];
        var badAt = new List<long>();
        for (var i = 0; i < sorted.Count; i++)
        {
            ticks[i] = sorted[i].Ticks;
            badBefore[i + 1] = checked(badBefore[i] + sorted[i].Bad);
            totalBefore[i + 1] = checked(totalBefore[i] + sorted[i].Total);
            if (sorted[i].Bad > 0)
            {
                badAt.Add(sorted[i].Ticks);
            }
        }

        return (ticks, badBefore, totalBefore, [.. badAt]);
    }
}
