using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pledge.Server.Api;

/// <summary>
/// The events of a <c>POST /api/v1/events</c> body (one JSON object, or an array of them), each as the text it
/// arrived as and its <c>type</c>, found in one pass of a JSON reader over the bytes.
/// </summary>
/// <remarks>
/// Each event is cut out of the body as sent rather than parsed into a document and written back: Core's readers
/// parse every line anyway, so a second parse (and a third, to learn the type) only cost time. An event that spans
/// several lines (a pretty-printed body) is the one exception: it is written back as one compact line, since event
/// bodies are stored and read again as JSON lines.
/// </remarks>
internal sealed class EventLines
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonWriterOptions CompactOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private EventLines(List<string> lines, List<string?> types, int count, Dictionary<string, string[]> notObjects)
    {
        Lines = lines;
        Types = types;
        Count = count;
        NotObjects = notObjects;
    }

    /// <summary>Each event object as one line of JSON, in body order (none when <see cref="Count"/> is over the limit).</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The <c>type</c> of each line (its first, if given twice), or null where it is missing or not a string.</summary>
    public IReadOnlyList<string?> Types { get; }

    /// <summary>How many elements the body holds (one for a single object).</summary>
    public int Count { get; }

    /// <summary>The elements that are not objects, by name (<c>events[3]</c>), saying what they are.</summary>
    public IReadOnlyDictionary<string, string[]> NotObjects { get; }

    /// <summary>Splits <paramref name="body"/>; keeps at most <paramref name="limit"/> lines but counts every element.</summary>
    /// <exception cref="JsonException">The body is not JSON (the message says where).</exception>
    /// <exception cref="DecoderFallbackException">The body is not UTF-8.</exception>
    /// <exception cref="FormatException">The body is JSON but neither an object nor an array.</exception>
    public static EventLines Split(ReadOnlySpan<byte> body, int limit)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        var lines = new List<string>();
        var types = new List<string?>();
        var notObjects = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!reader.Read())
        {
            throw new JsonException("the body is empty");
        }

        var count = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                count = 1;
                lines.Add(ReadObject(ref reader, body, out var type));
                types.Add(type);
                break;

            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var index = count++;
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        notObjects[Name(index)] = [$"is a JSON {Kind(reader.TokenType)}, not an event object"];
                        reader.Skip();
                    }
                    else if (count > limit)
                    {
                        reader.Skip();
                    }
                    else
                    {
                        lines.Add(ReadObject(ref reader, body, out var elementType));
                        types.Add(elementType);
                    }
                }

                break;

            default:
                // Anything else is refused, but a body that is not even JSON is named as such first.
                reader.Skip();
                Drain(ref reader);
                throw new FormatException("the body is one event (a JSON object) or a JSON array of events");
        }

        Drain(ref reader);
        if (count > limit)
        {
            lines.Clear();
            types.Clear();
        }

        return new EventLines(lines, types, count, notObjects);
    }

    /// <summary>The name of the element at <paramref name="index"/> in problems.</summary>
    public static string Name(int index) => string.Create(CultureInfo.InvariantCulture, $"events[{index}]");

    /// <summary>Reads the object the reader stands at the start of to its end, noting its top-level <c>type</c>.</summary>
    private static string ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, out string? type)
    {
        var start = (int)reader.TokenStartIndex;
        var depth = reader.CurrentDepth;
        type = null;
        var types = 0;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            // A repeated type is routed by its first value; that reader refuses the repetition, naming the field.
            if (isType && ++types == 1 && reader.TokenType == JsonTokenType.String)
            {
                type = TypeName(ref reader);
            }

            reader.Skip();
        }

        var text = body[start..(int)reader.BytesConsumed];
        return text.IndexOfAny((byte)'\n', (byte)'\r') < 0 ? StrictUtf8.GetString(text) : Compact(text);
    }

    /// <summary>The string the reader stands at, or null when it is not text (Core then names the field).</summary>
    private static string? TypeName(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Compact(ReadOnlySpan<byte> text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length);
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            var reader = new Utf8JsonReader(text);
            using var document = JsonDocument.ParseValue(ref reader);
            document.RootElement.WriteTo(writer);
        }

        return StrictUtf8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads to the end, so trailing text after the value is refused as not JSON.</summary>
    private static void Drain(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString().ToLowerInvariant(),
    };
}
