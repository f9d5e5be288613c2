using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pledge.Tickets;

namespace Pledge.Tests.Tickets;

/// <summary>Reading streams: a record comes out as soon as its line is read, however much input follows.</summary>
public sealed class StreamingTests
{
    private const int Limit = 10_000;

    [Fact]
    public void Nothing_is_read_before_the_records_are_asked_for()
    {
        using var reader = new EndlessReader(JsonLine, Limit);

        _ = TicketEventReader.ReadJsonLines(reader);
        _ = TicketEventReader.ReadCsv(reader);

        Assert.Equal(0, reader.LinesHandedOut);
    }

    [Fact]
    public void The_first_json_event_of_an_endless_input_is_read_without_reading_it_all()
    {
        using var reader = new EndlessReader(JsonLine, Limit);

        var first = TicketEventReader.ReadJsonLines(reader).First();

        Assert.Equal(new TicketResolved("e0", "T-0", EventText.At("2026-03-02T10:00Z")), first.Event);
        Assert.InRange(reader.LinesHandedOut, 1, 1_000);
    }

    [Fact]
    public void The_first_csv_event_of_an_endless_input_is_read_without_reading_it_all()
    {
        using var reader = new EndlessReader(CsvLine, Limit);

        var first = TicketEventReader.ReadCsv(reader).First();

        Assert.Equal(new TicketResolved("e0", "T-0", EventText.At("2026-03-02T10:00Z")), first.Event);
        Assert.Equal(2, first.Line);
        Assert.InRange(reader.LinesHandedOut, 2, 1_000);
    }

    [Fact]
    public void Reading_on_stays_a_small_block_ahead_of_the_records_taken()
    {
        using var json = new EndlessReader(JsonLine, Limit);
        using var csv = new EndlessReader(CsvLine, Limit);

        var fromJson = TicketEventReader.ReadJsonLines(json).Take(5_000).ToList();
        var fromCsv = TicketEventReader.ReadCsv(csv).Take(5_000).ToList();

        Assert.Equal(fromJson.Select(r => r.Event), fromCsv.Select(r => r.Event));
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => (i % 100 == 99) ? null : $"e{i}"), fromJson.Select(r => r.Event?.Id));
        Assert.InRange(json.LinesHandedOut, 5_000, 6_000);
        Assert.InRange(csv.LinesHandedOut, 5_001, 6_001);
    }

    [Fact]
    public void A_reader_that_is_read_too_far_fails_the_test()
    {
        using var reader = new EndlessReader(JsonLine, 10);

        Assert.Throws<InvalidOperationException>(() => TicketEventReader.ReadJsonLines(reader).Take(11).ToList());
    }

    [Property(MaxTest = 200)]
    public Property Input_arriving_a_few_characters_at_a_time_gives_the_same_records() =>
        Prop.ForAll(Arb.From(EventGen.Cases), Arb.From(Gen.Choose(1, 7)), (c, chunk) =>
        {
            var json = "\uFEFF" + c.Json.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n{\"id\":\r\n";
            var csv = "\uFEFF" + c.Csv + "e,\"T\"x,closed,2026-03-02T10:00Z\r\n,\"\r\n";

            Assert.Equal(EventText.Json(json), TicketEventReader.ReadJsonLines(new TrickleReader(json, chunk)).ToList());
            Assert.Equal(EventText.Csv(csv), TicketEventReader.ReadCsv(new TrickleReader(csv, chunk)).ToList());
        });

    // Every hundredth line is bad, to show problems stream too.
    private static string JsonLine(long i) => i % 100 == 99
        ? $$"""{"id":"e{{i}}","ticket":"T-{{i / 8}}","type":"resolved","at":"yesterday"}"""
        : $$"""{"id":"e{{i}}","ticket":"T-{{i / 8}}","type":"resolved","at":"2026-03-02T10:00Z","note":"line {{i}} of an endless file"}""";

    private static string CsvLine(long i) => i == 0
        ? "id,ticket,type,at,note"
        : (i - 1) % 100 == 99
            ? $"e{i - 1},T-{(i - 1) / 8},resolved,yesterday,"
            : $"e{i - 1},T-{(i - 1) / 8},resolved,2026-03-02T10:00Z,\"line {i}, of an endless file\"";

    /// <summary>Hands out a text at most <c>chunk</c> characters per read, so line ends fall across reads.</summary>
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Peek() => _position < text.Length ? text[_position] : -1;

        public override int Read() => _position < text.Length ? text[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), text.Length - _position);
            text.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }

    /// <summary>A text reader of endless lines, made as they are read; it throws when asked for more than <c>limit</c> lines.</summary>
    private sealed class EndlessReader(Func<long, string> line, long limit) : TextReader
    {
        private string _current = string.Empty;
        private int _offset;

        public long LinesHandedOut { get; private set; }

        public override int Peek() => Fill() ? _current[_offset] : -1;

        public override int Read() => Fill() ? _current[_offset++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var written = 0;
            while (written < buffer.Length && Fill())
            {
                var n = Math.Min(buffer.Length - written, _current.Length - _offset);
                _current.AsSpan(_offset, n).CopyTo(buffer[written..]);
                _offset += n;
                written += n;
            }

            return written;
        }

        private bool Fill()
        {
            if (_offset < _current.Length)
            {
                return true;
            }

            if (LinesHandedOut >= limit)
            {
                throw new InvalidOperationException($"read past line {limit}: the input was not streamed");
            }

            _current = line(LinesHandedOut++) + "\n";
            _offset = 0;
            return true;
        }
    }
}
