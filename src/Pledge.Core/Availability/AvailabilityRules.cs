using NodaTime;

namespace Pledge.Availability;

/// <summary>
/// An availability target of an agreement: the objective and the rules that decide which outage time
/// counts. <see cref="AvailabilityCalculator"/> states how they combine.
/// </summary>
public sealed record AvailabilityRules
{
    /// <summary>The share of agreed service time the service must be available (0..1).</summary>
    public double Objective { get; init; } = 0.999;

    /// <summary>Whether planned maintenance is excluded (its time counts as available).</summary>
    public bool ExcludePlanned { get; init; } = true;

    /// <summary>
    /// When set, planned maintenance is excluded only if announced at least this long before it starts
    /// (<c>AnnouncedAt ≤ Start − MinimumNotice</c>); otherwise it counts as an unplanned outage.
    /// </summary>
    public Duration? MinimumNotice { get; init; }

    /// <summary>The share of a partial outage's time that counts as downtime (0..1).</summary>
    public double PartialWeight { get; init; } = 0.5;

    /// <summary>The share of a degraded period's time that counts as downtime (0..1).</summary>
    public double DegradedWeight { get; init; } = 0.25;

    /// <summary>Outages shorter than this (real time, before merging) are ignored.</summary>
    public Duration MinimumOutage { get; init; } = Duration.Zero;

    /// <summary>How long a check result holds at most when no later result follows sooner; positive.</summary>
    public Duration CheckValidity { get; init; } = Duration.FromMinutes(5);

    /// <summary>What service time without monitoring data counts as.</summary>
    public UnknownPolicy Unknown { get; init; } = UnknownPolicy.Exclude;
}
