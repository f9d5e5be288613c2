using Pledge.Storage;

namespace Pledge.Server.Api;

/// <summary>An alert as the API shows it.</summary>
/// <param name="Id">Clock, measurement and threshold: <c>T-1|acme-gold/resolution|1|75%</c>.</param>
/// <param name="Kind"><c>warning</c>, <c>breach</c> or <c>budget</c>.</param>
/// <param name="Due">When it was due.</param>
/// <param name="Fired">When the monitor raised it.</param>
/// <param name="LagSeconds">Seconds from due to raised.</param>
/// <param name="Agreement">The agreement.</param>
/// <param name="Target">The target within the agreement.</param>
/// <param name="Customer">The customer.</param>
/// <param name="Service">The service.</param>
/// <param name="Priority">The ticket's priority (null when not about a ticket).</param>
/// <param name="Ticket">The ticket (null when not about a ticket).</param>
/// <param name="Threshold"><c>75%</c>, <c>1h before</c>, <c>breach</c>.</param>
/// <param name="Text">What happened.</param>
/// <param name="Sequence">Its place in the order raised.</param>
internal sealed record AlertBody(
    string Id, string Kind, DateTimeOffset Due, DateTimeOffset Fired, double LagSeconds, string Agreement, string Target, string Customer,
    string Service, string? Priority, string? Ticket, string Threshold, string Text, long Sequence)
{
    public static AlertBody Of(AlertRecord a) => new(
        a.Id, a.Kind, a.DueAt.ToDateTimeOffset(), a.FiredAt.ToDateTimeOffset(), (a.FiredAt - a.DueAt).TotalSeconds, a.Agreement, a.Target,
        a.Customer, a.Service, a.Priority, a.Ticket, a.Threshold, a.Text, a.Sequence);
}
