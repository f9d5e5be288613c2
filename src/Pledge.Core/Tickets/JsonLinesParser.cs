using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pledge.Tickets;

/// <summary>Reads JSON lines, one event object per line, with a reused UTF-8 buffer and <see cref="Utf8JsonReader"/>.</summary>
internal sealed class JsonLinesParser : IDisposable
{
    private const string Shape = "each line is one event: {\"id\": …, \"ticket\": …, \"type\": …, \"at\": …}";

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private readonly TextLines? _lines;
    private readonly TicketEventFields _fields = new();
    private byte[] _bytes = new byte[4096];
    private char[] _chars = new char[1024];
    private readonly bool _refuseUnknown;
    private int _line;
    private int _seen;
    private string? _unknown;

    public JsonLinesParser(TextReader reader, UnknownFields unknownFields = UnknownFields.Ignore)
        : this(unknownFields)
    {
        _lines = new TextLines(reader);
    }

    /// <summary>A parser of objects given one at a time as UTF-8 (<see cref="Read(ReadOnlySpan{byte}, int)"/>).</summary>
    public JsonLinesParser(UnknownFields unknownFields) => _refuseUnknown = unknownFields == UnknownFields.Refuse;

    /// <summary>Reads one object given as UTF-8, numbered <paramref name="line"/> in problems, as a line holding it would be read.</summary>
    public TicketEventRecord Read(ReadOnlySpan<byte> json, int line)
    {
        _line = line;
        if (json.Length > TicketEventReader.MaxLineLength)
        {
            return TicketEventFields.LineProblem(_line, string.Create(CultureInfo.InvariantCulture, $"the line is longer than {TicketEventReader.MaxLineLength} characters"));
        }

        if (_chars.Length < json.Length)
        {
            _chars = new char[Math.Max(json.Length, _chars.Length * 2)];
        }

        return ParseUtf8(json);
    }

    public bool TryRead(out TicketEventRecord record)
    {
        if (_lines is null)
        {
            record = default;
            return false;
        }

        while (_lines.TryRead(out var text, out var tooLong))
        {
            _line++;
            if (tooLong)
            {
                record = TicketEventFields.LineProblem(_line, string.Create(CultureInfo.InvariantCulture, $"the line is longer than {TicketEventReader.MaxLineLength} characters"));
                return true;
            }

            if (text.IsWhiteSpace())
            {
                continue;
            }

            record = Parse(text);
            return true;
        }

        record = default;
        return false;
    }

    public void Dispose() => _lines?.Dispose();

    private TicketEventRecord Parse(ReadOnlySpan<char> text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_bytes.Length < most)
        {
            _bytes = new byte[Math.Max(most, _bytes.Length * 2)];
        }

        if (_chars.Length < text.Length)
        {
            _chars = new char[Math.Max(text.Length, _chars.Length * 2)];
        }

        return ParseUtf8(_bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, _bytes)));
    }

    /// <summary>Reads the event in <paramref name="json"/>; <see cref="_chars"/> holds at least as many characters as it has bytes.</summary>
    private TicketEventRecord ParseUtf8(ReadOnlySpan<byte> json)
    {
        _fields.Clear();
        try
        {
            if (ReadObject(json) is { } early)
            {
                return early;
            }

            // Refused before the event is built: an unread field is often why a required one is missing ("priorty").
            if (_refuseUnknown && (_unknown is not null || _fields.Unused(_seen) is not null))
            {
                return _unknown is { } name
                    ? TicketEventRecord.Of(new TicketEventProblem(_line, name, $"{TicketEventFields.Quote(name)} is not a field of ticket events ({string.Join(", ", TicketEventFields.Names)})"))
                    : _fields.UnusedProblem(_line, _fields.Unused(_seen)!.Value);
            }

            return _fields.Build(_line);
        }
        catch (JsonException e)
        {
            var column = Encoding.UTF8.GetCharCount(json[..(int)Math.Min(e.BytePositionInLine ?? 0, json.Length)]) + 1;
            return TicketEventFields.LineProblem(_line, string.Create(CultureInfo.InvariantCulture, $"not valid JSON at column {column}: {Reason(e)}"));
        }
    }

    /// <summary>Reads the line's object into <see cref="_fields"/>; a record when the line is not an object at all.</summary>
    private TicketEventRecord? ReadObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return TicketEventFields.LineProblem(_line, $"not a JSON object ({Shape})");
        }

        var seen = 0;
        _seen = 0;
        _unknown = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var known = TryField(ref reader, out var field);
            if (!known && _refuseUnknown && _unknown is null)
            {
                _unknown = UnknownName(ref reader);
            }

            reader.Read();
            if (!known)
            {
                reader.Skip();
                continue;
            }

            var bit = 1 << (int)field;
            if ((seen & bit) != 0)
            {
                _fields.SetRepeated(field);
                reader.Skip();
                continue;
            }

            seen |= bit;
            _seen = seen;
            switch (reader.TokenType)
            {
                case JsonTokenType.String when TryCopyString(ref reader, _chars, out var length):
                    _fields.SetText(field, _chars.AsSpan(0, length));
                    break;
                case JsonTokenType.String:
                    _fields.SetBroken(field);
                    break;
                case JsonTokenType.Number:
                    _fields.SetNumber(field, Ascii(reader.ValueSpan, _chars));
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    _fields.SetBoolean(field, reader.TokenType == JsonTokenType.True);
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    _fields.SetWrong(field, reader.TokenType == JsonTokenType.StartObject ? "an object" : "a list");
                    reader.Skip();
                    break;
            }
        }

        // Anything after the object is an error the reader reports (a JSON text is one value).
        reader.Read();
        return null;
    }

    /// <summary>The current property's name, unescaped (a name that is not text is shown as its raw bytes).</summary>
    private static string UnknownName(ref Utf8JsonReader reader)
    {
        try
        {
            return TicketEventFields.Shorten(reader.GetString());
        }
        catch (InvalidOperationException)
        {
            return TicketEventFields.Shorten(Encoding.UTF8.GetString(reader.ValueSpan));
        }
    }

    private static bool TryField(ref Utf8JsonReader reader, out EventField field)
    {
        const int longest = 8;
        field = default;
        if (!reader.ValueIsEscaped)
        {
            return TicketEventFields.TryField(reader.ValueSpan, out field);
        }

        // An escape such as \u0061 takes at most 6 bytes for one character.
        Span<char> unescaped = stackalloc char[6 * longest];
        return reader.ValueSpan.Length <= unescaped.Length
            && TryCopyString(ref reader, unescaped, out var length)
            && TicketEventFields.TryField(unescaped[..length], out field);
    }

    /// <summary>Unescapes the current string; false when it escapes half a surrogate pair (<c>\ud83d</c> alone), which is not text.</summary>
    private static bool TryCopyString(ref Utf8JsonReader reader, scoped Span<char> destination, out int length)
    {
        try
        {
            length = reader.CopyString(destination);
            return true;
        }
        catch (InvalidOperationException)
        {
            length = 0;
            return false;
        }
    }

    private static ReadOnlySpan<char> Ascii(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        var length = Math.Min(bytes.Length, destination.Length);
        for (var i = 0; i < length; i++)
        {
            destination[i] = (char)bytes[i];
        }

        return destination[..length];
    }

    /// <summary>The reader's reason, without its position (the problem gives the column).</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        // The reader quotes what it choked on, however long: keep the message short.
        return TicketEventFields.Shorten(message.AsSpan().TrimEnd(". "), 120);
    }
}
