using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using Pledge.Text;
using Pledge.Tickets;

namespace Pledge.Tests.Tickets;

/// <summary>Writes events as JSON lines and CSV the way a helpdesk export would, and reads them back for tests.</summary>
internal static class EventText
{
    /// <summary>Every column, in the documented order.</summary>
    public const string CsvHeader = "id,ticket,type,at,customer,service,priority,status,team,author,public,into";

    /// <summary>One event of every kind (two comments), with every field its kind has.</summary>
    public static readonly IReadOnlyDictionary<string, (TicketEvent Event, string Json, string Csv)> Samples =
        new Dictionary<string, (TicketEvent, string, string)>(StringComparer.Ordinal)
        {
            ["created"] = (
                new TicketCreated("e1", "T-1", At("2026-03-02T08:00Z"), "acme", "coffee", "P2", "new"),
                """{"id":"e1","ticket":"T-1","type":"created","at":"2026-03-02T09:00:00+01:00","customer":"acme","service":"coffee","priority":"P2","status":"new"}""",
                "e1,T-1,created,2026-03-02T09:00:00+01:00,acme,coffee,P2,new,,,,"),
            ["status_changed"] = (
                new TicketStatusChanged("e2", "T-1", At("2026-03-02T08:30Z"), "waiting-customer"),
                """{"id":"e2","ticket":"T-1","type":"status_changed","at":"2026-03-02T08:30Z","status":"waiting-customer"}""",
                "e2,T-1,status_changed,2026-03-02T08:30Z,,,,waiting-customer,,,,"),
            ["priority_changed"] = (
                new TicketPriorityChanged("e3", "T-1", At("2026-03-02T08:45:30.25Z"), "P1"),
                """{"id":"e3","ticket":"T-1","type":"priority_changed","at":"2026-03-02T08:45:30.25+00:00","priority":"P1"}""",
                "e3,T-1,priority_changed,2026-03-02T08:45:30.25+00:00,,,P1,,,,,"),
            ["service_changed"] = (
                new TicketServiceChanged("e4", "T-1", At("2026-03-02T09:00Z"), "tea"),
                """{"id":"e4","ticket":"T-1","type":"service_changed","at":"2026-03-02T04:00-05:00","service":"tea"}""",
                "e4,T-1,service_changed,2026-03-02T04:00-05:00,,tea,,,,,,"),
            ["assigned"] = (
                new TicketAssigned("e5", "T-1", At("2026-03-02T09:15Z"), "machine-repair"),
                """{"id":"e5","ticket":"T-1","type":"assigned","at":"2026-03-02T09:15Z","team":"machine-repair"}""",
                "e5,T-1,assigned,2026-03-02T09:15Z,,,,,machine-repair,,,"),
            ["commented"] = (
                new TicketCommented("e6", "T-1", At("2026-03-02T09:20Z"), CommentAuthor.Agent, IsPublic: true),
                """{"id":"e6","ticket":"T-1","type":"commented","at":"2026-03-02T09:20Z","author":"agent","public":true}""",
                "e6,T-1,commented,2026-03-02T09:20Z,,,,,,agent,true,"),
            ["commented internally"] = (
                new TicketCommented("e7", "T-1", At("2026-03-02T09:25Z"), CommentAuthor.Agent, IsPublic: false),
                """{"id":"e7","ticket":"T-1","type":"commented","at":"2026-03-02T09:25Z","author":"agent","public":false}""",
                "e7,T-1,commented,2026-03-02T09:25Z,,,,,,agent,false,"),
            ["commented by the customer"] = (
                new TicketCommented("e8", "T-1", At("2026-03-02T09:30Z"), CommentAuthor.Customer, IsPublic: true),
                """{"id":"e8","ticket":"T-1","type":"commented","at":"2026-03-02T09:30Z","author":"customer","public":true}""",
                "e8,T-1,commented,2026-03-02T09:30Z,,,,,,customer,true,"),
            ["resolved"] = (
                new TicketResolved("e9", "T-1", At("2026-03-02T10:00Z")),
                """{"id":"e9","ticket":"T-1","type":"resolved","at":"2026-03-02T10:00Z"}""",
                "e9,T-1,resolved,2026-03-02T10:00Z,,,,,,,,"),
            ["reopened"] = (
                new TicketReopened("e10", "T-1", At("2026-03-03T10:00Z")),
                """{"id":"e10","ticket":"T-1","type":"reopened","at":"2026-03-03T10:00Z"}""",
                "e10,T-1,reopened,2026-03-03T10:00Z,,,,,,,,"),
            ["closed"] = (
                new TicketClosed("e11", "T-1", At("2026-03-04T10:00Z")),
                """{"id":"e11","ticket":"T-1","type":"closed","at":"2026-03-04T10:00Z"}""",
                "e11,T-1,closed,2026-03-04T10:00Z,,,,,,,,"),
            ["merged"] = (
                new TicketMerged("e12", "T-1", At("2026-03-02T11:00Z"), "T-2"),
                """{"id":"e12","ticket":"T-1","type":"merged","at":"2026-03-02T11:00Z","into":"T-2"}""",
                "e12,T-1,merged,2026-03-02T11:00Z,,,,,,,,T-2"),
        };

    private static readonly string[] Columns = CsvHeader.Split(',');

    public static TheoryData<string> SampleNames => [.. Samples.Keys];

    public static Instant At(string text) =>
        IsoInstant.TryParse(text.AsSpan(), out var ticks) ? Instant.FromUnixTimeTicks(ticks) : throw new FormatException(text);

    public static List<TicketEventRecord> Json(string text) => [.. TicketEventReader.ReadJsonLines(new StringReader(text))];

    public static List<TicketEventRecord> Csv(string text) => [.. TicketEventReader.ReadCsv(new StringReader(text))];

    /// <summary>The only record of a one-event JSON file, which must be a problem; as the user sees it.</summary>
    public static string JsonProblem(string line) => Assert.Single(Json(line)).Problem?.ToString() ?? "(an event)";

    /// <summary>The only record of a CSV file with the full header and one row, which must be a problem.</summary>
    public static string CsvProblem(string row) => Assert.Single(Csv(CsvHeader + "\n" + row)).Problem?.ToString() ?? "(an event)";

    /// <summary>The events of the file, asserting it has no problems.</summary>
    public static List<TicketEvent> Events(IEnumerable<TicketEventRecord> records) =>
        [.. records.Select(r => r.IsEvent ? r.Event : throw new InvalidOperationException(r.Problem.ToString()))];

    /// <summary>An event as one JSON line, its instant written at <paramref name="offset"/>.</summary>
    public static string ToJson(TicketEvent e, Offset offset)
    {
        var fields = Fields(e, offset);
        var builder = new StringBuilder("{");
        foreach (var (name, value) in fields)
        {
            if (builder.Length > 1)
            {
                builder.Append(',');
            }

            builder.Append(JsonSerializer.Serialize(name)).Append(':').Append(value is bool b ? (b ? "true" : "false") : JsonSerializer.Serialize((string)value));
        }

        return builder.Append('}').ToString();
    }

    /// <summary>An event as one CSV record under <see cref="CsvHeader"/>; <paramref name="quoteAll"/> quotes every cell.</summary>
    public static string ToCsv(TicketEvent e, Offset offset, bool quoteAll)
    {
        var cells = new string[Columns.Length];
        foreach (var (name, value) in Fields(e, offset))
        {
            cells[Array.IndexOf(Columns, name)] = value is bool b ? (b ? "true" : "false") : (string)value;
        }

        return string.Join(',', cells.Select(cell => Quote(cell ?? string.Empty, quoteAll)));
    }

    public static string Quote(string cell, bool always) =>
        always || cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static List<(string Name, object Value)> Fields(TicketEvent e, Offset offset)
    {
        var fields = new List<(string, object)>
        {
            ("id", e.Id),
            ("ticket", e.TicketId),
            ("type", TicketEventNames.Of(e.Kind)),
            ("at", IsoInstant.Format(e.At.ToUnixTimeTicks(), offset.Ticks)),
        };
        switch (e)
        {
            case TicketCreated c:
                fields.AddRange([("customer", c.Customer), ("service", c.Service), ("priority", c.Priority), ("status", c.Status)]);
                break;
            case TicketStatusChanged s:
                fields.Add(("status", s.Status));
                break;
            case TicketPriorityChanged p:
                fields.Add(("priority", p.Priority));
                break;
            case TicketServiceChanged s:
                fields.Add(("service", s.Service));
                break;
            case TicketAssigned a:
                fields.Add(("team", a.Team));
                break;
            case TicketCommented c:
                fields.AddRange([("author", c.Author == CommentAuthor.Agent ? "agent" : "customer"), ("public", c.IsPublic)]);
                break;
            case TicketMerged m:
                fields.Add(("into", m.Into));
                break;
            default:
                break;
        }

        return fields;
    }

    /// <summary>Formats an invariant message the way the tests write expectations.</summary>
    public static string Line(int line, string message) => string.Create(CultureInfo.InvariantCulture, $"line {line}: {message}");
}
