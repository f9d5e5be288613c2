using NodaTime;

namespace Pledge.Server.Monitoring;

/// <summary>
/// One clock (a ticket's target) as the monitor watches it: whether it is open, and the alerts it will raise if
/// nothing changes, in time order. Owned by the monitor's loop; replaced whole when the ticket is evaluated again.
/// </summary>
internal sealed class ClockWatch(string ticket, string target, bool open, PlannedAlert[] alerts)
{
    /// <summary>The ticket.</summary>
    public string Ticket { get; } = ticket;

    /// <summary>The target, <c>agreement/target</c>.</summary>
    public string Target { get; } = target;

    /// <summary>Whether a measurement was open when the clock was evaluated.</summary>
    public bool Open { get; } = open;

    /// <summary>The alerts still to raise, by due instant; those before <see cref="Next"/> were raised.</summary>
    public PlannedAlert[] Alerts { get; } = alerts;

    /// <summary>The index of the next alert to raise.</summary>
    public int Next { get; set; }

    /// <summary>False once a newer evaluation replaced this one: its queue entry is then ignored.</summary>
    public bool Current { get; set; } = true;

    /// <summary>When the next alert falls due; null when none is left.</summary>
    public Instant? NextDue => Next < Alerts.Length ? Alerts[Next].Due : null;
}
