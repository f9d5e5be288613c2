using Pledge.Tickets;
using static Pledge.Tests.Tickets.EventText;

namespace Pledge.Tests.Tickets;

/// <summary>Reading CSV event files: the header, RFC 4180 quoting, and an exact message for every way a record can be wrong.</summary>
public sealed class CsvReaderTests
{
    private const string EventTypes = "created, status_changed, priority_changed, service_changed, assigned, commented, resolved, reopened, closed, merged";

    [Theory]
    [MemberData(nameof(SampleNames), MemberType = typeof(EventText))]
    public void Every_event_type_is_read_with_every_field(string sample)
    {
        var (expected, _, csv) = Samples[sample];

        var record = Assert.Single(Csv(CsvHeader + "\n" + csv + "\n"));

        Assert.True(record.IsEvent, record.ToString());
        Assert.Equal(expected, record.Event);
        Assert.Equal(2, record.Line);
    }

    [Fact]
    public void A_file_of_every_sample_gives_every_event_in_file_order_with_its_line()
    {
        var text = CsvHeader + "\r\n" + string.Join("\r\n", Samples.Values.Select(s => s.Csv)) + "\r\n";

        var records = Csv(text);

        Assert.Equal(Samples.Values.Select(s => s.Event), Events(records));
        Assert.Equal(Enumerable.Range(2, Samples.Count), records.Select(r => r.Line));
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_unknown_columns_are_ignored()
    {
        const string text = """
            Subject,status,at,type,  priority ,ticket,customer,id,service,Requester
            "Coffee machine, 2nd floor",new,2026-03-02T09:00:00+01:00,created,P2,T-1,acme,e1,coffee,Ann
            """;

        Assert.Equal(Samples["created"].Event, Assert.Single(Csv(text)).Event);
    }

    [Fact]
    public void Only_id_ticket_type_and_at_are_required_in_the_header()
    {
        const string text = "type,at,ticket,id\nresolved,2026-03-02T10:00Z,T-1,e9\nclosed,2026-03-04T10:00Z,T-1,e11\n";

        Assert.Equal([Samples["resolved"].Event, Samples["closed"].Event], Events(Csv(text)));
    }

    [Fact]
    public void A_type_whose_column_is_absent_is_reported_missing()
    {
        const string text = "id,ticket,type,at\ne5,T-1,assigned,2026-03-02T09:15Z\n";

        Assert.Equal(Line(2, "\"team\" is missing (assigned needs team)"), Assert.Single(Csv(text)).Problem?.ToString());
    }

    [Fact]
    public void Quoted_cells_hold_commas_doubled_quotes_and_line_breaks()
    {
        var text = "id,ticket,type,at,customer,service,priority,status\n"
            + "e1,\"T-1\",created,2026-03-02T08:00Z,\"Smith, \"\"Jones\"\" & Co\",\"hot\ncoffee\",\"P2\r\nurgent\",\"\"\"new\"\"\"\n";

        var created = Assert.IsType<TicketCreated>(Assert.Single(Csv(text)).Event);

        Assert.Equal("Smith, \"Jones\" & Co", created.Customer);
        Assert.Equal("hot\ncoffee", created.Service);
        Assert.Equal("P2\r\nurgent", created.Priority);
        Assert.Equal("\"new\"", created.Status);
    }

    [Fact]
    public void Line_numbers_count_the_line_breaks_inside_quoted_cells()
    {
        var text = "id,ticket,type,at,team\r\n"
            + "e1,T-1,assigned,2026-03-02T09:15Z,\"one\r\ntwo\nthree\rfour\"\r\n"
            + "e2,T-1,resolved,2026-13-02T09:15Z,\r\n"
            + "\"e3\",\"T\n-1\",closed,2026-03-02T09:15Z,\n"
            + "e4,T-1,opened,2026-03-02T09:15Z,";

        var records = Csv(text);

        Assert.Equal([2, 6, 7, 9], records.Select(r => r.Line));
        Assert.Equal("one\r\ntwo\nthree\rfour", Assert.IsType<TicketAssigned>(records[0].Event).Team);
        Assert.Equal(Line(6, "\"at\": \"2026-13-02T09:15Z\" is not an instant (ISO-8601 with offset)"), records[1].Problem?.ToString());
        Assert.Equal("T\n-1", records[2].Event?.TicketId);
        Assert.Equal(Line(9, $"\"type\": \"opened\" is not an event type ({EventTypes})"), records[3].Problem?.ToString());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Records_end_at_lf_crlf_or_a_lone_cr_and_blank_lines_are_skipped(string end)
    {
        var text = end + CsvHeader + end + end + Samples["created"].Csv + end + "   " + end + end + Samples["resolved"].Csv;

        var records = Csv(text);

        Assert.Equal([Samples["created"].Event, Samples["resolved"].Event], Events(records));
        Assert.Equal([4, 7], records.Select(r => r.Line));
    }

    [Fact]
    public void A_byte_order_mark_at_the_start_is_ignored()
    {
        Assert.Equal(Samples["closed"].Event, Assert.Single(Csv("\uFEFF" + CsvHeader + "\n" + Samples["closed"].Csv)).Event);
    }

    [Fact]
    public void Quoted_header_names_and_white_space_around_them_are_read()
    {
        const string text = "\"id\", \"ticket\" ,type,\t\"at\"\t\ne9 , \"T-1\"\t,resolved,2026-03-02T10:00Z\n";

        Assert.Equal(Samples["resolved"].Event, Assert.Single(Csv(text)).Event);
    }

    [Fact]
    public void Surrounding_white_space_of_a_cell_is_dropped_and_an_empty_cell_is_absent()
    {
        const string text = "id,ticket,type,at,team,customer\n e5 ,\" T-1\",assigned , 2026-03-02T09:15Z, machine-repair ,\n";

        Assert.Equal(Samples["assigned"].Event, Assert.Single(Csv(text)).Event);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("False", false)]
    [InlineData("\"false\"", false)]
    public void Public_is_true_or_false_in_any_case(string value, bool expected)
    {
        var text = "id,ticket,type,at,author,public\ne6,T-1,commented,2026-03-02T09:20Z,agent," + value + "\n";

        Assert.Equal(expected, Assert.IsType<TicketCommented>(Assert.Single(Csv(text)).Event).IsPublic);
    }

    [Fact]
    public void A_customer_comment_with_an_empty_public_is_public()
    {
        var row = Samples["commented by the customer"].Csv.Replace(",true,", ",,", StringComparison.Ordinal);

        Assert.Equal(Samples["commented by the customer"].Event, Assert.Single(Csv(CsvHeader + "\n" + row)).Event);
    }

    [Fact]
    public void Empty_input_and_a_header_alone_have_no_events()
    {
        Assert.Empty(Csv(string.Empty));
        Assert.Empty(Csv("\n\n"));
        Assert.Empty(Csv(CsvHeader));
        Assert.Empty(Csv(CsvHeader + "\r\n\r\n"));
    }

    [Theory]
    [InlineData("id,ticket,type", "the header has no \"at\" column (id, ticket, type, at are required)", "at")]
    [InlineData("id,type,customer", "the header has no \"ticket\" or \"at\" column (id, ticket, type, at are required)", "ticket, at")]
    [InlineData("ID,Ticket,Type,At", "the header has no \"id\" or \"ticket\" or \"type\" or \"at\" column (id, ticket, type, at are required)", "id, ticket, type, at")]
    [InlineData("id;ticket;type;at", "the header has no \"id\" or \"ticket\" or \"type\" or \"at\" column (id, ticket, type, at are required)", "id, ticket, type, at")]
    [InlineData("id,ticket,type,at,status,status", "the header names \"status\" twice", "status")]
    public void A_bad_header_is_the_only_problem_and_nothing_else_is_read(string header, string message, string field)
    {
        var text = header + "\n" + Samples["created"].Csv + "\n" + "e2,\"unclosed\n";

        var problem = Assert.Single(Csv(text)).Problem;

        Assert.NotNull(problem);
        Assert.Equal(1, problem.Line);
        Assert.Equal(field, problem.Field);
        Assert.Equal(Line(1, message), problem.ToString());
    }

    [Theory]
    [InlineData("id,tic\"ket,type,at", "header cell 2: a quote inside an unquoted cell (quote the whole cell and double each quote inside it)")]
    [InlineData("id,\"ticket\"s,type,at", "header cell 2: text after the closing quote (a quote inside a quoted cell is written twice: \"\")")]
    [InlineData("id,ticket,type,\"at", "header cell 4: the quoted cell is never closed (a closing quote is missing)")]
    public void A_header_that_is_not_valid_csv_is_the_only_problem(string header, string message)
    {
        var problem = Assert.Single(Csv(header + "\n" + Samples["created"].Csv)).Problem;

        Assert.Equal(Line(1, message), problem?.ToString());
    }

    [Theory]
    [InlineData("e1,T-1,created,2026-03-02T08:00Z,ac\"me,coffee,P2,new,,,,", "\"customer\": a quote inside an unquoted cell (quote the whole cell and double each quote inside it)", "customer")]
    [InlineData("e1,T-1,created,2026-03-02T08:00Z,\"acme\" inc,coffee,P2,new,,,,", "\"customer\": text after the closing quote (a quote inside a quoted cell is written twice: \"\")", "customer")]
    [InlineData("e1,T-1,created,2026-03-02T08:00Z,\"acme \"the best\" inc\",coffee,P2,new,,,,", "\"customer\": text after the closing quote (a quote inside a quoted cell is written twice: \"\")", "customer")]
    [InlineData("e1,T-1,created,2026-03-02T08:00Z,acme,coffee,P2,new,,,,,", "the row has 13 cells where the header has 12 columns", "")]
    [InlineData("e1,T-1,created,2026-03-02T08:00Z,acme,coffee,P2,new", "the row has 8 cells where the header has 12 columns", "")]
    [InlineData("e1,T-1,created,2026-03-02T08:00Z,acme,coffee,P2,new,,,,,\"x\"y", "cell 13: text after the closing quote (a quote inside a quoted cell is written twice: \"\")", "")]
    public void A_record_that_is_not_valid_csv_is_reported(string row, string message, string field)
    {
        var problem = Assert.Single(Csv(CsvHeader + "\n" + row + "\n")).Problem;

        Assert.NotNull(problem);
        Assert.Equal(field, problem.Field);
        Assert.Equal(Line(2, message), problem.ToString());
    }

    [Fact]
    public void Reading_goes_on_after_a_quote_in_the_wrong_place()
    {
        var text = CsvHeader + "\n" + "e0,T-1,closed,2026-03-02T08:00Z,\"a\"b,,,,,,,\n" + Samples["resolved"].Csv + "\n";

        var records = Csv(text);

        Assert.False(records[0].IsEvent);
        Assert.Equal(Samples["resolved"].Event, records[1].Event);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void A_quote_never_closed_runs_to_the_end_and_is_reported_where_it_opened()
    {
        var text = CsvHeader + "\n" + Samples["created"].Csv + "\n" + "e9,T-1,resolved,\"2026-03-02T10:00Z,,,,,,,,\n" + Samples["closed"].Csv + "\n";

        var records = Csv(text);

        Assert.Equal(2, records.Count);
        Assert.Equal(Samples["created"].Event, records[0].Event);
        Assert.Equal(Line(3, "\"at\": the quoted cell is never closed (a closing quote is missing)"), records[1].Problem?.ToString());
        Assert.Equal("at", records[1].Problem?.Field);
    }

    [Fact]
    public void A_record_longer_than_the_limit_is_reported_and_reading_goes_on()
    {
        var text = CsvHeader + "\n"
            + "e1,T-1,resolved,2026-03-02T10:00Z,,,,,,,,\"" + new string('x', TicketEventReader.MaxLineLength) + "\"\n"
            + Samples["closed"].Csv + "\n";

        var records = Csv(text);

        Assert.Equal(Line(2, "the record is longer than 1048576 characters"), records[0].Problem?.ToString());
        Assert.Equal(Samples["closed"].Event, records[1].Event);
        Assert.Equal(3, records[1].Line);
    }

    [Theory]
    [InlineData("id", "\"id\" is missing (every event needs id, ticket, type, at)")]
    [InlineData("ticket", "\"ticket\" is missing (every event needs id, ticket, type, at)")]
    [InlineData("type", "\"type\" is missing (every event needs id, ticket, type, at)")]
    [InlineData("at", "\"at\" is missing (every event needs id, ticket, type, at)")]
    public void An_empty_required_cell_is_missing(string column, string message)
    {
        var cells = Samples["resolved"].Csv.Split(',');
        cells[Array.IndexOf(CsvHeader.Split(','), column)] = string.Empty;

        Assert.Equal(Line(2, message), CsvProblem(string.Join(',', cells)));
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
    public void An_empty_cell_the_type_needs_is_missing(string sample, string column, string needs)
    {
        var cells = Samples[sample].Csv.Split(',');
        cells[Array.IndexOf(CsvHeader.Split(','), column)] = "  ";

        Assert.Equal(Line(2, $"\"{column}\" is missing ({needs})"), CsvProblem(string.Join(',', cells)));
    }

    [Theory]
    [InlineData("author", "bot", "\"author\": \"bot\" is not agent or customer")]
    [InlineData("public", "yes", "\"public\": \"yes\" is not true or false")]
    [InlineData("public", "1", "\"public\": \"1\" is not true or false")]
    [InlineData("at", "2026-03-02 09:20", "\"at\": \"2026-03-02 09:20\" is not an instant (ISO-8601 with offset)")]
    [InlineData("at", "1066-10-14T09:00Z", "\"at\": \"1066-10-14T09:00Z\" is outside the years 1901-2198")]
    [InlineData("type", "comment", "\"type\": \"comment\" is not an event type (" + EventTypes + ")")]
    public void A_bad_value_is_reported(string column, string value, string message)
    {
        var cells = Samples["commented"].Csv.Split(',');
        cells[Array.IndexOf(CsvHeader.Split(','), column)] = value;

        var problem = Assert.Single(Csv(CsvHeader + "\n" + string.Join(',', cells))).Problem;

        Assert.Equal(column, problem?.Field);
        Assert.Equal(Line(2, message), problem?.ToString());
    }

    [Fact]
    public void A_null_reader_is_refused_at_once()
    {
        Assert.Throws<ArgumentNullException>(() => TicketEventReader.ReadCsv(null!));
    }
}
