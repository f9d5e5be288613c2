using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Pledge.Calendars;
using Pledge.Clocks;
using Pledge.Tests.Calendars;
using Pledge.Tickets;

namespace Pledge.Tests.Clocks;

/// <summary>One generated event before it is placed in time: a gap after the previous event, a kind and a choice.</summary>
internal readonly record struct StepSpec(long GapTicks, int Kind, int Choice);

/// <summary>
/// A generated clock case: a definition (kind, policies, warnings, thresholds) on a named calendar, one ticket's
/// events in time order, an evaluation instant, and a few free numbers the properties use to perturb it.
/// </summary>
internal sealed record ClockCase(
    string CalendarName,
    int DefinitionKind,
    ReopenPolicy Reopen,
    PriorityChangePolicy Change,
    int WarningSet,
    int ThresholdSet,
    ImmutableArray<TicketEvent> Events,
    Instant AsOf,
    int Seed,
    int PickA,
    int PickB)
{
    public BusinessCalendar Calendar => TestCalendars.Get(CalendarName);

    public ClockDefinition Definition => ClockGen.Definition(this, Calendar);

    public TicketHistory History => TicketHistory.Of(Events);

    public Instant Created => Events[0].At;

    public Instant LastEvent => Events[^1].At;

    public ClockOutcome Evaluate() => ClockEvaluator.Evaluate(Definition, History, AsOf);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"calendar {CalendarName}, {ClockGen.KindNames[DefinitionKind]}, reopen {Reopen}, priority change {Change}, ");
        text.Append(CultureInfo.InvariantCulture, $"warnings #{WarningSet}, thresholds #{ThresholdSet}, seed {Seed}, picks {PickA}/{PickB}\n");
        foreach (var e in Events)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {ClockGen.Show(e.At)}  {ClockGen.Describe(e)}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  as of {ClockGen.Show(AsOf)}");
        return text.ToString();
    }
}

/// <summary>FsCheck generators of ticket histories and clock definitions around March 2026 in Berlin.</summary>
internal static class ClockGen
{
    public static readonly string[] KindNames = ["response", "resolution", "update periodic", "update pausable", "update after-customer-message"];

    public static readonly string[] Statuses = ["open", "in-progress", "waiting-customer", "on-hold"];

    public static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];

    public static readonly string[] PauseStatuses = ["waiting-customer", "on-hold"];

    /// <summary>Calendars with business time every week of March 2026: office hours, round the clock, two nights a week.</summary>
    public static readonly string[] CalendarNames = ["8x5", "office", "24x7-utc", "night-berlin"];

    private static readonly Instant Monday = Instant.FromUtc(2026, 3, 1, 23, 0); // Mon 2026-03-02 00:00 in Berlin.

    private static readonly ImmutableArray<ImmutableArray<ClockWarning>> WarningSets =
    [
        [.. ClockWarning.Defaults],
        [ClockWarning.Before(Duration.FromHours(1))],
        [ClockWarning.AtShare(0.25), ClockWarning.Before(Duration.FromMinutes(30)), ClockWarning.AtShare(0.9)],
        [],
    ];

    /// <summary>The definition a case describes, on <paramref name="calendar"/>. P4 never has a threshold.</summary>
    public static ClockDefinition Definition(ClockCase c, BusinessCalendar calendar)
    {
        var thresholds = c.ThresholdSet == 0
            ? new Dictionary<string, Duration> { ["P1"] = Duration.FromHours(1), ["P2"] = Duration.FromHours(4), ["P3"] = Duration.FromHours(8) }
            : new Dictionary<string, Duration> { ["P1"] = Duration.FromMinutes(45), ["P2"] = Duration.FromMinutes(150), ["P3"] = Duration.FromHours(7) };
        var definition = c.DefinitionKind switch
        {
            0 => ClockDefinition.Response("t", calendar, thresholds),
            1 => ClockDefinition.Resolution("t", calendar, thresholds, PauseStatuses) with { Reopen = c.Reopen },
            2 => ClockDefinition.Update("t", calendar, thresholds, UpdateMode.Periodic, PauseStatuses),
            3 => ClockDefinition.Update("t", calendar, thresholds, UpdateMode.Pausable, PauseStatuses),
            _ => ClockDefinition.Update("t", calendar, thresholds, UpdateMode.AfterCustomerMessage, PauseStatuses),
        };
        return definition with { PriorityChange = c.Change, Warnings = WarningSets[c.WarningSet] };
    }

    private static Gen<long> Gap { get; } =
        Gen.Frequency(
            (2, Gen.Constant(0L)),
            (6, Gen.Choose(1, 32).Select(q => q * 15 * NodaConstants.TicksPerMinute)),
            (3, Gen.Choose(1, 96).Select(q => q * 15 * NodaConstants.TicksPerMinute)),
            (1, Gen.Choose(1, 3 * 24 * 60).Select(m => m * NodaConstants.TicksPerMinute)),
            (1, Gen.Choose(1, 3600).Select(s => s * NodaConstants.TicksPerSecond)));

    // 0 status, 1 priority, 2 comment, 3 resolved, 4 reopened, 5 closed, 6 merged, 7 assigned, 8 service changed.
    private static Gen<int> Kind { get; } =
        Gen.Frequency(
            (8, Gen.Constant(0)), (4, Gen.Constant(1)), (12, Gen.Constant(2)), (3, Gen.Constant(3)), (3, Gen.Constant(4)),
            (1, Gen.Constant(5)), (1, Gen.Constant(6)), (2, Gen.Constant(7)), (1, Gen.Constant(8)));

    private static Gen<StepSpec> Step { get; } =
        from gap in Gap
        from kind in Kind
        from choice in Gen.Choose(0, 999)
        select new StepSpec(gap, kind, choice);

    public static Gen<ClockCase> Cases { get; } =
        from calendar in Gen.Elements(CalendarNames)
        from kind in Gen.Choose(0, 4)
        from reopen in Gen.Elements(ReopenPolicy.Continue, ReopenPolicy.Restart)
        from change in Gen.Elements(PriorityChangePolicy.Recompute, PriorityChangePolicy.RestartAtChange, PriorityChangePolicy.CarryShare)
        from warnings in Gen.Choose(0, WarningSets.Length - 1)
        from thresholds in Gen.Choose(0, 1)
        from createdQuarter in Gen.Choose(0, (7 * 96) - 1)
        from createdSeconds in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 899)))
        from priority in Gen.Frequency((3, Gen.Constant("P1")), (4, Gen.Constant("P2")), (4, Gen.Constant("P3")), (1, Gen.Constant("P4")))
        from status in Gen.Frequency((6, Gen.Constant("open")), (2, Gen.Constant("in-progress")), (1, Gen.Constant("waiting-customer")))
        from steps in Gen.Choose(0, 14).SelectMany(n => Gen.ArrayOf(Step, n))
        from asOfKind in Gen.Choose(0, 2)
        from asOfPick in Gen.Choose(0, 1_000_000)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from pickA in Gen.Choose(0, 1_000_000)
        from pickB in Gen.Choose(0, 1_000_000)
        let created = Monday + Duration.FromMinutes(createdQuarter * 15L) + Duration.FromSeconds(createdSeconds)
        let events = Build(created, priority, status, steps)
        select new ClockCase(calendar, kind, reopen, change, warnings, thresholds, events, AsOf(events, asOfKind, asOfPick), seed, pickA, pickB);

    /// <summary>An instant in [<paramref name="from"/>, <paramref name="to"/>] chosen by <paramref name="pick"/> in [0, 1,000,000], on the minute.</summary>
    public static Instant Between(Instant from, Instant to, int pick)
    {
        var span = (to - from).BclCompatibleTicks;
        var offset = (long)(span * (pick / 1_000_000.0));
        return from + Duration.FromTicks(offset / NodaConstants.TicksPerMinute * NodaConstants.TicksPerMinute);
    }

    public static string Show(Instant instant) => instant.InZone(ClockKit.Berlin).ToString("ddd yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string Describe(TicketEvent e) => e switch
    {
        TicketCreated c => $"{e.Id} created {c.Priority} {c.Status}",
        TicketStatusChanged s => $"{e.Id} status_changed {s.Status}",
        TicketPriorityChanged p => $"{e.Id} priority_changed {p.Priority}",
        TicketCommented c => $"{e.Id} commented {c.Author} {(c.IsPublic ? "public" : "internal")}",
        TicketMerged m => $"{e.Id} merged into {m.Into}",
        TicketAssigned a => $"{e.Id} assigned {a.Team}",
        TicketServiceChanged s => $"{e.Id} service_changed {s.Service}",
        _ => $"{e.Id} {TicketEventNames.Of(e.Kind)}",
    };

    private static ImmutableArray<TicketEvent> Build(Instant created, string priority, string status, StepSpec[] steps)
    {
        var events = ImmutableArray.CreateBuilder<TicketEvent>(steps.Length + 1);
        events.Add(new TicketCreated("e00", "T", created, "acme", "email", priority, status));
        var at = created;
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            at += Duration.FromTicks(step.GapTicks);
            var id = string.Create(CultureInfo.InvariantCulture, $"e{i + 1:00}");
            events.Add(step.Kind switch
            {
                0 => new TicketStatusChanged(id, "T", at, Statuses[step.Choice % Statuses.Length]),
                1 => new TicketPriorityChanged(id, "T", at, Priorities[step.Choice % Priorities.Length]),
                2 => new TicketCommented(id, "T", at, step.Choice % 2 == 0 ? CommentAuthor.Agent : CommentAuthor.Customer, step.Choice / 2 % 3 != 0),
                3 => new TicketResolved(id, "T", at),
                4 => new TicketReopened(id, "T", at),
                5 => new TicketClosed(id, "T", at),
                6 => new TicketMerged(id, "T", at, "T-other"),
                7 => new TicketAssigned(id, "T", at, "team-" + (step.Choice % 3).ToString(CultureInfo.InvariantCulture)),
                _ => new TicketServiceChanged(id, "T", at, "service-" + (step.Choice % 3).ToString(CultureInfo.InvariantCulture)),
            });
        }

        return events.MoveToImmutable();
    }

    private static Instant AsOf(ImmutableArray<TicketEvent> events, int kind, int pick) => kind switch
    {
        // After the last event, by up to three days.
        0 => events[^1].At + Duration.FromMinutes(pick % (3 * 24 * 60)),
        // Somewhere in the ticket's life.
        1 => Between(events[0].At, events[^1].At, pick),
        // Exactly at the last event.
        _ => events[^1].At,
    };
}
