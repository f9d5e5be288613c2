using NodaTime;

namespace Pledge.Storage.Tests;

/// <summary>Events an append refuses, each with the start of the message that names it at index 5 of its batch.</summary>
public static class BadEvents
{
    public static TheoryData<string, IncomingEvent?, string> All => new()
    {
        { "an empty id", new IncomingEvent("", "created", "T-1", Instant.FromUtc(2026, 3, 2, 9, 0), "{}"), "events[5].id is empty" },
        { "a blank id", new IncomingEvent("  ", "created", "T-1", Instant.FromUtc(2026, 3, 2, 9, 0), "{}"), "events[5].id is empty" },
        { "a null id", new IncomingEvent(null!, "created", "T-1", Instant.FromUtc(2026, 3, 2, 9, 0), "{}"), "events[5].id is empty" },
        { "an empty type", new IncomingEvent("x", "", "T-1", Instant.FromUtc(2026, 3, 2, 9, 0), "{}"), "events[5].type is empty" },
        { "an empty subject", new IncomingEvent("x", "created", "", Instant.FromUtc(2026, 3, 2, 9, 0), "{}"), "events[5].subject is empty" },
        { "a null body", new IncomingEvent("x", "created", "T-1", Instant.FromUtc(2026, 3, 2, 9, 0), null!), "events[5].body is missing" },
        { "an empty body", new IncomingEvent("x", "created", "T-1", Instant.FromUtc(2026, 3, 2, 9, 0), " "), "events[5].body is empty" },
        { "an id over 512 characters", new IncomingEvent(new string('x', 513), "created", "T-1", Instant.FromUtc(2026, 3, 2, 9, 0), "{}"), "events[5].id is 513 characters long" },
        { "a NUL in the body", new IncomingEvent("x", "created", "T-1", Instant.FromUtc(2026, 3, 2, 9, 0), "{\"a\":\"\0\"}"), "events[5].body contains the character U+0000" },
        { "half a surrogate pair", new IncomingEvent("x\uD83D", "created", "T-1", Instant.FromUtc(2026, 3, 2, 9, 0), "{}"), "events[5].id holds half a surrogate pair" },
        { "a null event", null, "events[5] is null" },
    };
}
