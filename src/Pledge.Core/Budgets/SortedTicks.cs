namespace Pledge.Budgets;

/// <summary>Binary searches on sorted tick arrays.</summary>
internal static class SortedTicks
{
    /// <summary>The first index in [0, <paramref name="count"/>) whose value is ≥ <paramref name="value"/>; <paramref name="count"/> if none.</summary>
    public static int LowerBound(long[] sorted, int count, long value)
    {
        var lo = 0;
        var hi = count;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The first index in [0, <paramref name="count"/>) whose value is &gt; <paramref name="value"/>; <paramref name="count"/> if none.</summary>
    public static int UpperBound(long[] sorted, int count, long value) =>
        value == long.MaxValue ? count : LowerBound(sorted, count, value + 1);
}
