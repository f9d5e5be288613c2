using Pledge.Measures;
using Pledge.Tickets;

namespace Pledge.Tests.Tickets;

/// <summary>
/// The readers' strict mode, which the API uses: a field the event's type does not read is a problem naming it.
/// Files keep the lenient default (docs/events.md): helpdesk exports carry many more fields.
/// </summary>
public sealed class StrictReadingTests
{
    [Theory]
    [InlineData("""{"id":"e1","ticket":"T-1","type":"created","at":"2026-03-02T09:00Z","customer":"acme","service":"tea","priority":"P2","status":"new","subject":"x"}""", "subject", "\"subject\" is not a field of ticket events (id, ticket, type, at, customer, service, priority, status, team, author, public, into)")]
    [InlineData("""{"id":"e1","ticket":"T-1","type":"created","at":"2026-03-02T09:00Z","customer":"acme","service":"tea","priorty":"P2","status":"new"}""", "priorty", "\"priorty\" is not a field of ticket events (id, ticket, type, at, customer, service, priority, status, team, author, public, into)")]
    [InlineData("""{"id":"e1","ticket":"T-1","type":"resolved","at":"2026-03-02T09:00Z","status":"done"}""", "status", "\"status\" is not a field of resolved events (id, ticket, type, at)")]
    [InlineData("""{"id":"e1","ticket":"T-1","type":"commented","at":"2026-03-02T09:00Z","author":"agent","public":true,"team":"desk"}""", "team", "\"team\" is not a field of commented events (id, ticket, type, at, author, public)")]
    [InlineData("""{"id":"e1","ticket":"T-1","type":"merged","at":"2026-03-02T09:00Z","into":"T-2","t\u0065am":"desk"}""", "team", "\"team\" is not a field of merged events (id, ticket, type, at, into)")]
    public void A_ticket_event_with_a_field_its_type_does_not_read_is_a_problem_naming_it(string line, string field, string message)
    {
        var strict = Assert.Single(TicketEventReader.ReadJsonLines(new StringReader(line), UnknownFields.Refuse));
        var lenient = Assert.Single(TicketEventReader.ReadJsonLines(new StringReader(line)));

        Assert.Equal(new TicketEventProblem(1, field, message), strict.Problem);
        Assert.True(lenient.IsEvent || lenient.Problem!.Field != field, lenient.ToString());
    }

    [Fact]
    public void A_strictly_read_event_with_only_its_fields_is_read_as_usual()
    {
        const string line = """{"id":"e1","ticket":"T-1","type":"commented","at":"2026-03-02T09:00Z","author":"agent","public":true}""";

        var strict = Assert.Single(TicketEventReader.ReadJsonLines(new StringReader(line), UnknownFields.Refuse));

        Assert.Equal(Assert.Single(TicketEventReader.ReadJsonLines(new StringReader(line))).Event, strict.Event);
    }

    [Fact]
    public void A_strict_reader_still_names_a_bad_type_first()
    {
        var record = Assert.Single(TicketEventReader.ReadJsonLines(new StringReader("""{"id":"e1","ticket":"T-1","type":"opened","at":"2026-03-02T09:00Z","status":"x"}"""), UnknownFields.Refuse));

        Assert.Equal("type", record.Problem!.Field);
    }

    [Theory]
    [InlineData("""{"id":"d1","type":"delivery","customer":"acme","service":"tea","at":"2026-03-02T09:00Z","colour":"red"}""", "colour", "\"colour\" is not a field of delivery events (id, type, quantity, customer, service, at, slot)")]
    [InlineData("""{"id":"o1","type":"outage","service":"tea","start":"2026-03-02T09:00Z","end":"2026-03-02T10:00Z","at":"2026-03-02T09:00Z"}""", "at", "\"at\" is not a field of outage events (id, type, service, start, end, customer, site, impact, planned, announced, description)")]
    [InlineData("""{"id":"e1","type":"outage_end","outage":"o1","end":"2026-03-02T10:00Z","service":"tea"}""", "service", "\"service\" is not a field of outage_end events (id, type, outage, end)")]
    [InlineData("""{"id":"s1","type":"survey","customer":"acme","at":"2026-03-02T09:00Z","score":4,"score":5}""", "score", "\"score\" appears twice")]
    public void A_measure_event_with_a_field_its_type_does_not_read_is_a_problem_naming_it(string line, string field, string message)
    {
        var strict = MeasureEventReader.ReadLine(line, 3, UnknownFields.Refuse);
        var lenient = MeasureEventReader.ReadLine(line, 3);

        Assert.Equal(new MeasureEventProblem(3, field, message), strict.Problem);
        Assert.NotNull(lenient.Event);
    }

    [Fact]
    public void A_measure_event_outside_the_engines_years_is_a_problem()
    {
        var record = MeasureEventReader.ReadLine("""{"id":"o1","type":"outage","service":"tea","start":"1800-03-02T09:00Z","end":"2026-03-02T10:00Z"}""", 1);

        Assert.Equal("start", record.Problem?.Field);
        Assert.Contains("is outside the years 1901-2198", record.Problem!.Message, StringComparison.Ordinal);
    }
}
