using NodaTime;
using Pledge.Storage;

namespace Pledge.Server.Monitoring;

/// <summary>An alert the monitor expects to raise at <see cref="Due"/> unless an event changes the clock first.</summary>
/// <param name="Id">The alert's id (<see cref="AlertRecord.Id"/>): clock, measurement and threshold.</param>
/// <param name="Kind"><see cref="AlertKinds.Warning"/>, <see cref="AlertKinds.Breach"/> or <see cref="AlertKinds.Budget"/>.</param>
/// <param name="Due">When it falls due.</param>
/// <param name="Agreement">The agreement.</param>
/// <param name="Target">The target's id within the agreement.</param>
/// <param name="Customer">The ticket's customer.</param>
/// <param name="Service">The ticket's service.</param>
/// <param name="Priority">The ticket's priority in the measurement; null for a budget alert.</param>
/// <param name="Ticket">The ticket; null for a budget alert.</param>
/// <param name="Threshold"><c>75%</c>, <c>1h before</c>, <c>breach</c>, or a budget's <c>50%</c> or <c>burn 14.4x 1h/5m</c>.</param>
/// <param name="Text">What it says.</param>
internal sealed record PlannedAlert(
    string Id,
    string Kind,
    Instant Due,
    string Agreement,
    string Target,
    string Customer,
    string Service,
    string? Priority,
    string? Ticket,
    string Threshold,
    string Text)
{
    /// <summary>The alert as raised at <paramref name="firedAt"/>.</summary>
    public AlertRecord Raise(Instant firedAt) =>
        new(Id, Kind, Due, firedAt, Agreement, Target, Customer, Service, Priority, Ticket, Threshold, Text);
}
