using NodaTime;

namespace Pledge.Deliveries;

/// <summary>One occurrence of a slot on one date, and what filled it.</summary>
/// <param name="Slot">The slot's name.</param>
/// <param name="Service">The slot's service.</param>
/// <param name="Date">The local date of the occurrence, in the customer calendar's zone.</param>
/// <param name="WindowStart">When the window opened.</param>
/// <param name="WindowEnd">When it closed (the tolerance not included).</param>
/// <param name="Outcome">On time, late, short or missed.</param>
/// <param name="Delivery">The delivery that filled it; null when missed.</param>
/// <param name="Late">For a delivery after the window and its tolerance: how long after <paramref name="WindowEnd"/> it came (delivery instant − window end, so the tolerance is inside it); zero otherwise.</param>
public sealed record SlotResult(
    string Slot,
    string Service,
    LocalDate Date,
    Instant WindowStart,
    Instant WindowEnd,
    DeliveryOutcome Outcome,
    Delivery? Delivery,
    Duration Late)
{
    /// <summary>The quantity the slot asks for; null when it asks for none.</summary>
    public int? Quantity { get; init; }

    /// <summary>The quantity the delivery reported; null when missed or not reported.</summary>
    public int? Delivered => Delivery?.Quantity;
}
