using NodaTime;

namespace Pledge.Deliveries;

/// <summary>
/// One delivery to a customer: something of a service handed over at an instant (a tea round, a juice crate).
/// Read from a <c>"type":"delivery"</c> event; <see cref="DeliveryMatcher"/> matches it to the scheduled slots.
/// </summary>
/// <param name="Id">The event's id; breaks ties between deliveries at the same instant.</param>
/// <param name="Customer">Whom it was delivered to.</param>
/// <param name="Service">What was delivered ("tea"); it can only fill slots of this service.</param>
/// <param name="At">When it was handed over.</param>
public sealed record Delivery(string Id, string Customer, string Service, Instant At)
{
    /// <summary>How much was delivered; null when not reported (then it is not checked against the slot's quantity).</summary>
    public int? Quantity { get; init; }

    /// <summary>The slot the delivery says it is for ("morning"); when set it can fill only slots of that name.</summary>
    public string? Slot { get; init; }
}
