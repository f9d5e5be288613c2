using System.Globalization;
using NodaTime;

namespace Pledge.Clocks;

/// <summary>
/// When a clock is "at risk": past a share of its threshold (75%), or a business duration before its
/// deadline ("1 business hour before"). Both are measured in business time on the clock's calendar.
/// </summary>
public sealed record ClockWarning
{
    private ClockWarning(double? share, Duration? beforeDeadline)
    {
        Share = share;
        BeforeDeadline = beforeDeadline;
    }

    /// <summary>The share of the threshold, in (0, 1); null for a warning before the deadline.</summary>
    public double? Share { get; }

    /// <summary>The business time before the deadline; null for a share.</summary>
    public Duration? BeforeDeadline { get; }

    /// <summary>The defaults: 50%, 75% and 90% of the threshold.</summary>
    public static IReadOnlyList<ClockWarning> Defaults { get; } = [AtShare(0.5), AtShare(0.75), AtShare(0.9)];

    /// <summary>A warning past <paramref name="share"/> of the threshold.</summary>
    public static ClockWarning AtShare(double share) =>
        share is > 0 and < 1 ? new ClockWarning(share, null) : throw new ArgumentOutOfRangeException(nameof(share), share, "A warning share lies strictly between 0 and 1.");

    /// <summary>A warning <paramref name="before"/> business time before the deadline.</summary>
    public static ClockWarning Before(Duration before) =>
        before > Duration.Zero ? new ClockWarning(null, before) : throw new ArgumentOutOfRangeException(nameof(before), before, "A warning comes a positive business duration before the deadline.");

    /// <summary>The business time consumed at which this warning fires, for a threshold; null when it never can.</summary>
    internal long? LevelTicks(long thresholdTicks)
    {
        if (Share is { } share)
        {
            return (long)Math.Round(thresholdTicks * share, MidpointRounding.AwayFromZero);
        }

        var level = thresholdTicks - BeforeDeadline!.Value.BclCompatibleTicks;
        return level > 0 ? level : null;
    }

    /// <summary>"75%" or "1h before".</summary>
    public override string ToString() =>
        Share is { } share
            ? string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.##}%")
            : $"{Durations.Format(BeforeDeadline!.Value)} before";
}
