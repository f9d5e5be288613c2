using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Pledge.Tickets;

namespace Pledge.Tests.Tickets;

/// <summary>
/// One ticket's events as a helpdesk might deliver them: each once in <see cref="Events"/>, and in
/// <see cref="Delivered"/> shuffled, some twice, each written at its own offset.
/// </summary>
public sealed record TicketCase(TicketEvent[] Events, TicketEvent[] Delivered, Offset[] Offsets, bool QuoteAll)
{
    public string Json => string.Join("\n", Delivered.Select((e, i) => EventText.ToJson(e, Offsets[i]))) + "\n";

    public string Csv => EventText.CsvHeader + "\r\n" + string.Join("\r\n", Delivered.Select((e, i) => EventText.ToCsv(e, Offsets[i], QuoteAll))) + "\r\n";

    public override string ToString() => "JSON lines:\n" + Json + "\nCSV:\n" + Csv;
}

/// <summary>Generators of events whose text is full of what breaks naive readers: commas, quotes, line breaks, escapes, emoji.</summary>
internal static class EventGen
{
    private static readonly string[] Pieces =
        ["a", "Z", "7", "-", "_", ".", " ", ",", "\"", "\"\"", "\n", "\r\n", "\r", "\\", "é", "→", "😀", "\t", "'", "{", "}", ":", "/", "\u0001", "null"];

    private static readonly Instant Origin = Instant.FromUtc(2026, 3, 1, 0, 0);

    /// <summary>Non-empty text without surrounding white space (which readers drop).</summary>
    public static readonly Gen<string> Text =
        from count in Gen.Choose(1, 6)
        from pieces in Gen.ArrayOf(Gen.Elements(Pieces), count)
        let text = string.Concat(pieces)
        where text.Length > 0 && text.Trim() == text
        select text;

    /// <summary>Instants over a few days, often equal to the minute (so ties are ordered by kind and id), sometimes with fractions.</summary>
    public static readonly Gen<Instant> At =
        from minute in Gen.Choose(0, 6 * 24 * 60)
        from ticks in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, 599_999_999)))
        select Origin + Duration.FromMinutes(minute) + Duration.FromTicks(ticks);

    public static readonly Gen<Offset> Offsets =
        Gen.Choose(-12 * 4, 14 * 4).Select(quarters => Offset.FromSeconds(quarters * 15 * 60));

    public static Gen<TicketEvent> Event(string id, string ticket) =>
        from kind in Gen.Choose(0, 9)
        from at in At
        from a in Text
        from b in Text
        from c in Text
        from d in Text
        from author in Gen.Elements(CommentAuthor.Agent, CommentAuthor.Customer)
        from isPublic in Gen.Elements(true, false)
        select Make((TicketEventKind)kind, id, ticket, at, a, b, c, d, author, isPublic);

    public static readonly Gen<TicketCase> Cases =
        from ticket in Text
        from count in Gen.Choose(1, 16)
        from ids in Gen.ArrayOf(Text, count)
        from events in Gen.CollectToArray(ids.Select((id, i) => Event($"{id}#{i}", ticket)))
        from repeated in Gen.SubListOf(events)
        from delivered in Gen.Shuffle(events.Concat(repeated))
        from offsets in Gen.ArrayOf(Offsets, delivered.Length)
        from quoteAll in Gen.Elements(false, true)
        select new TicketCase(events, delivered, offsets, quoteAll);

    private static TicketEvent Make(TicketEventKind kind, string id, string ticket, Instant at, string a, string b, string c, string d, CommentAuthor author, bool isPublic) =>
        kind switch
        {
            TicketEventKind.Created => new TicketCreated(id, ticket, at, a, b, c, d),
            TicketEventKind.StatusChanged => new TicketStatusChanged(id, ticket, at, a),
            TicketEventKind.PriorityChanged => new TicketPriorityChanged(id, ticket, at, a),
            TicketEventKind.ServiceChanged => new TicketServiceChanged(id, ticket, at, a),
            TicketEventKind.Assigned => new TicketAssigned(id, ticket, at, a),
            TicketEventKind.Commented => new TicketCommented(id, ticket, at, author, isPublic),
            TicketEventKind.Resolved => new TicketResolved(id, ticket, at),
            TicketEventKind.Reopened => new TicketReopened(id, ticket, at),
            TicketEventKind.Closed => new TicketClosed(id, ticket, at),
            _ => new TicketMerged(id, ticket, at, a == ticket ? a + "-2" : a),
        };
}
