namespace Pledge.Availability;

/// <summary>What the agreement's rules made of one outage in a period; explanations list it beside the outage.</summary>
public enum OutageTreatment
{
    /// <summary>Its service time in the period counts as downtime, weighted by its impact (overlaps counted once).</summary>
    Counted,

    /// <summary>Shorter than <see cref="AvailabilityRules.MinimumOutage"/> (real time): ignored.</summary>
    IgnoredShort,

    /// <summary>Planned maintenance the agreement excludes: its service time counts as available, whatever else happened then.</summary>
    ExcludedPlanned,

    /// <summary>No agreed service time of the period falls inside it: it cannot count.</summary>
    OutsideServiceHours,
}
