using Pledge.Storage;

namespace Pledge.Server.Monitoring;

/// <summary>
/// Stored events' bodies read as one stream of JSON lines, so a single Core reader (with its buffers) reads them
/// all instead of one reader per event.
/// </summary>
internal sealed class StoredLines(IEnumerable<StoredEvent> events) : TextReader
{
    private readonly IEnumerator<StoredEvent> _events = events.GetEnumerator();
    private string _current = string.Empty;
    private int _position;
    private bool _done;

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length && Fill())
        {
            var take = Math.Min(buffer.Length - written, _current.Length - _position);
            _current.AsSpan(_position, take).CopyTo(buffer[written..]);
            _position += take;
            written += take;
        }

        return written;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        if (!Fill())
        {
            return -1;
        }

        return _current[_position++];
    }

    public override int Peek() => Fill() ? _current[_position] : -1;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _events.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Whether text is left; moves to the next body (each ended by a line feed) when this one is read.</summary>
    private bool Fill()
    {
        while (_position >= _current.Length)
        {
            if (_done || !_events.MoveNext())
            {
                _done = true;
                return false;
            }

            _current = _events.Current.Body + "\n";
            _position = 0;
        }

        return true;
    }
}
