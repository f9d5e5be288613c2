using System.Collections.Immutable;
using NodaTime;
using Pledge.Measures;

namespace Pledge.Deliveries;

/// <summary>A delivery schedule measured over a period.</summary>
/// <param name="Period">The period measured; slots count in it when their window opens in it.</param>
/// <param name="Slots">Every slot occurrence of the period, by window start, then window end, then slot name.</param>
/// <param name="Unscheduled">Deliveries in the period that filled no slot, by time then id.</param>
/// <param name="Scheduled">The number of slot occurrences (the length of <paramref name="Slots"/>).</param>
/// <param name="OnTime">How many of them were delivered on time and in full.</param>
/// <param name="Attainment"><paramref name="OnTime"/> / <paramref name="Scheduled"/>; 1 when nothing was scheduled.</param>
/// <param name="Verdict">Met when the attainment reaches the objective; not enough data when nothing was scheduled.</param>
public sealed record DeliveryResult(
    Interval Period,
    ImmutableArray<SlotResult> Slots,
    ImmutableArray<Delivery> Unscheduled,
    int Scheduled,
    int OnTime,
    double Attainment,
    Verdict Verdict)
{
    /// <summary>How many occurrences were filled late, in full.</summary>
    public int Late => Count(DeliveryOutcome.Late);

    /// <summary>How many occurrences no delivery filled.</summary>
    public int Missed => Count(DeliveryOutcome.Missed);

    /// <summary>How many occurrences had <paramref name="outcome"/>.</summary>
    public int Count(DeliveryOutcome outcome)
    {
        var count = 0;
        foreach (var slot in Slots)
        {
            if (slot.Outcome == outcome)
            {
                count++;
            }
        }

        return count;
    }
}
