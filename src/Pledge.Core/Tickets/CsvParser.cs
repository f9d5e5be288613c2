using System.Buffers;
using System.Globalization;

namespace Pledge.Tickets;

/// <summary>
/// Reads RFC 4180 CSV event files: a header row naming the columns, then one event per record. Quoted cells may
/// hold commas, doubled quotes and line breaks; records end at LF, CRLF or a lone CR.
/// </summary>
/// <remarks>Memory is bounded by the longest record (at most <see cref="TicketEventReader.MaxLineLength"/>
/// characters are kept): the input is read in blocks and cells are kept in one reused buffer.</remarks>
internal sealed class CsvParser : IDisposable
{
    private const int BlockSize = 16 * 1024;
    private const int MaxHeaderCells = 1024;
    private const string Required = "id, ticket, type, at are required";

    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n");

    private readonly TextReader _reader;
    private readonly TicketEventFields _fields = new();
    private char[] _block = ArrayPool<char>.Shared.Rent(BlockSize);
    private int _position;
    private int _end;
    private bool _eof;
    private bool _started;
    private bool _skipLineFeed;
    private int _line = 1;

    // The record being read: its cells' text, one after another, and where each starts.
    private char[] _text = ArrayPool<char>.Shared.Rent(BlockSize);
    private int _textLength;
    private int[] _cellStarts = new int[64];
    private int _cells;
    private int _keptCells;
    private bool _tooLong;
    private bool _firstCellQuoted;
    private Fault _fault;
    private int _faultCell;

    // The header: the field of each column, or -1 for columns Pledge does not use.
    private int[]? _columns;
    private string[] _columnNames = [];
    private bool _done;

    public CsvParser(TextReader reader) => _reader = reader;

    private enum Fault
    {
        None,
        QuoteInUnquotedCell,
        TextAfterClosingQuote,
        UnclosedQuote,
    }

    private enum State
    {
        CellStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        AfterQuote,
    }

    public bool TryRead(out TicketEventRecord record)
    {
        while (!_done && TryReadRecord(out var line))
        {
            if (IsBlank())
            {
                continue;
            }

            if (_columns is null)
            {
                if (ReadHeader(line) is { } problem)
                {
                    _done = true;
                    record = TicketEventRecord.Of(problem);
                    return true;
                }

                continue;
            }

            record = ReadEvent(line);
            return true;
        }

        record = default;
        return false;
    }

    public void Dispose()
    {
        Return(ref _block);
        Return(ref _text);
    }

    private static void Return(ref char[] buffer)
    {
        var rented = buffer;
        buffer = [];
        if (rented.Length > 0)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private TicketEventProblem? ReadHeader(int line)
    {
        if (RecordProblem(line, header: true) is { } problem)
        {
            return problem;
        }

        var columns = new int[_cells];
        var names = new string[_cells];
        var seen = new bool[TicketEventFields.Count];
        for (var cell = 0; cell < _cells; cell++)
        {
            columns[cell] = -1;
            names[cell] = cell < _keptCells ? new string(Cell(cell).Trim()) : string.Empty;
            if (!TicketEventFields.TryField(names[cell], out var field))
            {
                continue;
            }

            if (seen[(int)field])
            {
                return new TicketEventProblem(line, names[cell], $"the header names \"{names[cell]}\" twice");
            }

            seen[(int)field] = true;
            columns[cell] = (int)field;
        }

        var missing = new List<string>();
        foreach (var field in (ReadOnlySpan<EventField>)[EventField.Id, EventField.Ticket, EventField.Type, EventField.At])
        {
            if (!seen[(int)field])
            {
                missing.Add(TicketEventFields.Names[(int)field]);
            }
        }

        if (missing.Count > 0)
        {
            var quoted = string.Join(" or ", missing.Select(name => $"\"{name}\""));
            return new TicketEventProblem(line, string.Join(", ", missing), $"the header has no {quoted} column ({Required})");
        }

        _columns = columns;
        _columnNames = names;
        return null;
    }

    private TicketEventRecord ReadEvent(int line)
    {
        if (RecordProblem(line, header: false) is { } problem)
        {
            return TicketEventRecord.Of(problem);
        }

        var columns = _columns!;
        if (_cells != columns.Length)
        {
            return TicketEventFields.LineProblem(line, string.Create(CultureInfo.InvariantCulture, $"the row has {_cells} cells where the header has {columns.Length} columns"));
        }

        _fields.Clear();
        for (var cell = 0; cell < columns.Length; cell++)
        {
            if (columns[cell] >= 0)
            {
                _fields.SetText((EventField)columns[cell], Cell(cell));
            }
        }

        return _fields.Build(line);
    }

    /// <summary>A problem with the record as CSV (quoting, length), before its cells are read as fields.</summary>
    private TicketEventProblem? RecordProblem(int line, bool header)
    {
        if (_fault != Fault.None)
        {
            var column = !header && _faultCell < _columnNames.Length ? _columnNames[_faultCell] : string.Empty;
            var where = column.Length > 0
                ? $"\"{column}\""
                : string.Create(CultureInfo.InvariantCulture, $"{(header ? "header " : string.Empty)}cell {_faultCell + 1}");
            var message = _fault switch
            {
                Fault.QuoteInUnquotedCell => $"{where}: a quote inside an unquoted cell (quote the whole cell and double each quote inside it)",
                Fault.TextAfterClosingQuote => $"{where}: text after the closing quote (a quote inside a quoted cell is written twice: \"\")",
                _ => $"{where}: the quoted cell is never closed (a closing quote is missing)",
            };
            return new TicketEventProblem(line, column, message);
        }

        return _tooLong
            ? new TicketEventProblem(line, string.Empty, string.Create(CultureInfo.InvariantCulture, $"the record is longer than {TicketEventReader.MaxLineLength} characters"))
            : null;
    }

    private bool IsBlank() => _cells == 1 && !_firstCellQuoted && _fault == Fault.None && !_tooLong && Cell(0).IsWhiteSpace();

    private ReadOnlySpan<char> Cell(int cell)
    {
        var start = _cellStarts[cell];
        var end = cell + 1 < _keptCells ? _cellStarts[cell + 1] : _textLength;
        return _text.AsSpan(start, end - start);
    }

    /// <summary>Reads the next record into the cell buffer; false at the end of the input.</summary>
    private bool TryReadRecord(out int line)
    {
        line = _line;
        _textLength = 0;
        _cells = 0;
        _keptCells = 0;
        _tooLong = false;
        _firstCellQuoted = false;
        _fault = Fault.None;
        var keep = _columns?.Length ?? MaxHeaderCells;
        var state = State.CellStart;
        var any = false;
        var carriageReturn = false;
        BeginCell(keep);
        while (true)
        {
            if (_position == _end)
            {
                if (!_eof)
                {
                    Fill();
                    continue;
                }

                if (!any)
                {
                    return false;
                }

                if (state == State.Quoted)
                {
                    SetFault(Fault.UnclosedQuote, overriding: true);
                }

                return true;
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_block[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            any = true;
            var c = _block[_position];
            switch (state)
            {
                case State.CellStart when c == '"':
                    _position++;
                    _firstCellQuoted |= _cells == 1;
                    state = State.Quoted;
                    break;
                case State.CellStart when c is ' ' or '\t':
                    // White space before an opening quote is allowed (it would be trimmed anyway).
                    _position++;
                    break;
                case State.CellStart:
                    state = State.Unquoted;
                    break;
                case State.Unquoted:
                {
                    var run = _block.AsSpan(_position, _end - _position);
                    var stop = run.IndexOfAny(UnquotedStops);
                    if (stop != 0)
                    {
                        Append(stop < 0 ? run : run[..stop]);
                        _position += stop < 0 ? run.Length : stop;
                        break;
                    }

                    _position++;
                    switch (c)
                    {
                        case ',':
                            BeginCell(keep);
                            state = State.CellStart;
                            break;
                        case '"':
                            SetFault(Fault.QuoteInUnquotedCell, overriding: false);
                            Append("\"");
                            break;
                        default:
                            // The end of the record; a CR may be followed by the LF of a CRLF.
                            _line++;
                            _skipLineFeed = c == '\r';
                            return true;
                    }

                    break;
                }

                case State.Quoted:
                {
                    var run = _block.AsSpan(_position, _end - _position);
                    var stop = run.IndexOfAny(QuotedStops);
                    if (stop != 0)
                    {
                        Append(stop < 0 ? run : run[..stop]);
                        _position += stop < 0 ? run.Length : stop;
                        carriageReturn = false;
                        break;
                    }

                    _position++;
                    if (c == '"')
                    {
                        state = State.QuoteInQuoted;
                        break;
                    }

                    // A line break inside the cell is part of its text; count it once, CRLF or not.
                    if (c == '\r' || !carriageReturn)
                    {
                        _line++;
                    }

                    carriageReturn = c == '\r';
                    Append(c == '\r' ? "\r" : "\n");
                    break;
                }

                case State.QuoteInQuoted when c == '"':
                    _position++;
                    Append("\"");
                    state = State.Quoted;
                    carriageReturn = false;
                    break;
                case State.QuoteInQuoted or State.AfterQuote when c is ' ' or '\t':
                    // So is white space after the closing quote.
                    _position++;
                    state = State.AfterQuote;
                    break;
                case State.QuoteInQuoted or State.AfterQuote:
                    if (c is not (',' or '\r' or '\n'))
                    {
                        SetFault(Fault.TextAfterClosingQuote, overriding: false);
                    }

                    state = State.Unquoted;
                    break;
                default:
                    break;
            }
        }
    }

    private void BeginCell(int keep)
    {
        if (_cells < keep)
        {
            if (_cells == _cellStarts.Length)
            {
                Array.Resize(ref _cellStarts, _cellStarts.Length * 2);
            }

            _cellStarts[_cells] = _textLength;
            _keptCells = _cells + 1;
        }

        _cells++;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        // Cells past the ones kept (more than the header has) are counted, not stored.
        if (_tooLong || _cells > _keptCells)
        {
            return;
        }

        if (_textLength + text.Length > TicketEventReader.MaxLineLength)
        {
            _tooLong = true;
            return;
        }

        if (_textLength + text.Length > _text.Length)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_text.Length * 2, _textLength + text.Length));
            _text.AsSpan(0, _textLength).CopyTo(larger);
            ArrayPool<char>.Shared.Return(_text);
            _text = larger;
        }

        text.CopyTo(_text.AsSpan(_textLength));
        _textLength += text.Length;
    }

    private void SetFault(Fault fault, bool overriding)
    {
        if (_fault == Fault.None || overriding)
        {
            _fault = fault;
            _faultCell = _cells - 1;
        }
    }

    private void Fill()
    {
        _position = 0;
        _end = _reader.Read(_block, 0, _block.Length);
        if (_end == 0)
        {
            _eof = true;
            return;
        }

        if (!_started)
        {
            _started = true;
            if (_block[0] == '\uFEFF')
            {
                _position = 1;
            }
        }
    }
}
