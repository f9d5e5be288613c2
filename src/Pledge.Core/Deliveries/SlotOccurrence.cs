using NodaTime;

namespace Pledge.Deliveries;

/// <summary>One slot on one date while deliveries are being matched; <see cref="Filled"/> is set at most once.</summary>
internal sealed class SlotOccurrence(DeliverySlot slot, LocalDate date, Instant start, Instant end)
{
    public DeliverySlot Slot { get; } = slot;

    public LocalDate Date { get; } = date;

    public Instant Start { get; } = start;

    public Instant End { get; } = end;

    public Delivery? Filled { get; set; }

    /// <summary>Whether this occurrence closes before <paramref name="other"/> (then opens before it, then has the ordinally smaller slot name).</summary>
    public bool IsBefore(SlotOccurrence other)
    {
        if (End != other.End)
        {
            return End < other.End;
        }

        if (Start != other.Start)
        {
            return Start < other.Start;
        }

        return string.CompareOrdinal(Slot.Name, other.Slot.Name) < 0;
    }
}
