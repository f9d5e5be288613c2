using NodaTime;

namespace Pledge.Availability;

/// <summary>Argument checks shared by the availability engines, with messages a rules author understands.</summary>
internal static class AvailabilityGuard
{
    public static void Bounded(Interval period, string name)
    {
        if (!period.HasStart || !period.HasEnd)
        {
            throw new ArgumentException("The period must have a start and an end.", name);
        }
    }

    public static void Rules(AvailabilityRules rules, string name)
    {
        ArgumentNullException.ThrowIfNull(rules, name);
        Share(rules.Objective, "objective", name);
        Share(rules.PartialWeight, "partial weight", name);
        Share(rules.DegradedWeight, "degraded weight", name);
        if (rules.MinimumOutage < Duration.Zero)
        {
            throw new ArgumentException($"The minimum outage must not be negative (is {rules.MinimumOutage}).", name);
        }

        if (rules.MinimumNotice < Duration.Zero)
        {
            throw new ArgumentException($"The minimum notice must not be negative (is {rules.MinimumNotice}).", name);
        }

        if (rules.CheckValidity <= Duration.Zero)
        {
            throw new ArgumentException($"The check validity must be positive (is {rules.CheckValidity}).", name);
        }
    }

    private static void Share(double value, string what, string name)
    {
        // NaN fails both comparisons, so it is rejected too.
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentException(FormattableString.Invariant($"The {what} must be between 0 and 1 (is {value})."), name);
        }
    }
}
