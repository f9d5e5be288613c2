using NodaTime;
using Pledge.Actions;
using Pledge.Availability;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Measures;
using Pledge.Satisfaction;
using Pledge.Series;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Measures;

/// <summary>
/// <see cref="MeasureEventReader"/> on JSON lines of outage, check, delivery, survey, evidence, sample and action
/// events (docs/events.md), and <see cref="MeasureEvents.Builder"/>'s idempotence by id. Every bad line gives one
/// problem naming its line and field; reading goes on.
/// </summary>
public sealed class MeasureEventReaderTests
{
    private static Instant At(string iso) => Iso.Instant(iso);

    private static object Read(string line)
    {
        var record = MeasureEventReader.ReadLine(line, 1);
        Assert.True(record.Problem is null, record.Problem?.ToString());
        return record.Event!;
    }

    private static MeasureEventProblem Problem(string line, int number = 7)
    {
        var record = MeasureEventReader.ReadLine(line, number);
        Assert.Null(record.Event);
        return record.Problem ?? throw new InvalidOperationException("neither an event nor a problem");
    }

    private static List<MeasureEventRecord> ReadAll(string text)
    {
        using var reader = new StringReader(text);
        return [.. MeasureEventReader.ReadJsonLines(reader)];
    }

    [Fact]
    public void An_outage_is_read_with_every_field()
    {
        var read = Read("""{"id":"o-003","type":"outage","service":"coffee","customer":"acme","site":"floor-3","start":"2026-11-05T10:25:00+01:00","end":"2026-11-05T11:05:00+01:00","impact":"partial","planned":true,"announced":"2026-11-04T10:00+01:00","description":"hot water only"}""");

        Assert.Equal(
            new Outage("o-003", "coffee", At("2026-11-05T10:25:00+01:00"), At("2026-11-05T11:05:00+01:00"))
            {
                Customer = "acme",
                Site = "floor-3",
                Impact = OutageImpact.Partial,
                Planned = true,
                AnnouncedAt = At("2026-11-04T10:00:00+01:00"),
                Description = "hot water only",
            },
            read);
    }

    [Fact]
    public void An_outage_without_impact_or_planned_is_a_full_unplanned_outage_of_every_customer()
    {
        var read = Read("""{"id":"o-009","type":"outage","service":"coffee","start":"2026-11-18T14:05:00+01:00","end":"2026-11-18T14:15:00+01:00"}""");

        Assert.Equal(new Outage("o-009", "coffee", At("2026-11-18T14:05:00+01:00"), At("2026-11-18T14:15:00+01:00")), read);
        var outage = (Outage)read;
        Assert.Equal(OutageImpact.Full, outage.Impact);
        Assert.False(outage.Planned);
        Assert.Null(outage.Customer);
        Assert.Null(outage.AnnouncedAt);
    }

    [Theory]
    [InlineData("full", OutageImpact.Full)]
    [InlineData("partial", OutageImpact.Partial)]
    [InlineData("degraded", OutageImpact.Degraded)]
    public void Each_outage_impact_is_read(string text, OutageImpact impact)
    {
        var read = (Outage)Read($$"""{"id":"o","type":"outage","service":"tea","start":"2026-11-02T08:20Z","end":"2026-11-02T08:45Z","impact":"{{text}}"}""");

        Assert.Equal(impact, read.Impact);
    }

    [Fact]
    public void An_outage_may_start_and_end_at_the_same_instant()
    {
        var read = (Outage)Read("""{"id":"o","type":"outage","service":"tea","start":"2026-11-02T08:20Z","end":"2026-11-02T08:20Z"}""");

        Assert.Equal(read.Start, read.End);
    }

    [Theory]
    [InlineData("up", true)]
    [InlineData("down", false)]
    public void A_check_result_is_read(string result, bool up)
    {
        var read = Read($$"""{"id":"c-0001","type":"check","service":"juice","customer":"globex","site":"hq","at":"2026-11-01T00:00:00+01:00","result":"{{result}}"}""");

        Assert.Equal(new CheckResult("c-0001", "juice", At("2026-11-01T00:00:00+01:00"), up) { Customer = "globex", Site = "hq" }, read);
    }

    [Fact]
    public void A_delivery_is_read_with_its_quantity_and_slot_or_without_them()
    {
        Assert.Equal(
            new Delivery("d-001", "acme", "tea", At("2026-11-02T08:16:00+01:00")) { Quantity = 30, Slot = "tea-morning" },
            Read("""{"id":"d-001","type":"delivery","customer":"acme","service":"tea","at":"2026-11-02T08:16:00+01:00","quantity":30,"slot":"tea-morning"}"""));
        Assert.Equal(
            new Delivery("d-100", "acme", "coffee", At("2026-11-14T10:19:00+01:00")),
            Read("""{"id":"d-100","type":"delivery","customer":"acme","service":"coffee","at":"2026-11-14T10:19:00+01:00"}"""));
        Assert.Equal(
            new Delivery("d-0", "acme", "coffee", At("2026-11-14T10:19:00+01:00")) { Quantity = 0 },
            Read("""{"id":"d-0","type":"delivery","customer":"acme","service":"coffee","at":"2026-11-14T10:19:00+01:00","quantity":0}"""));
    }

    [Fact]
    public void A_survey_response_is_read_with_its_optional_service_ticket_and_comment()
    {
        Assert.Equal(
            new SurveyResponse("s-075", "globex", At("2026-11-24T02:38:00+01:00"), 1) { Service = "tea", Ticket = "T-7-000147", Comment = "Tea ran out" },
            Read("""{"id":"s-075","type":"survey","customer":"globex","service":"tea","ticket":"T-7-000147","at":"2026-11-24T02:38:00+01:00","score":1,"comment":"Tea ran out"}"""));
        Assert.Equal(
            new SurveyResponse("s-071", "globex", At("2026-11-20T08:05:00+01:00"), 4.5),
            Read("""{"id":"s-071","type":"survey","customer":"globex","at":"2026-11-20T08:05:00+01:00","score":4.5}"""));
    }

    [Fact]
    public void Evidence_is_read_compliant_or_not()
    {
        Assert.Equal(
            new Evidence("e-090", "password-age", "account:jonas.schulz", At("2026-11-27T02:14:30+01:00"), false) { Detail = "password 94 days old, maximum 90" },
            Read("""{"id":"e-090","type":"evidence","term":"password-age","subject":"account:jonas.schulz","at":"2026-11-27T02:14:30+01:00","compliant":false,"detail":"password 94 days old, maximum 90"}"""));
        Assert.Equal(
            new Evidence("e-1", "access-card", "staff:lea.koch", At("2026-07-16T10:05:00+02:00"), true) { Customer = "acme" },
            Read("""{"id":"e-1","type":"evidence","term":"access-card","subject":"staff:lea.koch","customer":"acme","at":"2026-07-16T10:05:00+02:00","compliant":true}"""));
    }

    [Fact]
    public void A_sample_is_read_with_its_optional_customer_and_service()
    {
        Assert.Equal(
            new Sample("x-001", "juice-temperature", At("2026-11-02T12:36:00+01:00"), 4.8) { Customer = "acme", Service = "juice" },
            Read("""{"id":"x-001","type":"sample","series":"juice-temperature","customer":"acme","service":"juice","at":"2026-11-02T12:36:00+01:00","value":4.8}"""));
        Assert.Equal(
            new Sample("x-2", "noise", At("2026-11-02T12:36:00+01:00"), -3),
            Read("""{"id":"x-2","type":"sample","series":"noise","at":"2026-11-02T12:36:00+01:00","value":-3}"""));
    }

    [Fact]
    public void A_corrective_action_is_read_with_every_field()
    {
        var read = (CorrectiveAction)Read("""{"id":"a-002","type":"action","customer":"acme","agreement":"machine-support","target":"resolution","at":"2026-11-20T10:00:00+01:00","status":"open","owner":"machine-repair","due":"2026-11-27","title":"Stock spare parts","breaches":["T-7-000261","T-7-000193"],"root_cause":"no stock","outcome":"none yet"}""");

        Assert.Equal(["T-7-000261", "T-7-000193"], read.Breaches.ToArray());
        Assert.Equal(
            new CorrectiveAction("a-002", "a-002", "acme", At("2026-11-20T10:00:00+01:00"), ActionStatus.Open, "Stock spare parts")
            {
                Agreement = "machine-support",
                Target = "resolution",
                Owner = "machine-repair",
                Due = new LocalDate(2026, 11, 27),
                RootCause = "no stock",
                Outcome = "none yet",
                Breaches = read.Breaches,
            },
            read);
    }

    [Fact]
    public void An_action_event_names_the_action_it_updates_and_defaults_to_open_without_breaches()
    {
        var read = (CorrectiveAction)Read("""{"id":"a-002-b","type":"action","action":"a-002","customer":"acme","at":"2026-11-28T10:00:00+01:00","title":"Stock spare parts"}""");

        Assert.Equal("a-002", read.Action);
        Assert.Equal(ActionStatus.Open, read.Status);
        Assert.Empty(read.Breaches);
        Assert.Null(read.Due);
        Assert.True(read.IsOpen);
    }

    [Theory]
    [InlineData("open", ActionStatus.Open, true)]
    [InlineData("in-progress", ActionStatus.InProgress, true)]
    [InlineData("done", ActionStatus.Done, false)]
    [InlineData("verified", ActionStatus.Verified, false)]
    public void Each_action_status_is_read(string text, ActionStatus status, bool open)
    {
        var read = (CorrectiveAction)Read($$"""{"id":"a","type":"action","customer":"acme","at":"2026-11-20T10:00Z","title":"t","status":"{{text}}"}""");

        Assert.Equal(status, read.Status);
        Assert.Equal(open, read.IsOpen);
    }

    [Fact]
    public void An_open_action_is_overdue_only_after_its_due_day_in_the_zone()
    {
        var action = (CorrectiveAction)Read("""{"id":"a","type":"action","customer":"acme","at":"2026-11-20T10:00Z","title":"t","due":"2026-11-27"}""");
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

        // 23:59 on the due day in Berlin is not overdue; midnight after it is.
        Assert.False(action.IsOverdueAt(At("2026-11-27T23:59:00+01:00"), berlin));
        Assert.True(action.IsOverdueAt(At("2026-11-28T00:00:00+01:00"), berlin));
        // 2026-11-27T23:30Z is already the 28th in Berlin.
        Assert.True(action.IsOverdueAt(At("2026-11-27T23:30:00Z"), berlin));
        Assert.False(action.IsOverdueAt(At("2026-11-27T23:30:00Z"), DateTimeZone.Utc));
        Assert.False((action with { Status = ActionStatus.Done }).IsOverdueAt(At("2026-12-01T00:00Z"), berlin));
    }

    public static TheoryData<string, string, string> BadLines => new()
    {
        // The id and type every line needs.
        { """{"type":"outage","service":"tea","start":"2026-11-02T08:20Z","end":"2026-11-02T08:45Z"}""", "id", "\"id\" is required" },
        { """{"id":"","type":"outage"}""", "id", "\"id\": \"\" is not a non-empty text" },
        { """{"id":7,"type":"outage"}""", "id", "\"id\": 7 is not a non-empty text" },
        { """{"id":"x"}""", "type", "\"type\" is required" },
        { """{"id":"x","type":"incident"}""", "type", "\"type\": \"incident\" is not a measure event type (outage, outage_end, check, delivery, survey, evidence, sample, action); ticket events go in their own file" },
        // Outage.
        { """{"id":"o","type":"outage","start":"2026-11-02T08:20Z","end":"2026-11-02T08:45Z"}""", "service", "\"service\" is required" },
        { """{"id":"o","type":"outage","service":"tea","end":"2026-11-02T08:45Z"}""", "start", "\"start\" is required" },
        { """{"id":"o","type":"outage_end","end":"2026-11-02T08:45Z"}""", "outage", "\"outage\" is required" },
        { """{"id":"o","type":"outage","service":"tea","start":"yesterday","end":"2026-11-02T08:45Z"}""", "start", "\"start\": \"yesterday\" is not an instant (ISO-8601 with offset)" },
        { """{"id":"o","type":"outage","service":"tea","start":"2026-11-02T08:20:00","end":"2026-11-02T08:45Z"}""", "start", "\"start\": \"2026-11-02T08:20:00\" is not an instant (ISO-8601 with offset)" },
        { """{"id":"o","type":"outage","service":"tea","start":"2026-11-02T08:45Z","end":"2026-11-02T08:20Z"}""", "end", "\"end\" is before \"start\"" },
        { """{"id":"o","type":"outage","service":"tea","start":"2026-11-02T08:20Z","end":"2026-11-02T08:45Z","impact":"total"}""", "impact", "\"impact\": \"total\" is not one of full, partial, degraded" },
        { """{"id":"o","type":"outage","service":"tea","start":"2026-11-02T08:20Z","end":"2026-11-02T08:45Z","impact":"Full"}""", "impact", "\"impact\": \"Full\" is not one of full, partial, degraded" },
        { """{"id":"o","type":"outage","service":"tea","start":"2026-11-02T08:20Z","end":"2026-11-02T08:45Z","planned":"yes"}""", "planned", "\"planned\": \"yes\" is not true or false" },
        { """{"id":"o","type":"outage","service":"tea","start":"2026-11-02T08:20Z","end":"2026-11-02T08:45Z","announced":"last week"}""", "announced", "\"announced\": \"last week\" is not an instant (ISO-8601 with offset)" },
        { """{"id":"o","type":"outage","service":"tea","start":"2026-11-02T08:20Z","end":"2026-11-02T08:45Z","customer":5}""", "customer", "\"customer\": 5 is not a non-empty text" },
        { """{"id":"o","type":"outage","service":" ","start":"2026-11-02T08:20Z","end":"2026-11-02T08:45Z"}""", "service", "\"service\": \" \" is not a non-empty text" },
        // Check.
        { """{"id":"c","type":"check","at":"2026-11-01T00:00Z","result":"up"}""", "service", "\"service\" is required" },
        { """{"id":"c","type":"check","service":"juice","result":"up"}""", "at", "\"at\" is required" },
        { """{"id":"c","type":"check","service":"juice","at":"2026-11-01T00:00Z"}""", "result", "\"result\" is required: \"up\" or \"down\"" },
        { """{"id":"c","type":"check","service":"juice","at":"2026-11-01T00:00Z","result":"sideways"}""", "result", "\"result\": \"sideways\" is not one of up, down" },
        { """{"id":"c","type":"check","service":"juice","at":"2026-11-01T00:00Z","result":true}""", "result", "\"result\": true is not a non-empty text" },
        // Delivery.
        { """{"id":"d","type":"delivery","service":"tea","at":"2026-11-02T08:16Z"}""", "customer", "\"customer\" is required" },
        { """{"id":"d","type":"delivery","customer":"acme","at":"2026-11-02T08:16Z"}""", "service", "\"service\" is required" },
        { """{"id":"d","type":"delivery","customer":"acme","service":"tea"}""", "at", "\"at\" is required" },
        { """{"id":"d","type":"delivery","customer":"acme","service":"tea","at":"2026-11-02T08:16Z","quantity":-1}""", "quantity", "\"quantity\": -1 is not a whole number of 0 or more" },
        { """{"id":"d","type":"delivery","customer":"acme","service":"tea","at":"2026-11-02T08:16Z","quantity":2.5}""", "quantity", "\"quantity\": 2.5 is not a whole number of 0 or more" },
        { """{"id":"d","type":"delivery","customer":"acme","service":"tea","at":"2026-11-02T08:16Z","quantity":"ten"}""", "quantity", "\"quantity\": \"ten\" is not a number" },
        { """{"id":"d","type":"delivery","customer":"acme","service":"tea","at":"2026-11-02T08:16Z","slot":3}""", "slot", "\"slot\": 3 is not a non-empty text" },
        // Survey.
        { """{"id":"s","type":"survey","at":"2026-11-03T11:21Z","score":5}""", "customer", "\"customer\" is required" },
        { """{"id":"s","type":"survey","customer":"acme","score":5}""", "at", "\"at\" is required" },
        { """{"id":"s","type":"survey","customer":"acme","at":"2026-11-03T11:21Z"}""", "score", "\"score\" is required: a number" },
        { """{"id":"s","type":"survey","customer":"acme","at":"2026-11-03T11:21Z","score":"5"}""", "score", "\"score\": \"5\" is not a number" },
        { """{"id":"s","type":"survey","customer":"acme","at":"2026-11-03T11:21Z","score":5,"ticket":["T-1"]}""", "ticket", "\"ticket\": [\"T-1\"] is not a non-empty text" },
        // Evidence.
        { """{"id":"e","type":"evidence","subject":"account:a","at":"2026-11-27T02:00Z","compliant":true}""", "term", "\"term\" is required" },
        { """{"id":"e","type":"evidence","term":"password-age","at":"2026-11-27T02:00Z","compliant":true}""", "subject", "\"subject\" is required" },
        { """{"id":"e","type":"evidence","term":"password-age","subject":"account:a","compliant":true}""", "at", "\"at\" is required" },
        { """{"id":"e","type":"evidence","term":"password-age","subject":"account:a","at":"2026-11-27T02:00Z"}""", "compliant", "\"compliant\" is required: true or false" },
        { """{"id":"e","type":"evidence","term":"password-age","subject":"account:a","at":"2026-11-27T02:00Z","compliant":"yes"}""", "compliant", "\"compliant\": \"yes\" is not true or false" },
        // Sample.
        { """{"id":"x","type":"sample","at":"2026-11-02T12:36Z","value":4.8}""", "series", "\"series\" is required" },
        { """{"id":"x","type":"sample","series":"juice-temperature","value":4.8}""", "at", "\"at\" is required" },
        { """{"id":"x","type":"sample","series":"juice-temperature","at":"2026-11-02T12:36Z"}""", "value", "\"value\" is required: a number" },
        { """{"id":"x","type":"sample","series":"juice-temperature","at":"2026-11-02T12:36Z","value":"cold"}""", "value", "\"value\": \"cold\" is not a number" },
        // Action.
        { """{"id":"a","type":"action","at":"2026-11-20T10:00Z","title":"t"}""", "customer", "\"customer\" is required" },
        { """{"id":"a","type":"action","customer":"acme","title":"t"}""", "at", "\"at\" is required" },
        { """{"id":"a","type":"action","customer":"acme","at":"2026-11-20T10:00Z"}""", "title", "\"title\" is required" },
        { """{"id":"a","type":"action","customer":"acme","at":"2026-11-20T10:00Z","title":"t","status":"closed"}""", "status", "\"status\": \"closed\" is not one of open, in-progress, done, verified" },
        { """{"id":"a","type":"action","customer":"acme","at":"2026-11-20T10:00Z","title":"t","due":"27.11.2026"}""", "due", "\"due\": \"27.11.2026\" is not a date (YYYY-MM-DD)" },
        { """{"id":"a","type":"action","customer":"acme","at":"2026-11-20T10:00Z","title":"t","due":"2026-11-27T00:00Z"}""", "due", "\"due\": \"2026-11-27T00:00Z\" is not a date (YYYY-MM-DD)" },
        { """{"id":"a","type":"action","customer":"acme","at":"2026-11-20T10:00Z","title":"t","breaches":"T-1"}""", "breaches", "\"breaches\" must be a list of texts" },
        { """{"id":"a","type":"action","customer":"acme","at":"2026-11-20T10:00Z","title":"t","breaches":["T-1",2]}""", "breaches", "\"breaches\" must be a list of texts" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void A_bad_field_is_named_with_its_line(string line, string field, string message)
    {
        var problem = Problem(line, 7);

        Assert.Equal(new MeasureEventProblem(7, field, message), problem);
        Assert.Equal($"line 7: {message}", problem.ToString());
    }

    [Fact]
    public void The_first_bad_field_of_a_line_is_the_one_reported()
    {
        // The service is read before the instants, so its absence is what the line is blamed for.
        var problem = Problem("""{"id":"o","type":"outage","start":"soon","end":"later"}""");

        Assert.Equal("service", problem.Field);
    }

    [Theory]
    [InlineData("""{"id":"1","ticket":"T-1","type":"created","at":"2026-11-02T09:00+01:00","customer":"acme","service":"tea","priority":"P2","status":"new"}""", "created")]
    [InlineData("""{"id":"2","ticket":"T-1","type":"status","at":"2026-11-02T09:10+01:00","status":"resolved"}""", "status")]
    [InlineData("""{"id":"3","ticket":"T-1","type":"comment","at":"2026-11-02T09:10+01:00","author":"agent"}""", "comment")]
    public void A_ticket_event_in_a_measure_file_is_rejected_with_where_it_belongs(string line, string type)
    {
        Assert.Equal(
            new MeasureEventProblem(7, "type", $"\"type\": \"{type}\" is not a measure event type (outage, outage_end, check, delivery, survey, evidence, sample, action); ticket events go in their own file"),
            Problem(line));
    }

    [Fact]
    public void A_line_that_is_not_a_json_object_is_a_problem_of_the_whole_line()
    {
        var garbage = Problem("garbage");
        Assert.Equal(string.Empty, garbage.Field);
        Assert.StartsWith("not a JSON object (", garbage.Message, StringComparison.Ordinal);

        Assert.Equal(new MeasureEventProblem(7, string.Empty, "each line is one event: {\"id\": …, \"type\": …, …}"), Problem("""[{"id":"o"}]"""));
        Assert.Equal(new MeasureEventProblem(7, string.Empty, "each line is one event: {\"id\": …, \"type\": …, …}"), Problem("42"));
    }

    [Fact]
    public void Fields_a_type_does_not_use_are_ignored()
    {
        var read = Read("""{"id":"x","type":"sample","series":"s","at":"2026-11-02T12:36Z","value":1,"unit":"°C","quantity":"many"}""");

        Assert.Equal(new Sample("x", "s", At("2026-11-02T12:36Z"), 1), read);
    }

    [Fact]
    public void Reading_a_file_numbers_lines_from_one_counting_blank_lines_and_skipping_them()
    {
        var records = ReadAll(
            "\uFEFF{\"id\":\"x1\",\"type\":\"sample\",\"series\":\"s\",\"at\":\"2026-11-02T12:36Z\",\"value\":1}\n" +
            "\n" +
            "   \n" +
            "{\"id\":\"x2\",\"type\":\"sample\",\"series\":\"s\",\"at\":\"2026-11-02T12:37Z\"}\r\n" +
            "{\"id\":\"x3\",\"type\":\"sample\",\"series\":\"s\",\"at\":\"2026-11-02T12:38Z\",\"value\":3}");

        Assert.Equal(3, records.Count);
        // The byte order mark of the first line is not part of the JSON.
        Assert.Equal(new Sample("x1", "s", At("2026-11-02T12:36Z"), 1), records[0].Event);
        Assert.Equal(new MeasureEventProblem(4, "value", "\"value\" is required: a number"), records[1].Problem);
        Assert.Equal(new Sample("x3", "s", At("2026-11-02T12:38Z"), 3), records[2].Event);
    }

    [Fact]
    public void Reading_does_not_throw_on_a_bad_line_and_goes_on()
    {
        var records = ReadAll("{\n{\"id\":\"c\",\"type\":\"check\",\"service\":\"juice\",\"at\":\"2026-11-01T00:00Z\",\"result\":\"down\"}\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(1, records[0].Problem!.Line);
        Assert.Equal(new CheckResult("c", "juice", At("2026-11-01T00:00Z"), false), records[1].Event);
    }

    [Theory]
    [InlineData("""{"id":"o","type":"outage"}""", "outage", true)]
    [InlineData("""{"id":"a","type":"action"}""", "action", true)]
    [InlineData("""{"id":"1","type":"created","ticket":"T"}""", "created", false)]
    [InlineData("""{"id":"1","ticket":"T"}""", null, false)]
    [InlineData("""{"id":"1","type":5}""", null, false)]
    [InlineData("not json", null, false)]
    [InlineData("[1]", null, false)]
    public void The_type_of_a_line_tells_a_measure_file_from_a_ticket_file(string line, string? type, bool measure)
    {
        Assert.Equal(type, MeasureEventReader.TypeOf(line));
        Assert.Equal(measure, MeasureEventReader.IsMeasureType(MeasureEventReader.TypeOf(line)));
    }

    [Fact]
    public void The_reader_knows_seven_types()
    {
        Assert.Equal(["outage", "outage_end", "check", "delivery", "survey", "evidence", "sample", "action"], MeasureEventReader.Types.ToArray());
        Assert.False(MeasureEventReader.IsMeasureType("Outage"));
        Assert.False(MeasureEventReader.IsMeasureType(null));
    }

    [Fact]
    public void The_builder_keeps_the_first_event_of_each_id_whatever_its_type()
    {
        var builder = new MeasureEvents.Builder();
        var first = new Sample("e-1", "s", At("2026-11-02T12:00Z"), 1);

        Assert.True(builder.Add(first));
        Assert.False(builder.Add(new Sample("e-1", "s", At("2026-11-02T13:00Z"), 2)));
        // Ids are shared across types: an outage with a sample's id is a repeat too.
        Assert.False(builder.Add(new Outage("e-1", "tea", At("2026-11-02T12:00Z"), At("2026-11-02T13:00Z"))));
        // Ids are compared ordinally: case matters.
        Assert.True(builder.Add(new Sample("E-1", "s", At("2026-11-02T12:00Z"), 3)));
        Assert.Equal(2, builder.Count);

        var events = builder.Build();
        Assert.Equal([first, new Sample("E-1", "s", At("2026-11-02T12:00Z"), 3)], events.Samples.ToArray());
        Assert.Empty(events.Outages);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void Feeding_the_same_file_twice_changes_nothing()
    {
        const string File = """
            {"id":"o-1","type":"outage","service":"tea","start":"2026-11-02T08:20Z","end":"2026-11-02T08:45Z"}
            {"id":"c-2","type":"check","service":"juice","at":"2026-11-01T00:05Z","result":"up"}
            {"id":"c-1","type":"check","service":"juice","at":"2026-11-01T00:00Z","result":"down"}
            {"id":"d-1","type":"delivery","customer":"acme","service":"tea","at":"2026-11-02T08:16Z"}
            {"id":"s-1","type":"survey","customer":"acme","at":"2026-11-03T11:21Z","score":5}
            {"id":"e-1","type":"evidence","term":"t","subject":"u","at":"2026-11-27T02:00Z","compliant":true}
            {"id":"x-1","type":"sample","series":"s","at":"2026-11-02T12:36Z","value":4.8}
            {"id":"a-1","type":"action","customer":"acme","at":"2026-11-20T10:00Z","title":"t"}
            """;
        var builder = new MeasureEvents.Builder();
        var added = new List<bool>();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var record in ReadAll(File))
            {
                added.Add(builder.Add(record.Event!));
            }
        }

        Assert.Equal([.. Enumerable.Repeat(true, 8), .. Enumerable.Repeat(false, 8)], added);
        var events = builder.Build();
        Assert.Equal(8, events.Count);
        Assert.Equal((1, 2, 1, 1, 1, 1, 1), (events.Outages.Length, events.Checks.Length, events.Deliveries.Length, events.Surveys.Length, events.Evidence.Length, events.Samples.Length, events.Actions.Length));
        // Checks come out in time order, whatever the file's order.
        Assert.Equal(["c-1", "c-2"], events.Checks.Select(c => c.Id));
    }

    [Fact]
    public void The_builder_refuses_what_is_not_a_measure_event()
    {
        Assert.Throws<ArgumentException>(() => new MeasureEvents.Builder().Add("an outage"));
        Assert.Equal(0, MeasureEvents.Empty.Count);
    }

    [Fact]
    public void The_sample_event_files_read_without_a_problem_and_with_the_documented_line_counts()
    {
        var folder = Path.Combine(SampleFolder(), "events");
        (string File, int Lines)[] files =
        [
            ("actions.jsonl", 3), ("checks.jsonl", 8616), ("deliveries.jsonl", 209), ("evidence.jsonl", 94),
            ("outages.jsonl", 12), ("samples.jsonl", 43), ("surveys.jsonl", 86),
        ];
        var builder = new MeasureEvents.Builder();
        foreach (var (file, lines) in files)
        {
            using var reader = new StreamReader(Path.Combine(folder, file));
            var records = MeasureEventReader.ReadJsonLines(reader).ToList();
            Assert.Equal(lines, records.Count);
            Assert.Empty(records.Where(r => r.Problem is not null).Select(r => $"{file}: {r.Problem}"));
            foreach (var record in records)
            {
                Assert.True(builder.Add(record.Event!), $"{file}: a repeated id");
            }
        }

        var events = builder.Build();
        Assert.Equal((12, 8616, 209, 86, 94, 43, 3), (events.Outages.Length, events.Checks.Length, events.Deliveries.Length, events.Surveys.Length, events.Evidence.Length, events.Samples.Length, events.Actions.Length));
        // tickets.jsonl and examples.jsonl hold ticket events: the first line tells them apart.
        foreach (var ticketFile in new[] { "tickets.jsonl", "examples.jsonl" })
        {
            var first = File.ReadLines(Path.Combine(folder, ticketFile)).First(l => l.Length > 0);
            Assert.False(MeasureEventReader.IsMeasureType(MeasureEventReader.TypeOf(first)), ticketFile);
        }
    }

    internal static string SampleFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pledge.sln")))
            {
                return Path.Combine(folder.FullName, "samples", "beverage-supplier");
            }
        }

        throw new InvalidOperationException($"no Pledge.sln above {AppContext.BaseDirectory}");
    }
}
