using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Pledge.Actions;
using Pledge.Availability;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Satisfaction;
using Pledge.Series;
using Pledge.Tickets;

namespace Pledge.Measures;

/// <summary>
/// Reads measure events as JSON lines (the schema is in <c>docs/events.md</c>): one object per line with an
/// <c>id</c> and a <c>type</c> of <c>outage</c>, <c>outage_end</c>, <c>check</c>, <c>delivery</c>, <c>survey</c>, <c>evidence</c>,
/// <c>sample</c> or <c>action</c>.
/// </summary>
/// <remarks>
/// Like the ticket event reader, bad input never throws: each line that is not a valid event yields a problem
/// naming its line and field, and reading goes on. Fields a type does not use are ignored. Reading does not
/// deduplicate; <see cref="MeasureEvents.Builder"/> does.
/// </remarks>
public static class MeasureEventReader
{
    /// <summary>The event types this reader knows.</summary>
    public static ImmutableArray<string> Types { get; } = ["outage", "outage_end", "check", "delivery", "survey", "evidence", "sample", "action"];

    /// <summary>Whether <paramref name="type"/> names a measure event (not a ticket event).</summary>
    public static bool IsMeasureType(string? type) => type is not null && Types.Contains(type, StringComparer.Ordinal);

    /// <summary>The <c>type</c> of the JSON object on <paramref name="line"/>, or null when it has none or is not JSON.</summary>
    public static string? TypeOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads every line of <paramref name="reader"/> lazily.</summary>
    public static IEnumerable<MeasureEventRecord> ReadJsonLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(reader);
    }

    /// <summary>Reads one line (numbered <paramref name="lineNumber"/> in problems).</summary>
    public static MeasureEventRecord ReadLine(string line, int lineNumber) => ReadLine(line, lineNumber, UnknownFields.Ignore);

    /// <summary>Reads one line; with <see cref="UnknownFields.Refuse"/>, a field the event's type does not read, or a
    /// field given twice, makes it a problem naming that field.</summary>
    public static MeasureEventRecord ReadLine(string line, int lineNumber, UnknownFields unknownFields)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return Fail(lineNumber, string.Empty, $"not a JSON object ({e.Message.Split('.')[0]})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(lineNumber, string.Empty, "each line is one event: {\"id\": …, \"type\": …, …}");
            }

            var fields = new Fields(root, lineNumber);
            var id = fields.Text("id", required: true);
            var type = fields.Text("type", required: true);
            if (fields.Problem is { } early)
            {
                return new MeasureEventRecord(null, early);
            }

            object? read = type switch
            {
                "outage" => Outage(fields, id!),
                "outage_end" => OutageEnd(fields, id!),
                "check" => Check(fields, id!),
                "delivery" => Delivery(fields, id!),
                "survey" => Survey(fields, id!),
                "evidence" => Evidence(fields, id!),
                "sample" => Sample(fields, id!),
                "action" => Action(fields, id!),
                _ => null,
            };
            if (read is not null && unknownFields == UnknownFields.Refuse && Unread(root, fields) is { } unread)
            {
                // Before the type's own problems: an unread field is often why a required one is missing ("stat").
                return new MeasureEventRecord(null, unread);
            }

            if (fields.Problem is { } problem)
            {
                return new MeasureEventRecord(null, problem);
            }

            return read is null
                ? Fail(lineNumber, "type", $"\"type\": \"{type}\" is not a measure event type ({string.Join(", ", Types)}); ticket events go in their own file")
                : new MeasureEventRecord(read, null);
        }
    }

    private static IEnumerable<MeasureEventRecord> Read(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (number == 1 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return ReadLine(line, number);
        }
    }

    private static Outage Outage(Fields f, string id)
    {
        var service = f.Text("service", required: true);
        var start = f.Instant("start", required: true);
        // Without an end the outage is ongoing; an outage_end event ends it later.
        var end = f.Instant("end");
        if (start is { } s && end is { } e && e < s)
        {
            f.Fail("end", $"\"end\" is before \"start\"");
        }

        return new Outage(id, service ?? string.Empty, start ?? default, end)
        {
            Customer = f.Text("customer"),
            Site = f.Text("site"),
            Impact = f.Choice("impact", OutageImpact.Full, ("full", OutageImpact.Full), ("partial", OutageImpact.Partial), ("degraded", OutageImpact.Degraded)),
            Planned = f.Boolean("planned") ?? false,
            AnnouncedAt = f.Instant("announced"),
            Description = f.Text("description"),
        };
    }

    private static OutageEnd OutageEnd(Fields f, string id) =>
        new(id, f.Text("outage", required: true) ?? string.Empty, f.Instant("end", required: true) ?? default);

    private static CheckResult Check(Fields f, string id) =>
        new(id, f.Text("service", required: true) ?? string.Empty, f.Instant("at", required: true) ?? default,
            f.Choice("result", (bool?)null, ("up", true), ("down", false)) ?? f.Required<bool>("result", "\"up\" or \"down\""))
        {
            Customer = f.Text("customer"),
            Site = f.Text("site"),
        };

    private static Delivery Delivery(Fields f, string id)
    {
        var quantity = f.Number("quantity");
        if (quantity is { } q && (q < 0 || q != Math.Floor(q) || q > int.MaxValue))
        {
            f.Fail("quantity", $"\"quantity\": {q.ToString(CultureInfo.InvariantCulture)} is not a whole number of 0 or more");
        }

        return new Delivery(id, f.Text("customer", required: true) ?? string.Empty, f.Text("service", required: true) ?? string.Empty, f.Instant("at", required: true) ?? default)
        {
            Quantity = quantity is { } value && f.Problem is null ? (int)value : null,
            Slot = f.Text("slot"),
        };
    }

    private static SurveyResponse Survey(Fields f, string id) =>
        new(id, f.Text("customer", required: true) ?? string.Empty, f.Instant("at", required: true) ?? default, f.Number("score", required: true) ?? 0)
        {
            Service = f.Text("service"),
            Ticket = f.Text("ticket"),
            Comment = f.Text("comment"),
        };

    private static Evidence Evidence(Fields f, string id) =>
        new(id, f.Text("term", required: true) ?? string.Empty, f.Text("subject", required: true) ?? string.Empty, f.Instant("at", required: true) ?? default,
            f.Boolean("compliant") ?? f.Required<bool>("compliant", "true or false"))
        {
            Customer = f.Text("customer"),
            Detail = f.Text("detail"),
        };

    private static Sample Sample(Fields f, string id) =>
        new(id, f.Text("series", required: true) ?? string.Empty, f.Instant("at", required: true) ?? default, f.Number("value", required: true) ?? 0)
        {
            Customer = f.Text("customer"),
            Service = f.Text("service"),
        };

    private static CorrectiveAction Action(Fields f, string id) =>
        new(id, f.Text("action") ?? id, f.Text("customer", required: true) ?? string.Empty, f.Instant("at", required: true) ?? default,
            f.Choice("status", ActionStatus.Open, ("open", ActionStatus.Open), ("in-progress", ActionStatus.InProgress), ("done", ActionStatus.Done), ("verified", ActionStatus.Verified)),
            f.Text("title", required: true) ?? string.Empty)
        {
            Owner = f.Text("owner"),
            Due = f.Date("due"),
            Agreement = f.Text("agreement"),
            Target = f.Text("target"),
            RootCause = f.Text("root_cause"),
            Outcome = f.Text("outcome"),
            Breaches = f.Texts("breaches"),
        };

    private static MeasureEventRecord Fail(int line, string field, string message) => new(null, new MeasureEventProblem(line, field, message));

    /// <summary>The first field of <paramref name="root"/> that its type did not read, or that is given twice.</summary>
    private static MeasureEventProblem? Unread(JsonElement root, Fields fields)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                return new MeasureEventProblem(fields.Line, property.Name, $"\"{Shown(property.Name)}\" appears twice");
            }

            if (!fields.WasRead(property.Name))
            {
                return new MeasureEventProblem(fields.Line, property.Name,
                    $"\"{Shown(property.Name)}\" is not a field of {fields.Type} events ({string.Join(", ", fields.ReadNames)})");
            }
        }

        return null;
    }

    private static string Shown(string name) => name.Length <= 64 ? name : name[..64] + "…";

    /// <summary>Typed access to one line's fields; the first problem is kept and ends the line.</summary>
    private sealed class Fields(JsonElement root, int line)
    {
        // The names each type reads, in the order it reads them: what strict reading allows.
        private readonly List<string> _read = [];

        public MeasureEventProblem? Problem { get; private set; }

        public int Line => line;

        public string? Type => root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

        public IReadOnlyList<string> ReadNames => _read;

        public bool WasRead(string name) => _read.Contains(name, StringComparer.Ordinal);

        private bool TryGet(string field, out JsonElement value)
        {
            if (!_read.Contains(field, StringComparer.Ordinal))
            {
                _read.Add(field);
            }

            return root.TryGetProperty(field, out value);
        }

        public void Fail(string field, string message) => Problem ??= new MeasureEventProblem(line, field, message);

        public T Required<T>(string field, string what)
            where T : struct
        {
            if (!TryGet(field, out _))
            {
                Fail(field, $"\"{field}\" is required: {what}");
            }

            return default;
        }

        public string? Text(string field, bool required = false)
        {
            if (!TryGet(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Fail(field, $"\"{field}\" is required");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Fail(field, $"\"{field}\": {value.GetRawText()} is not a non-empty text");
                return null;
            }

            return value.GetString();
        }

        public ImmutableArray<string> Texts(string field)
        {
            if (!TryGet(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                Fail(field, $"\"{field}\" must be a list of texts");
                return [];
            }

            return [.. value.EnumerateArray().Select(v => v.GetString()!)];
        }

        public Instant? Instant(string field, bool required = false)
        {
            if (Text(field, required) is not { } text)
            {
                return null;
            }

            if (!Pledge.Text.IsoInstant.TryParse(text.AsSpan(), out var ticks))
            {
                Fail(field, $"\"{field}\": \"{text}\" is not an instant (ISO-8601 with offset)");
                return null;
            }

            // The same range as ticket events: outside it the business-time engine cannot compute in every zone.
            if (ticks < Tickets.TicketEventFields.MinTicks || ticks >= Tickets.TicketEventFields.EndTicks)
            {
                Fail(field, string.Create(CultureInfo.InvariantCulture, $"\"{field}\": \"{text}\" is outside the years {Tickets.TicketEventFields.MinYear}-{Tickets.TicketEventFields.MaxYear}"));
                return null;
            }

            return NodaTime.Instant.FromUnixTimeTicks(ticks);
        }

        public LocalDate? Date(string field)
        {
            if (Text(field) is not { } text)
            {
                return null;
            }

            var parsed = LocalDatePattern.Iso.Parse(text);
            if (!parsed.Success)
            {
                Fail(field, $"\"{field}\": \"{text}\" is not a date (YYYY-MM-DD)");
                return null;
            }

            return parsed.Value;
        }

        public double? Number(string field, bool required = false)
        {
            if (!TryGet(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Fail(field, $"\"{field}\" is required: a number");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                Fail(field, $"\"{field}\": {value.GetRawText()} is not a number");
                return null;
            }

            return number;
        }

        public bool? Boolean(string field)
        {
            if (!TryGet(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Fail(field, $"\"{field}\": {value.GetRawText()} is not true or false");
                return null;
            }

            return value.ValueKind == JsonValueKind.True;
        }

        public T Choice<T>(string field, T fallback, params (string Name, T Value)[] choices)
        {
            if (Text(field) is not { } text)
            {
                return fallback;
            }

            foreach (var (name, value) in choices)
            {
                if (string.Equals(name, text, StringComparison.Ordinal))
                {
                    return value;
                }
            }

            Fail(field, $"\"{field}\": \"{text}\" is not one of {string.Join(", ", choices.Select(c => c.Name))}");
            return fallback;
        }
    }
}
