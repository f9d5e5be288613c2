using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pledge.Calendars;
using Pledge.Clocks;
using Pledge.Tests.Calendars;
using Pledge.Tickets;

namespace Pledge.Tests.Clocks;

/// <summary>
/// The vocabulary of the hand-checked clock tests: the week of 2 March 2026 in Berlin (+01:00, no DST change
/// until 29 March), the 8x5 calendar (Monday to Friday 09:00-17:00 Europe/Berlin, no holidays), standard
/// thresholds, and a builder for ticket histories.
/// </summary>
internal static class ClockKit
{
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    // March 2026: Monday 2 to Tuesday 10.
    public static readonly LocalDate Mon = new(2026, 3, 2);
    public static readonly LocalDate Tue = new(2026, 3, 3);
    public static readonly LocalDate Wed = new(2026, 3, 4);
    public static readonly LocalDate Fri = new(2026, 3, 6);
    public static readonly LocalDate Sat = new(2026, 3, 7);
    public static readonly LocalDate NextMon = new(2026, 3, 9);

    /// <summary>Monday to Friday 09:00-17:00 Europe/Berlin.</summary>
    public static BusinessCalendar Office => TestCalendars.Get("8x5");

    private static readonly LocalTimePattern Minutes = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern Seconds = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    /// <summary>Wall-clock <paramref name="time"/> ("15:00" or "09:22:30") on <paramref name="day"/> in Berlin.</summary>
    public static Instant At(LocalDate day, string time) =>
        day.At((time.Length > 5 ? Seconds : Minutes).Parse(time).Value).InZoneStrictly(Berlin).ToInstant();

    public static Duration H(int hours) => Duration.FromHours(hours);

    public static Duration M(int minutes) => Duration.FromMinutes(minutes);

    public static Duration Hm(int hours, int minutes) => Duration.FromHours(hours) + Duration.FromMinutes(minutes);

    /// <summary>Resolution thresholds: P1 2h, P2 4h, P3 8h; P4 has none.</summary>
    public static Dictionary<string, Duration> ResolutionThresholds() => new() { ["P1"] = H(2), ["P2"] = H(4), ["P3"] = H(8) };

    /// <summary>Resolution on the 8x5 calendar, pausing in waiting-customer and on-hold.</summary>
    public static ClockDefinition Resolution(
        ReopenPolicy reopen = ReopenPolicy.Continue,
        PriorityChangePolicy change = PriorityChangePolicy.Recompute) =>
        ClockDefinition.Resolution("acme/resolution", Office, ResolutionThresholds(), "waiting-customer", "on-hold")
            with { Reopen = reopen, PriorityChange = change };

    /// <summary>First response on the 8x5 calendar: P1 30m, P2 1h, P3 4h.</summary>
    public static ClockDefinition Response() =>
        ClockDefinition.Response("acme/response", Office, new Dictionary<string, Duration> { ["P1"] = M(30), ["P2"] = H(1), ["P3"] = H(4) });

    /// <summary>Update on the 8x5 calendar: P1 1h, P2 2h, P3 4h; waiting-customer pauses the modes that pause.</summary>
    public static ClockDefinition Update(UpdateMode mode) =>
        ClockDefinition.Update("acme/update", Office, new Dictionary<string, Duration> { ["P1"] = H(1), ["P2"] = H(2), ["P3"] = H(4) }, mode, "waiting-customer");

    /// <summary>An instant as "Fri 06 15:00:00" in Berlin: what failures print.</summary>
    public static string Show(Instant? instant) =>
        instant is { } i ? i.InZone(Berlin).ToString("ddd dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    public static string Show(Duration duration) => duration.ToString("-H:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>One expected timeline line.</summary>
    public static string Step(ClockStepKind kind, Instant at, int measurement, Duration consumed, Instant? deadline) =>
        $"{kind} at {Show(at)} m{measurement} consumed {Show(consumed)} deadline {Show(deadline)}";

    /// <summary>The timeline as lines in the form of <see cref="Step"/>.</summary>
    public static string[] Lines(ClockOutcome outcome) =>
        [.. outcome.Timeline.Select(s => Step(s.Kind, s.At, s.Measurement, s.Consumed, s.Deadline))];

    /// <summary>Asserts the whole timeline, line by line.</summary>
    public static void AssertTimeline(ClockOutcome outcome, params string[] expected) =>
        Assert.Equal(expected, Lines(outcome));

    /// <summary>Asserts the measurements, in order (ImmutableArray compares by reference, so as arrays).</summary>
    public static void AssertMeasurements(ClockOutcome outcome, params Measurement[] expected) =>
        Assert.Equal(expected, outcome.Measurements.ToArray());

    /// <summary>Asserts two evaluations agree on everything: state, measurements and timeline.</summary>
    public static void AssertSameOutcome(ClockOutcome expected, ClockOutcome actual)
    {
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Measurements.ToArray(), actual.Measurements.ToArray());
        Assert.Equal(expected.Timeline.ToArray(), actual.Timeline.ToArray());
    }

    /// <summary>Asserts the instants of the warnings, in order.</summary>
    public static void AssertWarnings(ClockOutcome outcome, params Instant[] expected) =>
        Assert.Equal(
            expected.Select(i => Show(i)),
            outcome.Timeline.Where(s => s.Kind == ClockStepKind.Warning).Select(s => Show(s.At)));
}

/// <summary>Builds one ticket's events in the order written; ids are numbered in that order.</summary>
internal sealed class Ticket(string id = "T-1")
{
    private readonly List<TicketEvent> _events = [];

    public string Id { get; } = id;

    public IReadOnlyList<TicketEvent> Events => _events;

    public TicketHistory History => TicketHistory.Of(_events);

    public Ticket Created(Instant at, string priority, string status = "open") =>
        Add(new TicketCreated(NextId(), Id, at, "acme", "email", priority, status));

    public Ticket Status(Instant at, string status) => Add(new TicketStatusChanged(NextId(), Id, at, status));

    public Ticket Priority(Instant at, string priority) => Add(new TicketPriorityChanged(NextId(), Id, at, priority));

    /// <summary>A public comment by an agent: a response, an update.</summary>
    public Ticket AgentReply(Instant at) => Add(new TicketCommented(NextId(), Id, at, CommentAuthor.Agent, IsPublic: true));

    /// <summary>An internal note by an agent: the customer does not see it.</summary>
    public Ticket AgentNote(Instant at) => Add(new TicketCommented(NextId(), Id, at, CommentAuthor.Agent, IsPublic: false));

    /// <summary>A public comment by the customer.</summary>
    public Ticket CustomerReply(Instant at) => Add(new TicketCommented(NextId(), Id, at, CommentAuthor.Customer, IsPublic: true));

    public Ticket Assigned(Instant at, string team = "second-line") => Add(new TicketAssigned(NextId(), Id, at, team));

    public Ticket Resolved(Instant at) => Add(new TicketResolved(NextId(), Id, at));

    public Ticket Reopened(Instant at) => Add(new TicketReopened(NextId(), Id, at));

    public Ticket Closed(Instant at) => Add(new TicketClosed(NextId(), Id, at));

    public Ticket Merged(Instant at, string into) => Add(new TicketMerged(NextId(), Id, at, into));

    public ClockOutcome Evaluate(ClockDefinition definition, Instant asOf) => ClockEvaluator.Evaluate(definition, History, asOf);

    private string NextId() => string.Create(CultureInfo.InvariantCulture, $"{Id}-e{_events.Count + 1:00}");

    private Ticket Add(TicketEvent e)
    {
        _events.Add(e);
        return this;
    }
}
