using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using Pledge.Calendars;
using Pledge.Text;

namespace Pledge.Cli.Calendars;

/// <summary>
/// Answers <c>pledge calendar batch</c> JSON lines: <c>{"op":"due","start":…,"minutes":…}</c> gives
/// <c>{"due":…}</c>, <c>{"op":"elapsed","from":…,"to":…}</c> gives <c>{"minutes":…}</c>, and a line
/// that cannot be answered gives <c>{"error":"line N: …"}</c>; the run goes on. One output line per
/// non-blank input line, in order.
/// </summary>
/// <remarks>
/// Streams in fixed buffers, so memory stays constant whatever the input size; a line longer than
/// <see cref="MaxLineLength"/> is answered with an error and skipped. The hot path parses, computes and
/// formats on spans without allocating.
/// </remarks>
internal sealed class BatchProcessor(BusinessCalendar calendar)
{
    public const int MaxLineLength = 64 * 1024;
    private const int BufferSize = 1 << 20;
    private const int MaxOutputLine = 1024;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly DateTimeZone _zone = calendar.Zone;
    private readonly byte[] _output = new byte[BufferSize];
    private int _outputLength;
    private Stream _sink = Stream.Null;

    // The zone's offset period of the last instant written: consecutive results mostly share it.
    private long _offsetStart = long.MaxValue;
    private long _offsetEnd = long.MinValue;
    private long _offset;

    /// <summary>Reads every line of <paramref name="input"/> and writes the answers to <paramref name="output"/>; returns the lines answered.</summary>
    public long Run(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        _sink = output;
        var buffer = new byte[BufferSize];
        int start = 0, end = 0;
        long lineNumber = 0, answered = 0;
        var discarding = false;
        var bomChecked = false;
        while (true)
        {
            var read = input.Read(buffer, end, buffer.Length - end);
            var atEnd = read == 0;
            end += read;
            if (!bomChecked && (end >= 3 || atEnd))
            {
                bomChecked = true;
                if (end >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                {
                    // Editors on Windows start UTF-8 files with a byte order mark; it is not part of line 1.
                    start = 3;
                }
            }

            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                lineNumber++;
                if (discarding)
                {
                    discarding = false;
                }
                else if (newline > MaxLineLength)
                {
                    // The same limit wherever the line sits in the read buffer.
                    WriteLongLineError(lineNumber);
                    answered++;
                }
                else if (Answer(buffer.AsSpan(start, newline), lineNumber))
                {
                    answered++;
                }

                start += newline + 1;
                if ((lineNumber & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            if (atEnd)
            {
                if (end - start > MaxLineLength && !discarding)
                {
                    WriteLongLineError(lineNumber + 1);
                    answered++;
                }
                else if (end > start && !discarding && Answer(buffer.AsSpan(start, end - start), lineNumber + 1))
                {
                    answered++;
                }

                break;
            }

            // Keep the partial line; if it is already too long, answer it now and drop the rest of it.
            if (end - start > MaxLineLength)
            {
                if (!discarding)
                {
                    WriteLongLineError(lineNumber + 1);
                    answered++;
                    discarding = true;
                }

                start = end;
            }

            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        Flush();
        _sink.Flush();
        return answered;
    }

    private void WriteLongLineError(long lineNumber) =>
        WriteError(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: longer than {MaxLineLength} bytes"));

    /// <summary>Answers one line; false when it is blank and needs no answer.</summary>
    private bool Answer(ReadOnlySpan<byte> line, long lineNumber)
    {
        line = line.TrimEnd("\r\n\t "u8).TrimStart("\t "u8);
        if (line.IsEmpty)
        {
            return false;
        }

        if (_outputLength > BufferSize - MaxOutputLine)
        {
            Flush();
        }

        try
        {
            if (!TryAnswerCanonical(line))
            {
                AnswerRequest(line, lineNumber);
            }
        }
        catch (JsonException e)
        {
            WriteError(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: not valid JSON: {FirstSentence(e.Message)}"));
        }
        catch (ArgumentOutOfRangeException e)
        {
            WriteError(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: {DueCommand.FirstLine(e.Message)}"));
        }

        return true;
    }

    /// <summary>
    /// The fast path for lines written exactly as the contract shows them, compact and in that field order
    /// (what generators write): <c>{"op":"due","start":"…","minutes":N}</c> and
    /// <c>{"op":"elapsed","from":"…","to":"…"}</c>. Anything else, including every malformed line, goes to
    /// the full JSON reader, so both paths give the same answers.
    /// </summary>
    private bool TryAnswerCanonical(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("{\"op\":\"due\",\"start\":\""u8))
        {
            var rest = line[21..];
            var quote = rest.IndexOf((byte)'"');
            if (quote < 0 || !IsoInstant.TryParse(rest[..quote], out var start))
            {
                return false;
            }

            rest = rest[(quote + 1)..];
            if (!rest.StartsWith(",\"minutes\":"u8) || rest[^1] != '}')
            {
                return false;
            }

            var number = rest[11..^1];
            if (!IsJsonNumber(number)
                || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !BusinessMinutes.TryToTicks(value, out var minutes))
            {
                return false;
            }

            WriteDue(calendar.DueUnixTicks(start, minutes));
            return true;
        }

        if (line.StartsWith("{\"op\":\"elapsed\",\"from\":\""u8))
        {
            var rest = line[24..];
            var quote = rest.IndexOf((byte)'"');
            if (quote < 0 || !IsoInstant.TryParse(rest[..quote], out var from))
            {
                return false;
            }

            rest = rest[(quote + 1)..];
            if (!rest.StartsWith(",\"to\":\""u8) || !rest.EndsWith("\"}"u8))
            {
                return false;
            }

            if (!IsoInstant.TryParse(rest[7..^2], out var to))
            {
                return false;
            }

            WriteMinutes(calendar.ElapsedTicks(from, to));
            return true;
        }

        return false;
    }

    /// <summary>JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static bool IsJsonNumber(ReadOnlySpan<byte> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit((char)text[i]))
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < text.Length && char.IsAsciiDigit((char)text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            var digits = i;
            while (i < text.Length && char.IsAsciiDigit((char)text[i]))
            {
                i++;
            }

            if (i == digits)
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            var digits = i;
            while (i < text.Length && char.IsAsciiDigit((char)text[i]))
            {
                i++;
            }

            if (i == digits)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private void AnswerRequest(ReadOnlySpan<byte> line, long lineNumber)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            WriteError(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: expected a JSON object such as {{\"op\":\"due\",\"start\":\"2026-03-02T09:00:00+01:00\",\"minutes\":240}}"));
            return;
        }

        var op = Operation.None;
        long start = 0, from = 0, to = 0, minutes = 0;
        bool hasStart = false, hasFrom = false, hasTo = false, hasMinutes = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("op"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("due"u8))
                {
                    op = Operation.Due;
                }
                else if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("elapsed"u8))
                {
                    op = Operation.Elapsed;
                }
                else
                {
                    WriteError($"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: \"op\": {Quote(ref reader)} is not \"due\" or \"elapsed\"");
                    return;
                }
            }
            else if (reader.ValueTextEquals("start"u8))
            {
                reader.Read();
                if (!ReadInstant(ref reader, "start", lineNumber, out start))
                {
                    return;
                }

                hasStart = true;
            }
            else if (reader.ValueTextEquals("from"u8))
            {
                reader.Read();
                if (!ReadInstant(ref reader, "from", lineNumber, out from))
                {
                    return;
                }

                hasFrom = true;
            }
            else if (reader.ValueTextEquals("to"u8))
            {
                reader.Read();
                if (!ReadInstant(ref reader, "to", lineNumber, out to))
                {
                    return;
                }

                hasTo = true;
            }
            else if (reader.ValueTextEquals("minutes"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !BusinessMinutes.TryToTicks(value, out minutes))
                {
                    WriteError($"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: \"minutes\": {Quote(ref reader)} is not a number of minutes (such as 240, 0.5 or -60)");
                    return;
                }

                hasMinutes = true;
            }
            else
            {
                // Other fields (an id of the caller's, say) are allowed and ignored.
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("expected the end of the object");
        }

        if (reader.Read())
        {
            throw new JsonException("more than one JSON value on the line");
        }

        switch (op)
        {
            case Operation.Due when hasStart && hasMinutes:
                WriteDue(calendar.DueUnixTicks(start, minutes));
                break;
            case Operation.Due:
                WriteError($"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: \"{(hasStart ? "minutes" : "start")}\" is missing");
                break;
            case Operation.Elapsed when hasFrom && hasTo:
                WriteMinutes(calendar.ElapsedTicks(from, to));
                break;
            case Operation.Elapsed:
                WriteError($"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: \"{(hasFrom ? "to" : "from")}\" is missing");
                break;
            default:
                WriteError($"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: \"op\" is missing (\"due\" or \"elapsed\")");
                break;
        }
    }

    private bool ReadInstant(ref Utf8JsonReader reader, string field, long lineNumber, out long ticks)
    {
        ticks = 0;
        if (reader.TokenType == JsonTokenType.String)
        {
            if (!reader.ValueIsEscaped && IsoInstant.TryParse(reader.ValueSpan, out ticks))
            {
                return true;
            }

            if (reader.ValueIsEscaped && IsoInstant.TryParse(reader.GetString().AsSpan(), out ticks))
            {
                return true;
            }
        }

        WriteError($"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: \"{field}\": {Quote(ref reader)} is not an instant ({Arguments.InstantHint})");
        return false;
    }

    private static string Quote(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            return reader.TokenType == JsonTokenType.StartObject ? "an object" : "a list";
        }

        var raw = reader.HasValueSequence ? "…" : Encoding.UTF8.GetString(reader.ValueSpan);
        if (raw.Length > 64)
        {
            raw = string.Concat(raw.AsSpan(0, 64), "…");
        }

        return reader.TokenType == JsonTokenType.String ? $"\"{raw}\"" : raw;
    }

    private void WriteDue(long ticks)
    {
        if (ticks < _offsetStart || ticks >= _offsetEnd)
        {
            var interval = _zone.GetZoneInterval(Instant.FromUnixTimeTicks(ticks));
            _offsetStart = interval.HasStart ? interval.Start.ToUnixTimeTicks() : long.MinValue;
            _offsetEnd = interval.HasEnd ? interval.End.ToUnixTimeTicks() : long.MaxValue;
            _offset = interval.WallOffset.Ticks;
        }

        var span = _output.AsSpan(_outputLength);
        "{\"due\":\""u8.CopyTo(span);
        var length = 8;
        length += IsoInstant.Format(ticks, _offset, span[length..]);
        "\"}\n"u8.CopyTo(span[length..]);
        _outputLength += length + 3;
    }

    private void WriteMinutes(long ticks)
    {
        var span = _output.AsSpan(_outputLength);
        "{\"minutes\":"u8.CopyTo(span);
        var length = 11;
        BusinessMinutes.TryFormat(ticks, span[length..], out var written);
        length += written;
        "}\n"u8.CopyTo(span[length..]);
        _outputLength += length + 2;
    }

    private void WriteError(string message)
    {
        var encoded = JsonEncodedText.Encode(message, Encoder).EncodedUtf8Bytes;
        if (_outputLength + encoded.Length + 16 > _output.Length)
        {
            Flush();
        }

        var span = _output.AsSpan(_outputLength);
        "{\"error\":\""u8.CopyTo(span);
        encoded.CopyTo(span[10..]);
        "\"}\n"u8.CopyTo(span[(10 + encoded.Length)..]);
        _outputLength += 10 + encoded.Length + 3;
    }

    private void Flush()
    {
        _sink.Write(_output, 0, _outputLength);
        _outputLength = 0;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }

    private enum Operation
    {
        None,
        Due,
        Elapsed,
    }
}
