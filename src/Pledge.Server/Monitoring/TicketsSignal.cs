namespace Pledge.Server.Monitoring;

/// <summary>Events of these tickets were stored.</summary>
internal sealed class TicketsSignal(IReadOnlyCollection<string> tickets) : Signal
{
    public IReadOnlyCollection<string> Tickets { get; } = tickets;
}
