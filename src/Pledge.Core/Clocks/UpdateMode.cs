namespace Pledge.Clocks;

/// <summary>The three ways products measure "keep the customer informed".</summary>
public enum UpdateMode
{
    /// <summary>Every gap between public agent updates (from creation) while the ticket is open counts, waiting or not.</summary>
    Periodic,

    /// <summary>As <see cref="Periodic"/>, but time in a pause status does not count.</summary>
    Pausable,

    /// <summary>Each public customer message must be answered by a public agent message within the threshold.</summary>
    AfterCustomerMessage,
}
