using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Deliveries;

/// <summary>
/// One recurring delivery window of a schedule ("tea, Monday to Friday, 07:00-09:00"), read in the wall-clock
/// time of the customer's calendar.
/// </summary>
/// <param name="Name">The slot's name, unique in its schedule ("morning-tea").</param>
/// <param name="Service">What is delivered in it ("tea").</param>
/// <param name="Days">The days of the week it recurs on (it is skipped on dates the calendar is closed).</param>
/// <param name="From">When the window opens (inclusive).</param>
/// <param name="To">When it closes (exclusive), after <paramref name="From"/> on the same day; 00:00 means the end of the day (24:00).</param>
public sealed record DeliverySlot(string Name, string Service, ImmutableArray<IsoDayOfWeek> Days, LocalTime From, LocalTime To)
{
    /// <summary>The quantity each occurrence must bring; a delivery reporting less is short. Null: any quantity will do.</summary>
    public int? Quantity { get; init; }
}
