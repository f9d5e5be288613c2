namespace Pledge.Satisfaction;

/// <summary>
/// Trends across consecutive periods, for the "watermelon" warning: targets green while satisfaction keeps falling.
/// </summary>
public static class SatisfactionTrend
{
    /// <summary>
    /// Whether the last three known values strictly decrease. Unknown values (null: a period without enough
    /// responses) are skipped, not treated as breaks; fewer than three known values is not a trend.
    /// </summary>
    /// <param name="values">One value per period, oldest first.</param>
    public static bool IsFalling(IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Span<double> last = stackalloc double[3];
        var found = 0;
        for (var i = values.Count - 1; i >= 0 && found < 3; i--)
        {
            if (values[i] is { } value && !double.IsNaN(value))
            {
                last[found++] = value;
            }
        }

        // last[0] is the newest.
        return found == 3 && last[2] > last[1] && last[1] > last[0];
    }
}
