using NodaTime;
using Pledge.Actions;
using Pledge.Availability;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Satisfaction;
using Pledge.Series;
using Pledge.Tickets;

namespace Pledge.Storage;

/// <summary>An event to append: its key fields, read by Core, and the line it arrived as.</summary>
/// <param name="Id">Unique across all events of every type: an id already stored is the same event delivered again.</param>
/// <param name="Type">Its type as written in event files: <c>created</c>, <c>status_changed</c>, <c>outage</c>, ….</param>
/// <param name="Subject">What it is about: the ticket, or the service, customer, term, series or action (see <see cref="FromMeasureEvent"/>).</param>
/// <param name="At">When it happened.</param>
/// <param name="Body">The event as it arrived (one JSON line), kept unchanged so it can be read again by Core.</param>
public sealed record IncomingEvent(string Id, string Type, string Subject, Instant At, string Body)
{
    /// <summary>A ticket event: its subject is the ticket.</summary>
    public static IncomingEvent FromTicketEvent(TicketEvent ticketEvent, string body)
    {
        ArgumentNullException.ThrowIfNull(ticketEvent);
        return new IncomingEvent(ticketEvent.Id, TicketEventNames.Of(ticketEvent.Kind), ticketEvent.TicketId, ticketEvent.At, body);
    }

    /// <summary>
    /// A measure event read by <see cref="Measures.MeasureEventReader"/>. Its subject: the service of an
    /// <c>outage</c> (at its start) or <c>check</c>; the outage an <c>outage_end</c> ends (at the end); the customer of a <c>delivery</c> or <c>survey</c>; the term of
    /// <c>evidence</c>; the series of a <c>sample</c>; the action of an <c>action</c> (whose events are its states).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="measureEvent"/> is not a measure event.</exception>
    public static IncomingEvent FromMeasureEvent(object measureEvent, string body) => measureEvent switch
    {
        Outage e => new IncomingEvent(e.Id, "outage", e.Service, e.Start, body),
        OutageEnd e => new IncomingEvent(e.Id, "outage_end", e.Outage, e.End, body),
        CheckResult e => new IncomingEvent(e.Id, "check", e.Service, e.At, body),
        Delivery e => new IncomingEvent(e.Id, "delivery", e.Customer, e.At, body),
        SurveyResponse e => new IncomingEvent(e.Id, "survey", e.Customer, e.At, body),
        Evidence e => new IncomingEvent(e.Id, "evidence", e.Term, e.At, body),
        Sample e => new IncomingEvent(e.Id, "sample", e.Series, e.At, body),
        CorrectiveAction e => new IncomingEvent(e.Id, "action", e.Action, e.At, body),
        null => throw new ArgumentNullException(nameof(measureEvent)),
        _ => throw new ArgumentException($"{measureEvent.GetType().Name} is not a measure event", nameof(measureEvent)),
    };
}
