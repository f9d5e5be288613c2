using System.Diagnostics.CodeAnalysis;

namespace Pledge.Deliveries;

/// <summary>What became of one scheduled slot occurrence.</summary>
public enum DeliveryOutcome
{
    /// <summary>Delivered within the window (or its tolerance), in full.</summary>
    OnTime,

    /// <summary>Delivered in full after the window and its tolerance, later the same day.</summary>
    Late,

    /// <summary>Delivered, but less than the slot's quantity (whether on time or late).</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "\"Short\" is the delivery word (short of quantity), not the integer type.")]
    Short,

    /// <summary>No delivery filled it.</summary>
    Missed,
}
