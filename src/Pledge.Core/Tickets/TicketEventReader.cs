namespace Pledge.Tickets;

/// <summary>
/// Reads ticket event files, JSON lines or CSV (the schema is in <c>docs/events.md</c>), one event at a time.
/// </summary>
/// <remarks>
/// <para>Reading streams: each record is yielded as soon as its line is read, and memory stays bounded by the
/// longest line (at most <see cref="MaxLineLength"/> characters), whatever the size of the input. The caller opens
/// and disposes the <see cref="TextReader"/>; enumerating again reads on from where the reader is.</para>
/// <para>Bad input never throws: every line that is not a valid event yields a <see cref="TicketEventProblem"/>
/// with its 1-based line number, the field at fault and a message quoting the value, and reading carries on with
/// the next line. Blank lines are skipped. Only failures of the reader itself (I/O errors) propagate.</para>
/// <para>Reading does not deduplicate or sort: an id seen twice is yielded twice. <see cref="TicketHistory"/>
/// keeps the first of each id and puts events in time order.</para>
/// </remarks>
public static class TicketEventReader
{
    /// <summary>The longest line (or CSV record) read; a longer one is skipped with a problem.</summary>
    public const int MaxLineLength = 1 << 20;

    /// <summary>Reads JSON lines: one JSON object per line, one event per object.</summary>
    public static IEnumerable<TicketEventRecord> ReadJsonLines(TextReader reader) => ReadJsonLines(reader, UnknownFields.Ignore);

    /// <summary>Reads JSON lines; with <see cref="UnknownFields.Refuse"/>, a field the event's type does not read
    /// (unknown, or known but unused by that type) makes the line a problem naming that field.</summary>
    public static IEnumerable<TicketEventRecord> ReadJsonLines(TextReader reader, UnknownFields unknownFields)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadJsonLinesLazily(reader, unknownFields);
    }

    /// <summary>
    /// Reads events given each as one JSON object in UTF-8 (the elements of a batch received over HTTP, say), by
    /// the rules of <see cref="ReadJsonLines(TextReader, UnknownFields)"/>; problems number them from 1 in the order
    /// given. Saves decoding to text and encoding back when the events arrived as UTF-8.
    /// </summary>
    /// <remarks>Each object is read when it is enumerated; the memory it is in must stay unchanged until then.</remarks>
    public static IEnumerable<TicketEventRecord> ReadJsonObjects(IEnumerable<ReadOnlyMemory<byte>> objects, UnknownFields unknownFields)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return ReadJsonObjectsLazily(objects, unknownFields);
    }

    /// <summary>Reads CSV (RFC 4180): a header row naming the columns, then one event per record.</summary>
    /// <remarks>When the header lacks a required column (<c>id</c>, <c>ticket</c>, <c>type</c>, <c>at</c>) or is
    /// not valid CSV, that is the only problem yielded and nothing else is read.</remarks>
    public static IEnumerable<TicketEventRecord> ReadCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadCsvLazily(reader);
    }

    private static IEnumerable<TicketEventRecord> ReadJsonLinesLazily(TextReader reader, UnknownFields unknownFields)
    {
        using var parser = new JsonLinesParser(reader, unknownFields);
        while (parser.TryRead(out var record))
        {
            yield return record;
        }
    }

    private static IEnumerable<TicketEventRecord> ReadJsonObjectsLazily(IEnumerable<ReadOnlyMemory<byte>> objects, UnknownFields unknownFields)
    {
        using var parser = new JsonLinesParser(unknownFields);
        var line = 0;
        foreach (var json in objects)
        {
            yield return parser.Read(json.Span, ++line);
        }
    }

    private static IEnumerable<TicketEventRecord> ReadCsvLazily(TextReader reader)
    {
        using var parser = new CsvParser(reader);
        while (parser.TryRead(out var record))
        {
            yield return record;
        }
    }
}
