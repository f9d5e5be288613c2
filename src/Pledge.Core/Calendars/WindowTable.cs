using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pledge.Calendars;

/// <summary>
/// An immutable snapshot of a calendar's business windows over a contiguous range of local years,
/// as Unix ticks with running totals. Windows are disjoint, sorted, and never touch (touching windows
/// are merged), except at the edges of the covered range where they are clipped.
/// </summary>
/// <remarks>
/// <c>Cums[i]</c> is the business time from <see cref="CoverStart"/> to <c>Opens[i]</c>;
/// <c>Cums[Count]</c> is the total. So the business time before an instant t inside window i is
/// <c>Cums[i] + (t - Opens[i])</c>, and a position p in business time lies in the window i with
/// <c>Cums[i] &lt; p ≤ Cums[i + 1]</c>.
/// <para>Two bucket indexes make every lookup constant time, whatever the distance: one over time (a bucket
/// per day of real time) and one over business time (a bucket per average window length). Each bucket
/// narrows the search to the few windows it can hold; a short binary search finishes it.</para>
/// </remarks>
internal sealed class WindowTable
{
    public WindowTable(int firstYear, int lastYear, long coverStart, long coverEnd, long[] opens, long[] closes, int count)
    {
        FirstYear = firstYear;
        LastYear = lastYear;
        CoverStart = coverStart;
        CoverEnd = coverEnd;
        Opens = opens;
        Closes = closes;
        Count = count;
        Cums = new long[count + 1];
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            Cums[i] = total;
            total += closes[i] - opens[i];
        }

        Cums[count] = total;

        // Time buckets: TimeFirst[b] is the first window that closes after CoverStart + b * TimeBucket.
        var timeBuckets = (int)((coverEnd - coverStart) / TimeBucket) + 2;
        TimeFirst = new int[timeBuckets + 1];
        var w = 0;
        for (var b = 0; b < TimeFirst.Length; b++)
        {
            var bucketStart = coverStart + (b * TimeBucket);
            while (w < count && closes[w] <= bucketStart)
            {
                w++;
            }

            TimeFirst[b] = w;
        }

        // Business-time buckets: CumFirst[k] is the first index m with Cums[m] ≥ k * CumBucket.
        CumBucket = Math.Max(1, total / Math.Max(1, count));
        var cumBuckets = (int)(total / CumBucket) + 2;
        CumFirst = new int[cumBuckets + 1];
        var m = 0;
        for (var k = 0; k < CumFirst.Length; k++)
        {
            var bucketStart = k * CumBucket;
            while (m <= count && Cums[m] < bucketStart)
            {
                m++;
            }

            CumFirst[k] = m;
        }
    }

    /// <summary>Width of a time bucket: one day of real time.</summary>
    private const long TimeBucket = 864_000_000_000;

    private int[] TimeFirst { get; }

    private int[] CumFirst { get; }

    private long CumBucket { get; }

    public int FirstYear { get; }

    public int LastYear { get; }

    /// <summary>Start of the covered range (inclusive), Unix ticks.</summary>
    public long CoverStart { get; }

    /// <summary>End of the covered range (exclusive), Unix ticks.</summary>
    public long CoverEnd { get; }

    public long[] Opens { get; }

    public long[] Closes { get; }

    public long[] Cums { get; }

    public int Count { get; }

    public long Total => Cums[Count];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Covers(long ticks) => ticks >= CoverStart && ticks < CoverEnd;

    /// <summary>Index of the last window that opens at or before <paramref name="ticks"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LastOpenAtOrBefore(long ticks)
    {
        // Windows before TimeFirst[b] closed before the bucket (so opened at or before ticks); the window
        // TimeFirst[b + 1] + 1 opens after the next bucket starts. The answer lies between.
        var b = (int)((ticks - CoverStart) / TimeBucket);
        ref var first = ref MemoryMarshal.GetArrayDataReference(TimeFirst);
        var from = Unsafe.Add(ref first, b);
        var to = Math.Min(Unsafe.Add(ref first, b + 1) + 1, Count);
        return UpperBound(Opens, from, to, ticks) - 1;
    }

    /// <summary>Business time from <see cref="CoverStart"/> to <paramref name="ticks"/> (which must be covered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Position(long ticks)
    {
        var i = LastOpenAtOrBefore(ticks);
        if (i < 0)
        {
            return 0;
        }

        ref var close = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Closes), i);
        var inside = (ticks < close ? ticks : close) - Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Opens), i);
        return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Cums), i) + inside;
    }

    /// <summary>
    /// The earliest instant whose position is <paramref name="position"/>, for 0 &lt; position ≤ <see cref="Total"/>:
    /// inside a window or at its close, never at an opening.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long EarliestAt(long position)
    {
        // First window i whose cumulative close Cums[i + 1] reaches the position.
        var (from, to) = CumRange(position);
        var i = LowerBound(Cums, Math.Max(from, 1), to, position) - 1;
        return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Closes), i)
            - (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Cums), i + 1) - position);
    }

    /// <summary>
    /// The latest instant whose position is <paramref name="position"/>, for 0 ≤ position &lt; <see cref="Total"/>:
    /// inside a window or at its opening, never at a close.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long LatestAt(long position)
    {
        // Last window i whose cumulative open Cums[i] is at or before the position.
        var (from, to) = CumRange(position);
        var i = UpperBound(Cums, from, to, position) - 1;
        return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Opens), i)
            + (position - Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Cums), i));
    }

    /// <summary>The index range of Cums that holds both bounds of <paramref name="position"/> (0 ≤ position ≤ Total).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int From, int To) CumRange(long position)
    {
        var k = (int)(position / CumBucket);
        ref var first = ref MemoryMarshal.GetArrayDataReference(CumFirst);
        return (Unsafe.Add(ref first, k), Math.Min(Unsafe.Add(ref first, k + 1) + 1, Count + 1));
    }

    /// <summary>First index in [from, to) whose value is greater than <paramref name="key"/>; to if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UpperBound(long[] values, int from, int to, long key)
    {
        ref var first = ref MemoryMarshal.GetArrayDataReference(values);
        var low = from;
        var length = to - from;
        while (length > 0)
        {
            var half = length >> 1;
            if (Unsafe.Add(ref first, low + half) <= key)
            {
                low += half + 1;
                length -= half + 1;
            }
            else
            {
                length = half;
            }
        }

        return low;
    }

    /// <summary>First index in [from, to) whose value is at least <paramref name="key"/>; to if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LowerBound(long[] values, int from, int to, long key)
    {
        ref var first = ref MemoryMarshal.GetArrayDataReference(values);
        var low = from;
        var length = to - from;
        while (length > 0)
        {
            var half = length >> 1;
            if (Unsafe.Add(ref first, low + half) < key)
            {
                low += half + 1;
                length -= half + 1;
            }
            else
            {
                length = half;
            }
        }

        return low;
    }
}
