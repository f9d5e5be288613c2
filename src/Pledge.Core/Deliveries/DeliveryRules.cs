using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Deliveries;

/// <summary>A delivery target of an agreement: the schedule, the grace after each window, and the objective.</summary>
public sealed record DeliveryRules
{
    /// <summary>The share of scheduled slots that must be delivered on time (0..1).</summary>
    public double Objective { get; init; } = 0.95;

    /// <summary>The recurring slots; slot names are unique.</summary>
    public ImmutableArray<DeliverySlot> Schedule { get; init; } = [];

    /// <summary>
    /// Grace after a window closes during which a delivery still counts as on time; at least zero and less
    /// than a day.
    /// </summary>
    public Duration Tolerance { get; init; } = Duration.Zero;
}
