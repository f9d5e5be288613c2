using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Availability;

/// <summary>What a series of check results says about a period: the outages it saw and where it saw nothing.</summary>
/// <param name="Outages">Full outages from runs of down results, in start order; not clipped to the period (their real length decides <see cref="AvailabilityRules.MinimumOutage"/>).</param>
/// <param name="Unknown">The stretches of the period no result holds, in time order, clipped to the period.</param>
public sealed record CheckFindings(ImmutableArray<Outage> Outages, ImmutableArray<Interval> Unknown);
