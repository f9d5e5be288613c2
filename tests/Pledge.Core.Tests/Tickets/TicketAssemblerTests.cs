using NodaTime;
using Pledge.Tickets;

namespace Pledge.Tests.Tickets;

public sealed class TicketAssemblerTests
{
    private static readonly Instant Day1 = Instant.FromUtc(2026, 11, 2, 9, 0);

    private static TicketCreated Created(string ticket, Instant at) => new TicketCreated($"{ticket}-c", ticket, at, "acme", "tea", "P2", "new");

    private static TicketClosed Closed(string ticket, Instant at) => new TicketClosed($"{ticket}-x", ticket, at);

    private static TicketCommented Comment(string ticket, Instant at, string id) => new TicketCommented(id, ticket, at, CommentAuthor.Agent, true);

    [Fact]
    public void Every_ticket_comes_out_once_with_all_its_events()
    {
        var events = new TicketEvent[]
        {
            Created("A", Day1), Created("B", Day1 + Duration.FromHours(1)), Comment("A", Day1 + Duration.FromHours(2), "A-1"),
            Closed("A", Day1 + Duration.FromHours(3)), Comment("B", Day1 + Duration.FromHours(4), "B-1"),
        };

        var histories = new TicketAssembler(Duration.FromDays(1)).Assemble(events).ToList();

        Assert.Equal(["A", "B"], histories.Select(h => h.TicketId).Order(StringComparer.Ordinal));
        Assert.Equal(3, histories.Single(h => h.TicketId == "A").Events.Length);
        Assert.Equal(2, histories.Single(h => h.TicketId == "B").Events.Length);
    }

    [Fact]
    public void A_closed_ticket_is_handed_on_once_the_stream_is_past_its_grace_and_not_before()
    {
        var assembler = new TicketAssembler(Duration.FromDays(1));
        var handed = new List<string>();
        IEnumerable<TicketEvent> Stream()
        {
            yield return Created("A", Day1);
            yield return Closed("A", Day1 + Duration.FromHours(1));
            // Within the grace: A is still held.
            yield return Created("B", Day1 + Duration.FromHours(20));
            Assert.Empty(handed);
            // Past 1 day after A's closing: A goes.
            yield return Created("C", Day1 + Duration.FromHours(26));
            Assert.Equal(["A"], handed);
        }

        foreach (var history in assembler.Assemble(Stream()))
        {
            handed.Add(history.TicketId);
        }

        Assert.Equal(["A", "B", "C"], handed.Take(1).Concat(handed.Skip(1).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void A_late_event_within_the_grace_joins_its_ticket()
    {
        var events = new TicketEvent[]
        {
            Created("A", Day1), Closed("A", Day1 + Duration.FromHours(5)),
            Created("B", Day1 + Duration.FromHours(10)),
            // Arrives after the closing, dated before it: still within the grace of 1 day.
            Comment("A", Day1 + Duration.FromHours(1), "A-late"),
        };

        var a = new TicketAssembler(Duration.FromDays(1)).Assemble(events).Single(h => h.TicketId == "A");

        Assert.Equal(["A-c", "A-late", "A-x"], a.Events.Select(e => e.Id));
    }

    [Fact]
    public void An_event_later_than_the_grace_forms_a_fragment_without_a_creation()
    {
        var events = new TicketEvent[]
        {
            Created("A", Day1), Closed("A", Day1 + Duration.FromHours(1)),
            Created("B", Day1 + Duration.FromDays(3)),
            Comment("A", Day1 + Duration.FromMinutes(30), "A-too-late"),
        };

        var histories = new TicketAssembler(Duration.FromDays(1)).Assemble(events).Where(h => h.TicketId == "A").ToList();

        Assert.Equal(2, histories.Count);
        Assert.NotNull(histories[0].Created);
        Assert.Null(histories[1].Created);
        Assert.Equal("A-too-late", histories[1].Events.Single().Id);
    }

    [Fact]
    public void Memory_holds_the_open_tickets_not_the_stream()
    {
        // 10,000 tickets, each created and closed within an hour, one after the other: with a grace of one day
        // at most the tickets of about a day are held at once, whatever the length of the stream.
        IEnumerable<TicketEvent> Stream()
        {
            for (var i = 0; i < 10_000; i++)
            {
                var at = Day1 + Duration.FromMinutes(30 * i);
                yield return Created($"T{i}", at);
                yield return Closed($"T{i}", at + Duration.FromMinutes(20));
            }
        }

        var assembler = new TicketAssembler(Duration.FromDays(1));
        var count = assembler.Assemble(Stream()).Count();

        Assert.Equal(10_000, count);
        // A day and an hour of tickets at two an hour, plus the one being read.
        Assert.InRange(assembler.PeakHeld, 48, 52);
    }

    [Fact]
    public void A_file_grouped_by_ticket_is_streamed_too()
    {
        // Helpdesk exports often list each ticket's events together, not the whole stream by time: the watermark
        // then runs ahead early, and each ticket can go as soon as it is closed.
        IEnumerable<TicketEvent> Stream()
        {
            yield return Created("Z", Day1 + Duration.FromDays(30));
            for (var i = 0; i < 1_000; i++)
            {
                yield return Created($"T{i}", Day1);
                yield return Comment($"T{i}", Day1 + Duration.FromHours(1), $"T{i}-1");
                yield return Closed($"T{i}", Day1 + Duration.FromHours(2));
            }
        }

        var assembler = new TicketAssembler(Duration.FromDays(1));
        var histories = assembler.Assemble(Stream()).ToList();

        Assert.Equal(1_001, histories.Count);
        Assert.InRange(assembler.PeakHeld, 2, 3);
        Assert.All(histories.Where(h => h.TicketId != "Z"), h => Assert.Equal(3, h.Events.Length));
    }
}
