using NodaTime;
using Pledge.Measures;
using Pledge.Tickets;

namespace Pledge.Storage.Tests;

/// <summary>Events read by Core become stored events with the subject docs/storage.md lists, their line kept as the body.</summary>
public sealed class IncomingEventTests
{
    [Theory]
    [InlineData("""{"id":"o1","type":"outage","service":"email","start":"2026-03-02T10:00:00+01:00","end":"2026-03-02T10:30:00+01:00"}""", "outage", "email", "2026-03-02T09:00:00Z")]
    [InlineData("""{"id":"o1-end","type":"outage_end","outage":"o1","end":"2026-03-02T10:30:00+01:00"}""", "outage_end", "o1", "2026-03-02T09:30:00Z")]
    [InlineData("""{"id":"c1","type":"check","service":"vpn","at":"2026-03-02T09:00:00Z","result":"down"}""", "check", "vpn", "2026-03-02T09:00:00Z")]
    [InlineData("""{"id":"d1","type":"delivery","customer":"acme","service":"tea","at":"2026-03-02T09:00:00Z"}""", "delivery", "acme", "2026-03-02T09:00:00Z")]
    [InlineData("""{"id":"s1","type":"survey","customer":"acme","at":"2026-03-02T09:00:00Z","score":4}""", "survey", "acme", "2026-03-02T09:00:00Z")]
    [InlineData("""{"id":"v1","type":"evidence","term":"passwords","subject":"alice","at":"2026-03-02T09:00:00Z","compliant":true}""", "evidence", "passwords", "2026-03-02T09:00:00Z")]
    [InlineData("""{"id":"x1","type":"sample","series":"queue-length","at":"2026-03-02T09:00:00Z","value":12}""", "sample", "queue-length", "2026-03-02T09:00:00Z")]
    [InlineData("""{"id":"a1","type":"action","action":"A-7","customer":"acme","at":"2026-03-02T09:00:00Z","title":"Add a second VPN gateway"}""", "action", "A-7", "2026-03-02T09:00:00Z")]
    public void A_measure_event_is_about_its_service_outage_customer_term_series_or_action(string line, string type, string subject, string at)
    {
        var read = MeasureEventReader.ReadLine(line, 1);
        Assert.Null(read.Problem);

        var incoming = IncomingEvent.FromMeasureEvent(read.Event!, line);

        Assert.Equal(new IncomingEvent(line.Split('"')[3], type, subject, NodaTime.Text.InstantPattern.ExtendedIso.Parse(at).Value, line), incoming);
    }

    [Fact]
    public void A_ticket_event_is_about_its_ticket()
    {
        const string Line = """{"id":"e1","ticket":"T-9","type":"status_changed","at":"2026-03-02T10:00:00+01:00","status":"waiting-customer"}""";
        var read = Assert.Single(TicketEventReader.ReadJsonLines(new StringReader(Line)));

        var incoming = IncomingEvent.FromTicketEvent(read.Event!, Line);

        Assert.Equal(new IncomingEvent("e1", "status_changed", "T-9", Instant.FromUtc(2026, 3, 2, 9, 0), Line), incoming);
    }

    [Fact]
    public void Anything_else_is_not_a_measure_event()
    {
        var refused = Assert.Throws<ArgumentException>(() => IncomingEvent.FromMeasureEvent("outage", "{}"));

        Assert.Equal("String is not a measure event (Parameter 'measureEvent')", refused.Message);
    }
}
