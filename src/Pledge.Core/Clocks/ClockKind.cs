namespace Pledge.Clocks;

/// <summary>What a ticket clock measures.</summary>
public enum ClockKind
{
    /// <summary>How quickly we react: from creation to the first public agent response.</summary>
    Response,

    /// <summary>How often we keep the customer informed: the gaps between public agent updates while open.</summary>
    Update,

    /// <summary>How quickly we fix it: from creation to resolution.</summary>
    Resolution,
}
