using System.Collections.Immutable;
using NodaTime;
using Pledge.Measures;

namespace Pledge.Availability;

/// <summary>
/// Availability of one scope (service, customer) in one period, with everything needed to explain it.
/// Durations are business time of the service-hours calendar.
/// </summary>
/// <param name="Period">The period measured, [start, end).</param>
/// <param name="ServiceTime">The agreed service time in the period.</param>
/// <param name="Downtime">
/// Weighted downtime (rounded to the tick): each instant counts with the heaviest weight of the counted
/// outages covering it; under <see cref="UnknownPolicy.Down"/> unknown time counts in full.
/// </param>
/// <param name="Unknown">Service time without monitoring data (and not covered by a counted or excluded outage).</param>
/// <param name="Excluded">Service time inside excluded planned maintenance; it counts as available.</param>
/// <param name="Availability">
/// (ServiceTime − Unknown − Downtime) / (ServiceTime − Unknown) under <see cref="UnknownPolicy.Exclude"/>,
/// (ServiceTime − Downtime) / ServiceTime under <see cref="UnknownPolicy.Down"/>; 1 when the denominator is zero.
/// </param>
/// <param name="Verdict">
/// <see cref="Verdict.Met"/> when <paramref name="Availability"/> reaches the objective;
/// <see cref="Verdict.NotEnoughData"/> when no service time of the period is known (none at all, or all unknown).
/// </param>
/// <param name="Outages">Every outage (recorded or derived from checks) that meets the period, with its treatment, ordered by start.</param>
/// <param name="Segments">The merged downtime, in time order.</param>
/// <param name="UnknownIntervals">Stretches of the period without monitoring data that hold service time, in time order.</param>
public sealed record AvailabilityResult(
    Interval Period,
    Duration ServiceTime,
    Duration Downtime,
    Duration Unknown,
    Duration Excluded,
    double Availability,
    Verdict Verdict,
    ImmutableArray<OutageEffect> Outages,
    ImmutableArray<DowntimeSegment> Segments,
    ImmutableArray<Interval> UnknownIntervals);
