using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Budgets;

/// <summary>The windows over which Pledge reports burn rates.</summary>
public static class BurnWindows
{
    /// <summary>1 hour, 6 hours, 1 day and 3 days: the long windows of the SRE workbook's alert table, plus a day.</summary>
    public static ImmutableArray<Duration> Standard { get; } =
        [Duration.FromHours(1), Duration.FromHours(6), Duration.FromDays(1), Duration.FromDays(3)];
}
