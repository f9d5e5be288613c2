using System.Buffers;

namespace Pledge.Tickets;

/// <summary>
/// Splits a <see cref="TextReader"/> into lines without allocating a string per line: a pooled buffer refilled in
/// blocks, so memory is bounded by the longest line (at most <see cref="TicketEventReader.MaxLineLength"/>).
/// </summary>
/// <remarks>Lines end at LF, CRLF or a lone CR, as <see cref="TextReader.ReadLine"/> has it; a byte-order mark
/// at the very start is dropped.</remarks>
internal sealed class TextLines : IDisposable
{
    private const int BlockSize = 16 * 1024;

    private readonly TextReader _reader;
    private char[] _buffer = ArrayPool<char>.Shared.Rent(BlockSize);
    private int _start;
    private int _end;
    private bool _eof;
    private bool _skipLineFeed;
    private bool _started;

    public TextLines(TextReader reader) => _reader = reader;

    /// <summary>
    /// The next line (without its end), valid until the next call; <paramref name="tooLong"/> when the line is
    /// longer than <see cref="TicketEventReader.MaxLineLength"/> characters (it is skipped and <paramref name="line"/> is empty).
    /// </summary>
    public bool TryRead(out ReadOnlySpan<char> line, out bool tooLong)
    {
        tooLong = false;
        var scanned = 0;
        while (true)
        {
            if (_skipLineFeed && _start < _end)
            {
                _skipLineFeed = false;
                if (_buffer[_start] == '\n')
                {
                    _start++;
                }
            }

            if (!_skipLineFeed || _eof)
            {
                _skipLineFeed = false;
                var from = _start + scanned;
                var found = _buffer.AsSpan(from, _end - from).IndexOfAny('\r', '\n');
                if (found >= 0)
                {
                    var stop = from + found;
                    tooLong |= stop - _start > TicketEventReader.MaxLineLength;
                    line = tooLong ? default : _buffer.AsSpan(_start, stop - _start);
                    _skipLineFeed = _buffer[stop] == '\r';
                    _start = stop + 1;
                    return true;
                }

                scanned = _end - _start;
                if (_eof)
                {
                    tooLong |= _end - _start > TicketEventReader.MaxLineLength;
                    if (_start < _end || tooLong)
                    {
                        line = tooLong ? default : _buffer.AsSpan(_start, _end - _start);
                        _start = _end;
                        return true;
                    }

                    line = default;
                    return false;
                }
            }

            if (_end - _start > TicketEventReader.MaxLineLength)
            {
                // No end in sight: drop what there is and look for the end of this line.
                tooLong = true;
                _start = _end;
                scanned = 0;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<char>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return;
        }

        if (!_started)
        {
            _started = true;
            if (_buffer[_end] == '\uFEFF')
            {
                _start++;
            }
        }

        _end += read;
    }
}
