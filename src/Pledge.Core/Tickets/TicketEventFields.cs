using System.Globalization;
using System.Text;
using NodaTime;
using Pledge.Text;

namespace Pledge.Tickets;

/// <summary>The fields an event file may give, in the order they are checked.</summary>
internal enum EventField
{
    Id,
    Ticket,
    Type,
    At,
    Customer,
    Service,
    Priority,
    Status,
    Team,
    Author,
    Public,
    Into,
}

/// <summary>
/// The fields of the event being read, shared by the JSON-lines and CSV readers so both accept and reject exactly
/// the same values with the same messages. Values are checked as they arrive; problems are reported in a fixed
/// order (<see cref="EventField"/>) once the line is complete, and only for fields the event's type uses.
/// </summary>
/// <remarks>One instance reads one file: it reuses its storage line after line and shares repeated short values
/// (customers, services, statuses …) instead of allocating them again.</remarks>
internal sealed class TicketEventFields
{
    /// <summary>How many fields there are.</summary>
    public const int Count = 12;

    /// <summary>The first instant accepted: 1901-01-01T00:00Z.</summary>
    public static readonly long MinTicks = Instant.FromUtc(MinYear, 1, 1, 0, 0).ToUnixTimeTicks();

    /// <summary>The end of the instants accepted: 2199-01-01T00:00Z.</summary>
    public static readonly long EndTicks = Instant.FromUtc(MaxYear + 1, 1, 1, 0, 0).ToUnixTimeTicks();

    /// <summary>Names as written in files, indexed by <see cref="EventField"/>.</summary>
    public static readonly string[] Names = ["id", "ticket", "type", "at", "customer", "service", "priority", "status", "team", "author", "public", "into"];

    /// <summary>
    /// Years accepted for <c>at</c>: one year inside each end of the business-time engine's range
    /// (<see cref="Calendars.BusinessCalendar.MinYear"/>-<see cref="Calendars.BusinessCalendar.MaxYear"/>, local years),
    /// so an event is inside that range in every time zone.
    /// </summary>
    public const int MinYear = Calendars.BusinessCalendar.MinYear + 1;

    /// <summary>The last year accepted for <c>at</c>.</summary>
    public const int MaxYear = Calendars.BusinessCalendar.MaxYear - 1;

    private const int MaxShared = 4096;
    private const int MaxSharedLength = 64;
    private const int MaxQuoted = 64;
    private const string EveryEvent = "every event needs id, ticket, type, at";

    private static readonly string EventTypes = string.Join(", ", TicketEventNames.All);

    private readonly string?[] _text = new string?[Count];
    private readonly string?[] _errors = new string?[Count];
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _sharedLookup;
    private string _lastTicket = string.Empty;
    private int _present;
    private int _failed;
    private TicketEventKind _kind;
    private long _ticks;
    private CommentAuthor _author;
    private bool _public;

    public TicketEventFields() => _sharedLookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Forgets the previous line's fields.</summary>
    public void Clear()
    {
        _present = 0;
        _failed = 0;
    }

    /// <summary>A text value (a JSON string, a CSV cell). Surrounding white space is dropped; empty is absent.</summary>
    public void SetText(EventField field, ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty || IsFailed(field))
        {
            return;
        }

        switch (field)
        {
            case EventField.Ticket:
                // Files often list a ticket's events together: they share one string for it, which also lets
                // the assembler find the ticket without a lookup (issue 3).
                if (!value.SequenceEqual(_lastTicket))
                {
                    _lastTicket = new string(value);
                }

                Accept(field, _lastTicket);
                break;
            case EventField.Id or EventField.Into:
                Accept(field, new string(value));
                break;
            case EventField.Type:
                if (TryKind(value, out _kind))
                {
                    Accept(field, null);
                }
                else
                {
                    Wrong(field, Quote(value));
                }

                break;
            case EventField.At:
                if (!IsoInstant.TryParse(value, out _ticks))
                {
                    Wrong(field, Quote(value));
                }
                else if (_ticks < MinTicks || _ticks >= EndTicks)
                {
                    Fail(field, string.Create(CultureInfo.InvariantCulture, $"\"at\": {Quote(value)} is outside the years {MinYear}-{MaxYear}"));
                }
                else
                {
                    Accept(field, null);
                }

                break;
            case EventField.Author:
                if (value.SequenceEqual("agent"))
                {
                    _author = CommentAuthor.Agent;
                    Accept(field, null);
                }
                else if (value.SequenceEqual("customer"))
                {
                    _author = CommentAuthor.Customer;
                    Accept(field, null);
                }
                else
                {
                    Wrong(field, Quote(value));
                }

                break;
            case EventField.Public:
                if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    SetBoolean(field, value.Length == 4);
                }
                else
                {
                    Wrong(field, Quote(value));
                }

                break;
            default:
                Accept(field, Share(value));
                break;
        }
    }

    /// <summary>A JSON number, as written: its text for the ticket references (<c>id</c>, <c>ticket</c>, <c>into</c>), else wrong.</summary>
    public void SetNumber(EventField field, ReadOnlySpan<char> text)
    {
        if (field is EventField.Id or EventField.Ticket or EventField.Into)
        {
            SetText(field, text);
        }
        else if (!IsFailed(field))
        {
            Wrong(field, Shorten(text));
        }
    }

    /// <summary>A JSON <c>true</c> or <c>false</c>: the value of <c>public</c>, else wrong.</summary>
    public void SetBoolean(EventField field, bool value)
    {
        if (IsFailed(field))
        {
            return;
        }

        if (field == EventField.Public)
        {
            _public = value;
            Accept(field, null);
        }
        else
        {
            Wrong(field, value ? "true" : "false");
        }
    }

    /// <summary>A value of the wrong shape, described (<c>an object</c>, <c>a list</c>).</summary>
    public void SetWrong(EventField field, string description)
    {
        if (!IsFailed(field))
        {
            Wrong(field, description);
        }
    }

    /// <summary>A JSON string that escapes half a surrogate pair: not text.</summary>
    public void SetBroken(EventField field)
    {
        if (!IsFailed(field))
        {
            Fail(field, $"\"{Names[(int)field]}\": the string escapes half a surrogate pair (such as \\ud83d without the \\ude00 that completes it)");
        }
    }

    /// <summary>The field was given twice: it is unusable, whatever either value was.</summary>
    public void SetRepeated(EventField field)
    {
        if (!IsFailed(field))
        {
            Fail(field, $"\"{Names[(int)field]}\" appears twice");
        }
    }

    /// <summary>The event the fields describe, or the first problem with them.</summary>
    public TicketEventRecord Build(int line)
    {
        var problem = Check(line, EventField.Id, EveryEvent)
            ?? Check(line, EventField.Ticket, EveryEvent)
            ?? Check(line, EventField.Type, EveryEvent)
            ?? Check(line, EventField.At, EveryEvent);
        if (problem is not null)
        {
            return TicketEventRecord.Of(problem);
        }

        var id = _text[(int)EventField.Id]!;
        var ticket = _text[(int)EventField.Ticket]!;
        var at = Instant.FromUnixTimeTicks(_ticks);
        TicketEvent? built = null;
        switch (_kind)
        {
            case TicketEventKind.Created:
                const string creation = "created needs customer, service, priority, status";
                problem = Check(line, EventField.Customer, creation)
                    ?? Check(line, EventField.Service, creation)
                    ?? Check(line, EventField.Priority, creation)
                    ?? Check(line, EventField.Status, creation);
                if (problem is null)
                {
                    built = new TicketCreated(id, ticket, at, Text(EventField.Customer), Text(EventField.Service), Text(EventField.Priority), Text(EventField.Status));
                }

                break;
            case TicketEventKind.StatusChanged:
                problem = Check(line, EventField.Status, "status_changed needs status");
                built = problem is null ? new TicketStatusChanged(id, ticket, at, Text(EventField.Status)) : null;
                break;
            case TicketEventKind.PriorityChanged:
                problem = Check(line, EventField.Priority, "priority_changed needs priority");
                built = problem is null ? new TicketPriorityChanged(id, ticket, at, Text(EventField.Priority)) : null;
                break;
            case TicketEventKind.ServiceChanged:
                problem = Check(line, EventField.Service, "service_changed needs service");
                built = problem is null ? new TicketServiceChanged(id, ticket, at, Text(EventField.Service)) : null;
                break;
            case TicketEventKind.Assigned:
                problem = Check(line, EventField.Team, "assigned needs team");
                built = problem is null ? new TicketAssigned(id, ticket, at, Text(EventField.Team)) : null;
                break;
            case TicketEventKind.Commented:
                // An agent must say whether the customer saw the comment; a customer's message is public
                // unless the file says otherwise (a value given must still be valid).
                problem = Check(line, EventField.Author, "commented needs author: agent or customer")
                    ?? (_author == CommentAuthor.Agent
                        ? Check(line, EventField.Public, "an agent's comment needs public: true for a reply the customer sees, false for an internal note")
                        : Failure(line, EventField.Public));
                built = problem is null ? new TicketCommented(id, ticket, at, _author, !IsPresent(EventField.Public) || _public) : null;
                break;
            case TicketEventKind.Resolved:
                built = new TicketResolved(id, ticket, at);
                break;
            case TicketEventKind.Reopened:
                built = new TicketReopened(id, ticket, at);
                break;
            case TicketEventKind.Closed:
                built = new TicketClosed(id, ticket, at);
                break;
            case TicketEventKind.Merged:
                problem = Check(line, EventField.Into, "merged needs into: the ticket that carries on");
                if (problem is null && string.Equals(Text(EventField.Into), ticket, StringComparison.Ordinal))
                {
                    problem = new TicketEventProblem(line, "into", $"\"into\": {Quote(ticket)} is the ticket itself (merged needs another ticket)");
                }

                built = problem is null ? new TicketMerged(id, ticket, at, Text(EventField.Into)) : null;
                break;
            default:
                break;
        }

        return built is not null ? TicketEventRecord.Of(line, built) : TicketEventRecord.Of(problem!);
    }

    /// <summary>
    /// The first field given (<paramref name="seen"/>, one bit per <see cref="EventField"/>) that the event's type
    /// does not read; null when the type is not known yet or reads every field given.
    /// </summary>
    public EventField? Unused(int seen)
    {
        if (!IsPresent(EventField.Type))
        {
            return null;
        }

        var unused = seen & ~Uses(_kind);
        return unused == 0 ? null : (EventField)System.Numerics.BitOperations.TrailingZeroCount(unused);
    }

    /// <summary>The problem of a field the event's type does not read.</summary>
    public TicketEventRecord UnusedProblem(int line, EventField field)
    {
        var type = TicketEventNames.Of(_kind);
        var used = string.Join(", ", Enumerable.Range(0, Count).Where(i => (Uses(_kind) & (1 << i)) != 0).Select(i => Names[i]));
        return TicketEventRecord.Of(new TicketEventProblem(line, Names[(int)field], $"\"{Names[(int)field]}\" is not a field of {type} events ({used})"));
    }

    /// <summary>The fields an event of <paramref name="kind"/> reads, one bit per <see cref="EventField"/>.</summary>
    private static int Uses(TicketEventKind kind)
    {
        const int every = (1 << (int)EventField.Id) | (1 << (int)EventField.Ticket) | (1 << (int)EventField.Type) | (1 << (int)EventField.At);
        return every | kind switch
        {
            TicketEventKind.Created => (1 << (int)EventField.Customer) | (1 << (int)EventField.Service) | (1 << (int)EventField.Priority) | (1 << (int)EventField.Status),
            TicketEventKind.StatusChanged => 1 << (int)EventField.Status,
            TicketEventKind.PriorityChanged => 1 << (int)EventField.Priority,
            TicketEventKind.ServiceChanged => 1 << (int)EventField.Service,
            TicketEventKind.Assigned => 1 << (int)EventField.Team,
            TicketEventKind.Commented => (1 << (int)EventField.Author) | (1 << (int)EventField.Public),
            TicketEventKind.Merged => 1 << (int)EventField.Into,
            _ => 0,
        };
    }

    /// <summary>A problem concerning the whole line rather than one field.</summary>
    public static TicketEventRecord LineProblem(int line, string message) => TicketEventRecord.Of(new TicketEventProblem(line, string.Empty, message));

    /// <summary>The field a file names <paramref name="name"/>; false for other names (which are ignored).</summary>
    public static bool TryField(ReadOnlySpan<char> name, out EventField field)
    {
        // By length first: this runs for every field of every line.
        field = name.Length switch
        {
            2 when name.SequenceEqual("id") => EventField.Id,
            2 when name.SequenceEqual("at") => EventField.At,
            4 when name.SequenceEqual("type") => EventField.Type,
            4 when name.SequenceEqual("team") => EventField.Team,
            4 when name.SequenceEqual("into") => EventField.Into,
            6 when name.SequenceEqual("ticket") => EventField.Ticket,
            6 when name.SequenceEqual("status") => EventField.Status,
            6 when name.SequenceEqual("author") => EventField.Author,
            6 when name.SequenceEqual("public") => EventField.Public,
            7 when name.SequenceEqual("service") => EventField.Service,
            8 when name.SequenceEqual("customer") => EventField.Customer,
            8 when name.SequenceEqual("priority") => EventField.Priority,
            _ => (EventField)(-1),
        };
        return field >= 0;
    }

    /// <summary><see cref="TryField(ReadOnlySpan{char}, out EventField)"/> for a UTF-8 name.</summary>
    public static bool TryField(ReadOnlySpan<byte> name, out EventField field)
    {
        field = name.Length switch
        {
            2 when name.SequenceEqual("id"u8) => EventField.Id,
            2 when name.SequenceEqual("at"u8) => EventField.At,
            4 when name.SequenceEqual("type"u8) => EventField.Type,
            4 when name.SequenceEqual("team"u8) => EventField.Team,
            4 when name.SequenceEqual("into"u8) => EventField.Into,
            6 when name.SequenceEqual("ticket"u8) => EventField.Ticket,
            6 when name.SequenceEqual("status"u8) => EventField.Status,
            6 when name.SequenceEqual("author"u8) => EventField.Author,
            6 when name.SequenceEqual("public"u8) => EventField.Public,
            7 when name.SequenceEqual("service"u8) => EventField.Service,
            8 when name.SequenceEqual("customer"u8) => EventField.Customer,
            8 when name.SequenceEqual("priority"u8) => EventField.Priority,
            _ => (EventField)(-1),
        };
        return field >= 0;
    }

    /// <summary>
    /// A value as messages show it: in quotes, control characters escaped, cut after 64 characters.
    /// </summary>
    public static string Quote(ReadOnlySpan<char> value) => $"\"{Shorten(value)}\"";

    /// <summary><see cref="Quote"/> without the quotes, cut after <paramref name="longest"/> characters.</summary>
    public static string Shorten(ReadOnlySpan<char> value, int longest = MaxQuoted)
    {
        var cut = value.Length > longest;
        if (cut)
        {
            value = value[..longest];
        }

        if (value.IndexOfAnyInRange('\0', '\u001f') < 0 && value.IndexOf('\u007f') < 0)
        {
            return cut ? string.Concat(value, "…") : new string(value);
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                < ' ' or '\u007f' => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }

    private static bool TryKind(ReadOnlySpan<char> value, out TicketEventKind kind)
    {
        kind = value.Length switch
        {
            6 when value.SequenceEqual("closed") => TicketEventKind.Closed,
            6 when value.SequenceEqual("merged") => TicketEventKind.Merged,
            7 when value.SequenceEqual("created") => TicketEventKind.Created,
            8 when value.SequenceEqual("assigned") => TicketEventKind.Assigned,
            8 when value.SequenceEqual("resolved") => TicketEventKind.Resolved,
            8 when value.SequenceEqual("reopened") => TicketEventKind.Reopened,
            9 when value.SequenceEqual("commented") => TicketEventKind.Commented,
            14 when value.SequenceEqual("status_changed") => TicketEventKind.StatusChanged,
            15 when value.SequenceEqual("service_changed") => TicketEventKind.ServiceChanged,
            16 when value.SequenceEqual("priority_changed") => TicketEventKind.PriorityChanged,
            _ => (TicketEventKind)(-1),
        };
        return kind >= 0;
    }

    private static string Expected(EventField field) => field switch
    {
        EventField.Id or EventField.Ticket or EventField.Into => "a string or a number",
        EventField.Type => $"an event type ({EventTypes})",
        EventField.At => "an instant (ISO-8601 with offset)",
        EventField.Author => "agent or customer",
        EventField.Public => "true or false",
        _ => "a string",
    };

    private bool IsPresent(EventField field) => (_present & (1 << (int)field)) != 0;

    private bool IsFailed(EventField field) => (_failed & (1 << (int)field)) != 0;

    private string Text(EventField field) => _text[(int)field]!;

    private void Accept(EventField field, string? text)
    {
        _text[(int)field] = text;
        _present |= 1 << (int)field;
    }

    private void Wrong(EventField field, string shown) =>
        Fail(field, $"\"{Names[(int)field]}\": {shown} is not {Expected(field)}");

    private void Fail(EventField field, string message)
    {
        _errors[(int)field] = message;
        _failed |= 1 << (int)field;
        _present &= ~(1 << (int)field);
    }

    private TicketEventProblem? Failure(int line, EventField field) =>
        IsFailed(field) ? new TicketEventProblem(line, Names[(int)field], _errors[(int)field]!) : null;

    private TicketEventProblem? Check(int line, EventField field, string needs)
    {
        if (IsPresent(field))
        {
            return null;
        }

        return Failure(line, field) ?? new TicketEventProblem(line, Names[(int)field], $"\"{Names[(int)field]}\" is missing ({needs})");
    }

    private string Share(ReadOnlySpan<char> value)
    {
        if (value.Length > MaxSharedLength)
        {
            return new string(value);
        }

        if (_sharedLookup.TryGetValue(value, out var shared))
        {
            return shared;
        }

        var text = new string(value);
        if (_shared.Count < MaxShared)
        {
            _shared.Add(text, text);
        }

        return text;
    }
}
