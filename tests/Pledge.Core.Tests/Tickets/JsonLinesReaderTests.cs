using Pledge.Tickets;
using static Pledge.Tests.Tickets.EventText;

namespace Pledge.Tests.Tickets;

/// <summary>Reading JSON lines: every event type and field, and an exact message for every way a line can be wrong.</summary>
public sealed class JsonLinesReaderTests
{
    private const string EventTypes = "created, status_changed, priority_changed, service_changed, assigned, commented, resolved, reopened, closed, merged";
    private const string BadType = """{"id":"e0","ticket":"T-1","type":"opened","at":"2026-03-02T09:00Z"}""";

    [Theory]
    [MemberData(nameof(SampleNames), MemberType = typeof(EventText))]
    public void Every_event_type_is_read_with_every_field(string sample)
    {
        var (expected, json, _) = Samples[sample];

        var record = Assert.Single(Json(json));

        Assert.True(record.IsEvent, record.ToString());
        Assert.Equal(expected, record.Event);
        Assert.Equal(1, record.Line);
        Assert.Null(record.Problem);
    }

    [Fact]
    public void A_file_of_every_sample_gives_every_event_in_file_order_with_its_line()
    {
        var text = string.Join("\n", Samples.Values.Select(s => s.Json));

        var records = Json(text);

        Assert.Equal(Samples.Values.Select(s => s.Event), Events(records));
        Assert.Equal(Enumerable.Range(1, Samples.Count), records.Select(r => r.Line));
    }

    [Fact]
    public void Fields_may_come_in_any_order_and_unknown_fields_are_ignored()
    {
        const string line = """{"via":"email","tags":["vip",{"x":1}],"status":"new","priority":"P2","at":"2026-03-02T09:00:00+01:00","custom":{"a":[1,2,{"b":null}]},"service":"coffee","customer":"acme","type":"created","ticket":"T-1","id":"e1","score":4.5,"spam":false}""";

        Assert.Equal(Samples["created"].Event, Assert.Single(Json(line)).Event);
    }

    [Fact]
    public void Fields_the_type_does_not_use_are_ignored_even_when_they_are_not_valid()
    {
        const string line = """{"id":"e9","ticket":"T-1","type":"resolved","at":"2026-03-02T10:00Z","customer":42,"team":{"id":7},"author":"bot","public":"maybe","into":"T-1","status":null}""";

        Assert.Equal(Samples["resolved"].Event, Assert.Single(Json(line)).Event);
    }

    [Theory]
    [InlineData("""{"id":1234,"ticket":5678,"type":"merged","at":"2026-03-02T11:00Z","into":91011}""", "1234", "5678", "91011")]
    [InlineData("""{"id":-7,"ticket":12.50,"type":"merged","at":"2026-03-02T11:00Z","into":1e3}""", "-7", "12.50", "1e3")]
    public void Numbers_are_accepted_for_the_id_and_ticket_references_as_written(string line, string id, string ticket, string into)
    {
        var merged = Assert.IsType<TicketMerged>(Assert.Single(Json(line)).Event);

        Assert.Equal(id, merged.Id);
        Assert.Equal(ticket, merged.TicketId);
        Assert.Equal(into, merged.Into);
    }

    [Fact]
    public void Escapes_are_decoded_in_values_and_field_names()
    {
        const string line = """{"\u0069d":"e\u00311","ticket":"T\u002d1","type":"cre\u0061ted","at":"2026-03-02T09:00:00\u002b01:00","customer":"M\u00fcller \"&\" S\u00f6hne\\","service":"caf\u00e9 \ud83d\ude00","priority":"P2","status":"new"}""";

        var created = Assert.IsType<TicketCreated>(Assert.Single(Json(line)).Event);

        Assert.Equal(new TicketCreated("e11", "T-1", At("2026-03-02T08:00Z"), "Müller \"&\" Söhne\\", "café 😀", "P2", "new"), created);
    }

    [Fact]
    public void Text_outside_ascii_is_read_as_written()
    {
        const string line = """{"id":"é1","ticket":"Т-1","type":"assigned","at":"2026-03-02T09:15Z","team":"réparation → 修理"}""";

        Assert.Equal(new TicketAssigned("é1", "Т-1", At("2026-03-02T09:15Z"), "réparation → 修理"), Assert.Single(Json(line)).Event);
    }

    [Fact]
    public void Surrounding_white_space_of_a_value_is_dropped()
    {
        const string line = """{"id":" e5 ","ticket":"\tT-1","type":" assigned","at":" 2026-03-02T09:15Z ","team":"machine-repair\n"}""";

        Assert.Equal(Samples["assigned"].Event, Assert.Single(Json(line)).Event);
    }

    [Fact]
    public void A_customer_comment_without_public_is_public()
    {
        const string line = """{"id":"e8","ticket":"T-1","type":"commented","at":"2026-03-02T09:30Z","author":"customer"}""";

        Assert.Equal(Samples["commented by the customer"].Event, Assert.Single(Json(line)).Event);
    }

    [Fact]
    public void A_customer_comment_may_be_marked_internal()
    {
        const string line = """{"id":"e8","ticket":"T-1","type":"commented","at":"2026-03-02T09:30Z","author":"customer","public":false}""";

        Assert.Equal(new TicketCommented("e8", "T-1", At("2026-03-02T09:30Z"), CommentAuthor.Customer, IsPublic: false), Assert.Single(Json(line)).Event);
    }

    [Theory]
    [InlineData("\"true\"", true)]
    [InlineData("\"FALSE\"", false)]
    [InlineData("\"True\"", true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Public_is_a_boolean_or_its_text_in_any_case(string value, bool expected)
    {
        var line = $$"""{"id":"e6","ticket":"T-1","type":"commented","at":"2026-03-02T09:20Z","author":"agent","public":{{value}}}""";

        Assert.Equal(expected, Assert.IsType<TicketCommented>(Assert.Single(Json(line)).Event).IsPublic);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_still_counted()
    {
        var text = "\n" + Samples["created"].Json + "\n\n   \t\n" + Samples["resolved"].Json + "\n\n";

        var records = Json(text);

        Assert.Equal([2, 5], records.Select(r => r.Line));
        Assert.Equal([Samples["created"].Event, Samples["resolved"].Event], Events(records));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void Lines_end_at_lf_crlf_or_a_lone_cr(string end)
    {
        var text = Samples["created"].Json + end + end + BadType + end + Samples["resolved"].Json;

        var records = Json(text);

        Assert.Equal([1, 3, 4], records.Select(r => r.Line));
        Assert.Equal(Line(3, $"\"type\": \"opened\" is not an event type ({EventTypes})"), records[1].Problem?.ToString());
    }

    [Fact]
    public void A_byte_order_mark_at_the_start_is_ignored()
    {
        Assert.Equal(Samples["created"].Event, Assert.Single(Json("\uFEFF" + Samples["created"].Json)).Event);
    }

    [Fact]
    public void An_empty_input_has_no_events()
    {
        Assert.Empty(Json(string.Empty));
        Assert.Empty(Json("\n\n  \n"));
    }

    [Fact]
    public void Reading_goes_on_after_a_bad_line()
    {
        var text = string.Join("\n", Samples["created"].Json, "{not json", BadType, Samples["resolved"].Json);

        var records = Json(text);

        Assert.Equal([true, false, false, true], records.Select(r => r.IsEvent));
        Assert.Equal([1, 2, 3, 4], records.Select(r => r.Line));
    }

    [Fact]
    public void A_problem_names_its_line_and_field()
    {
        var problem = Assert.Single(Json("\n\n" + """{"id":"e1","ticket":"T-1","type":"resolved","at":"2026-13-01T00:00Z"}""")).Problem;

        Assert.NotNull(problem);
        Assert.Equal(3, problem.Line);
        Assert.Equal("at", problem.Field);
        Assert.Equal("\"at\": \"2026-13-01T00:00Z\" is not an instant (ISO-8601 with offset)", problem.Message);
        Assert.Equal("line 3: \"at\": \"2026-13-01T00:00Z\" is not an instant (ISO-8601 with offset)", problem.ToString());
    }

    [Theory]
    [InlineData("\"2026-13-01T00:00Z\"", "\"2026-13-01T00:00Z\" is not an instant (ISO-8601 with offset)")]
    [InlineData("\"2026-03-02T09:00:00\"", "\"2026-03-02T09:00:00\" is not an instant (ISO-8601 with offset)")]
    [InlineData("\"2026-02-29T09:00Z\"", "\"2026-02-29T09:00Z\" is not an instant (ISO-8601 with offset)")]
    [InlineData("\"2026-03-02\"", "\"2026-03-02\" is not an instant (ISO-8601 with offset)")]
    [InlineData("\"yesterday\"", "\"yesterday\" is not an instant (ISO-8601 with offset)")]
    [InlineData("1772442000", "1772442000 is not an instant (ISO-8601 with offset)")]
    [InlineData("true", "true is not an instant (ISO-8601 with offset)")]
    [InlineData("[\"2026-03-02T09:00Z\"]", "a list is not an instant (ISO-8601 with offset)")]
    [InlineData("{\"utc\":\"2026-03-02T09:00Z\"}", "an object is not an instant (ISO-8601 with offset)")]
    [InlineData("\"1900-06-01T00:00Z\"", "\"1900-06-01T00:00Z\" is outside the years 1901-2198")]
    [InlineData("\"2199-01-01T00:00Z\"", "\"2199-01-01T00:00Z\" is outside the years 1901-2198")]
    [InlineData("\"9999-12-31T23:00-18:00\"", "\"9999-12-31T23:00-18:00\" is outside the years 1901-2198")]
    public void A_bad_instant_is_reported(string value, string message)
    {
        var line = $$"""{"id":"e1","ticket":"T-1","type":"resolved","at":{{value}}}""";

        Assert.Equal(Line(1, "\"at\": " + message), JsonProblem(line));
    }

    [Theory]
    [InlineData("1901-01-01T00:00Z")]
    [InlineData("2198-12-31T23:59:59.9999999Z")]
    [InlineData("1901-01-01T01:00+01:00")]
    public void Instants_at_the_ends_of_the_years_accepted_are_read(string at)
    {
        var line = $$"""{"id":"e1","ticket":"T-1","type":"resolved","at":"{{at}}"}""";

        Assert.Equal(At(at), Assert.Single(Json(line)).Event?.At);
    }

    [Theory]
    [InlineData("\"opened\"", "\"opened\"")]
    [InlineData("\"Created\"", "\"Created\"")]
    [InlineData("\"status-changed\"", "\"status-changed\"")]
    [InlineData("3", "3")]
    [InlineData("false", "false")]
    [InlineData("[\"created\"]", "a list")]
    public void A_bad_type_is_reported_with_the_types_there_are(string value, string shown)
    {
        var line = $$"""{"id":"e1","ticket":"T-1","type":{{value}},"at":"2026-03-02T09:00Z"}""";

        Assert.Equal(Line(1, $"\"type\": {shown} is not an event type ({EventTypes})"), JsonProblem(line));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("ticket")]
    [InlineData("type")]
    [InlineData("at")]
    public void Every_event_needs_id_ticket_type_and_at(string field)
    {
        var line = Without(Samples["resolved"].Json, field);

        Assert.Equal(Line(1, $"\"{field}\" is missing (every event needs id, ticket, type, at)"), JsonProblem(line));
    }

    [Theory]
    [InlineData("created", "customer", "created needs customer, service, priority, status")]
    [InlineData("created", "service", "created needs customer, service, priority, status")]
    [InlineData("created", "priority", "created needs customer, service, priority, status")]
    [InlineData("created", "status", "created needs customer, service, priority, status")]
    [InlineData("status_changed", "status", "status_changed needs status")]
    [InlineData("priority_changed", "priority", "priority_changed needs priority")]
    [InlineData("service_changed", "service", "service_changed needs service")]
    [InlineData("assigned", "team", "assigned needs team")]
    [InlineData("commented", "author", "commented needs author: agent or customer")]
    [InlineData("commented", "public", "an agent's comment needs public: true for a reply the customer sees, false for an internal note")]
    [InlineData("merged", "into", "merged needs into: the ticket that carries on")]
    public void A_field_the_type_needs_is_reported_missing(string sample, string field, string needs)
    {
        var line = Without(Samples[sample].Json, field);

        var problem = Assert.Single(Json(line)).Problem;

        Assert.NotNull(problem);
        Assert.Equal(field, problem.Field);
        Assert.Equal(Line(1, $"\"{field}\" is missing ({needs})"), problem.ToString());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void A_null_or_empty_value_is_missing(string value)
    {
        var line = Samples["created"].Json.Replace("\"acme\"", value, StringComparison.Ordinal);

        Assert.Equal(Line(1, "\"customer\" is missing (created needs customer, service, priority, status)"), JsonProblem(line));
    }

    [Theory]
    [InlineData("created", "customer", "42", "42 is not a string")]
    [InlineData("created", "service", "true", "true is not a string")]
    [InlineData("created", "priority", "{\"name\":\"P2\"}", "an object is not a string")]
    [InlineData("created", "status", "[\"new\"]", "a list is not a string")]
    [InlineData("status_changed", "status", "3", "3 is not a string")]
    [InlineData("priority_changed", "priority", "1", "1 is not a string")]
    [InlineData("service_changed", "service", "false", "false is not a string")]
    [InlineData("assigned", "team", "17", "17 is not a string")]
    [InlineData("commented", "author", "1", "1 is not agent or customer")]
    [InlineData("commented", "author", "\"bot\"", "\"bot\" is not agent or customer")]
    [InlineData("commented", "author", "\"Agent\"", "\"Agent\" is not agent or customer")]
    [InlineData("commented", "public", "\"yes\"", "\"yes\" is not true or false")]
    [InlineData("commented", "public", "1", "1 is not true or false")]
    [InlineData("commented", "public", "{}", "an object is not true or false")]
    [InlineData("merged", "into", "true", "true is not a string or a number")]
    [InlineData("merged", "into", "[\"T-2\"]", "a list is not a string or a number")]
    [InlineData("resolved", "id", "{\"n\":1}", "an object is not a string or a number")]
    [InlineData("resolved", "ticket", "[1]", "a list is not a string or a number")]
    [InlineData("resolved", "ticket", "false", "false is not a string or a number")]
    public void A_value_of_the_wrong_kind_is_reported(string sample, string field, string value, string message)
    {
        var line = With(Samples[sample].Json, field, value);

        var problem = Assert.Single(Json(line)).Problem;

        Assert.NotNull(problem);
        Assert.Equal(field, problem.Field);
        Assert.Equal(Line(1, $"\"{field}\": {message}"), problem.ToString());
    }

    [Fact]
    public void A_customer_comment_with_a_bad_public_is_reported()
    {
        var line = With(Samples["commented by the customer"].Json, "public", "\"no\"");

        Assert.Equal(Line(1, "\"public\": \"no\" is not true or false"), JsonProblem(line));
    }

    [Theory]
    [InlineData("ticket")]
    [InlineData("customer")]
    public void A_string_escaping_half_a_surrogate_pair_is_reported(string field)
    {
        var line = With(Samples["created"].Json, field, "\"caf\\ud83d!\"");

        Assert.Equal(Line(1, $"\"{field}\": the string escapes half a surrogate pair (such as \\ud83d without the \\ude00 that completes it)"), JsonProblem(line));
    }

    [Fact]
    public void A_field_name_escaping_half_a_surrogate_pair_is_an_unknown_field()
    {
        var line = Samples["resolved"].Json.Replace("{", "{\"\\udc00\":1,", StringComparison.Ordinal);

        Assert.Equal(Samples["resolved"].Event, Assert.Single(Json(line)).Event);
    }

    [Fact]
    public void A_ticket_cannot_be_merged_into_itself()
    {
        var line = With(Samples["merged"].Json, "into", "\"T-1\"");

        Assert.Equal(Line(1, "\"into\": \"T-1\" is the ticket itself (merged needs another ticket)"), JsonProblem(line));
    }

    [Fact]
    public void A_field_given_twice_is_reported()
    {
        const string line = """{"id":"e1","ticket":"T-1","type":"resolved","at":"2026-03-02T10:00Z","at":"2026-03-02T11:00Z"}""";

        Assert.Equal(Line(1, "\"at\" appears twice"), JsonProblem(line));
    }

    [Fact]
    public void The_first_problem_in_field_order_is_reported_whatever_the_order_of_the_line()
    {
        const string line = """{"customer":7,"at":"soon","type":"created","ticket":[],"id":"e1"}""";

        var problem = Assert.Single(Json(line)).Problem;

        Assert.Equal("ticket", problem?.Field);
        Assert.Equal(Line(1, "\"ticket\": a list is not a string or a number"), problem?.ToString());
    }

    [Fact]
    public void Control_characters_are_escaped_in_messages()
    {
        const string line = """{"id":"e1","ticket":"T-1","type":"a\nb\u0001","at":"2026-03-02T09:00Z"}""";

        Assert.Equal(Line(1, $"\"type\": \"a\\nb\\u0001\" is not an event type ({EventTypes})"), JsonProblem(line));
    }

    [Fact]
    public void Long_values_are_cut_in_messages()
    {
        var line = $$"""{"id":"e1","ticket":"T-1","type":"closed","at":"{{new string('x', 70)}}"}""";

        Assert.Equal(Line(1, $"\"at\": \"{new string('x', 64)}…\" is not an instant (ISO-8601 with offset)"), JsonProblem(line));
    }

    [Theory]
    [InlineData("{\"id\":\"e1\",\"ticket\":\"T-1\"", "not valid JSON at column 26: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed")]
    [InlineData("""{"id":"e1",}""", "not valid JSON at column 12: The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options")]
    [InlineData("""{'id':'e1'}""", "not valid JSON at column 2: '\'' is an invalid start of a property name. Expected a '\"'")]
    [InlineData("""{"id":"e1"} {"id":"e2"}""", "not valid JSON at column 13: '{' is invalid after a single JSON value. Expected end of data")]
    [InlineData("""{"id":"e1" /* note */}""", "not valid JSON at column 12: '/' is invalid after a value. Expected either ',', '}', or ']'")]
    [InlineData("""{"id":"é1","ticket":tru}""", "not valid JSON at column 24: 'tru}' is an invalid JSON literal. Expected the literal 'true'")]
    [InlineData("""id,ticket,type,at""", "not valid JSON at column 1: 'i' is an invalid start of a value")]
    [InlineData("""{"id":"e1","ticket":nul_and_on_and_on_and_on_and_on_and_on_and_on_and_on_and_on_and_on_and_on_and_on_and_on}""", "not valid JSON at column 24: 'nul_and_on_and_on_and_on_and_on_and_on_and_on_and_on_and_on_and_on_and_on_and_on_and_on}' is an invalid JSON literal. E…")]
    public void A_line_that_is_not_json_is_reported_with_its_column(string line, string message)
    {
        var problem = Assert.Single(Json(line)).Problem;

        Assert.NotNull(problem);
        Assert.Equal(string.Empty, problem.Field);
        Assert.Equal(Line(1, message), problem.ToString());
    }

    [Theory]
    [InlineData("""[{"id":"e1"}]""")]
    [InlineData("\"e1\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_line_that_is_json_but_not_an_object_is_reported(string line)
    {
        Assert.Equal(Line(1, "not a JSON object (each line is one event: {\"id\": …, \"ticket\": …, \"type\": …, \"at\": …})"), JsonProblem(line));
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_reported_and_reading_goes_on()
    {
        var huge = $$"""{"id":"e1","ticket":"T-1","type":"resolved","at":"2026-03-02T10:00Z","note":"{{new string('n', TicketEventReader.MaxLineLength)}}"}""";
        var text = Samples["created"].Json + "\n" + huge + "\r\n" + Samples["resolved"].Json;

        var records = Json(text);

        Assert.Equal(3, records.Count);
        Assert.Equal(Samples["created"].Event, records[0].Event);
        Assert.Equal(Line(2, "the line is longer than 1048576 characters"), records[1].Problem?.ToString());
        Assert.Equal(Samples["resolved"].Event, records[2].Event);
        Assert.Equal(3, records[2].Line);
    }

    [Fact]
    public void A_line_just_under_the_limit_is_read()
    {
        const string prefix = "{\"id\":\"e9\",\"ticket\":\"T-1\",\"type\":\"resolved\",\"at\":\"2026-03-02T10:00Z\",\"note\":\"";
        var line = prefix + new string('n', TicketEventReader.MaxLineLength - prefix.Length - 2) + "\"}";

        Assert.Equal(TicketEventReader.MaxLineLength, line.Length);
        var record = Assert.Single(Json(line + "\n"));
        Assert.True(record.IsEvent, record.ToString());
        Assert.Equal(Samples["resolved"].Event, record.Event);
    }

    [Fact]
    public void A_null_reader_is_refused_at_once()
    {
        Assert.Throws<ArgumentNullException>(() => TicketEventReader.ReadJsonLines(null!));
    }

    [Fact]
    public void A_record_shows_its_line()
    {
        var records = Json(Samples["resolved"].Json + "\n" + BadType);

        Assert.Equal("line 1: TicketResolved { Id = e9, TicketId = T-1, At = 2026-03-02T10:00:00Z, Kind = Resolved }", records[0].ToString());
        Assert.StartsWith("line 2: \"type\": \"opened\"", records[1].ToString(), StringComparison.Ordinal);
    }

    /// <summary>The line without <paramref name="field"/>.</summary>
    internal static string Without(string json, string field)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var kept = document.RootElement.EnumerateObject().Where(p => p.Name != field).Select(p => $"{System.Text.Json.JsonSerializer.Serialize(p.Name)}:{p.Value.GetRawText()}");
        return "{" + string.Join(",", kept) + "}";
    }

    /// <summary>The line with <paramref name="field"/> set to the raw JSON <paramref name="value"/>.</summary>
    internal static string With(string json, string field, string value) =>
        Without(json, field).TrimEnd('}') + $",\"{field}\":{value}}}";
}
