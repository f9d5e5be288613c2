namespace Pledge.Availability;

/// <summary>How badly an outage hit the service; the agreement's weights turn it into a share of downtime.</summary>
public enum OutageImpact
{
    /// <summary>The service was unusable: every minute counts as a minute of downtime.</summary>
    Full,

    /// <summary>Part of the service was unusable: counts with <see cref="AvailabilityRules.PartialWeight"/>.</summary>
    Partial,

    /// <summary>The service worked, but worse than agreed: counts with <see cref="AvailabilityRules.DegradedWeight"/>.</summary>
    Degraded,
}
