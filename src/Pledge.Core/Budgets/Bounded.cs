using NodaTime;

namespace Pledge.Budgets;

/// <summary>The guard for intervals that budgets and windows need closed at both ends.</summary>
internal static class Bounded
{
    /// <summary>Throws unless <paramref name="interval"/> has both a start and an end.</summary>
    public static void Require(Interval interval, string name)
    {
        if (!interval.HasStart || !interval.HasEnd)
        {
            throw new ArgumentException("The interval needs a start and an end.", name);
        }
    }
}
