using NodaTime;
using Pledge.Agreements;
using Pledge.Calendars;
using Pledge.Clocks;
using Pledge.Tickets;
using static Pledge.Tests.Agreements.RepositoryKit;

namespace Pledge.Tests.Agreements;

/// <summary>Target.ToClock: the clock a target's rules describe (kind, start/stop/reset, pauses, reopen, priority change, update mode, warnings).</summary>
public sealed class TargetToClockTests
{
    private static readonly ServiceLevelRepository Sample = Read(RepositoryKit.Sample()).Repository!;

    private static readonly BusinessCalendar BerlinOffice = Sample.Calendars["berlin-office"];

    private static readonly EventCondition Created = new(TicketEventKind.Created);
    private static readonly EventCondition Resolved = new(TicketEventKind.Resolved);
    private static readonly EventCondition Closed = new(TicketEventKind.Closed);

    private static Target SampleTarget(string qualifiedId) =>
        Sample.FindTarget(qualifiedId, At("2026-11-02T10:00:00+01:00"))?.Target ?? throw new InvalidOperationException(qualifiedId);

    /// <summary>A corporate SLA with one target given as its YAML lines (indented 8, the "- kind" line first).</summary>
    private static Target OneTarget(params string[] lines) =>
        Valid(OneTargetSource(lines)).Agreements["a"].Versions.Single().Targets.Single();

    private static InMemoryRepositorySource OneTargetSource(params string[] lines) =>
        Parties().With("agreements/a.yaml", string.Join("\n",
        [
            "id: a",
            "kind: sla",
            "level: corporate",
            "versions:",
            "  - version: 1",
            "    status: active",
            "    effective: { from: 2026-01-01 }",
            "    targets:",
            .. lines,
        ]));

    private static string[] Warnings(ClockDefinition clock) => [.. clock.Warnings.Select(w => w.ToString())];

    [Fact]
    public void The_corporate_update_target_gives_a_pausable_update_clock()
    {
        var target = SampleTarget("corporate/update");

        var clock = target.ToClock("corporate/update", BerlinOffice);

        Assert.Equal("corporate/update", clock.TargetId);
        Assert.Equal(ClockKind.Update, clock.Kind);
        Assert.Equal(UpdateMode.Pausable, clock.UpdateMode);
        Assert.Same(BerlinOffice, clock.Calendar);
        Assert.Equal(["waiting-customer"], clock.PauseStatuses);
        // A gap starts at creation, each public agent comment ends it and starts the next, resolution ends it.
        Assert.Equal([Created], clock.StartOn.ToArray());
        Assert.Equal([Resolved, Closed], clock.StopOn.ToArray());
        Assert.Equal([EventCondition.PublicAgentComment], clock.ResetOn.ToArray());
        Assert.Equal(ReopenPolicy.Restart, clock.Reopen);
        Assert.Equal(PriorityChangePolicy.Recompute, clock.PriorityChange);
        Assert.Equal(["50%", "75%", "90%"], Warnings(clock));
        // 1d is 24 hours of business time.
        Assert.Equal(
            [("P1", Duration.FromHours(2)), ("P2", Duration.FromHours(4)), ("P3", Duration.FromHours(24))],
            clock.Thresholds.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value)));
    }

    [Fact]
    public void The_corporate_resolution_target_gives_its_pauses_reopen_priority_change_and_warnings()
    {
        var clock = SampleTarget("corporate/resolution").ToClock("corporate/resolution", BerlinOffice);

        Assert.Equal(ClockKind.Resolution, clock.Kind);
        Assert.Equal(["waiting-customer"], clock.PauseStatuses);
        Assert.Equal([Created], clock.StartOn.ToArray());
        Assert.Equal([Resolved, Closed], clock.StopOn.ToArray());
        Assert.Empty(clock.ResetOn.ToArray());
        Assert.Equal(ReopenPolicy.Continue, clock.Reopen);
        Assert.Equal(PriorityChangePolicy.Recompute, clock.PriorityChange);
        Assert.Equal(["50%", "75%", "90%", "1h before"], Warnings(clock));
        Assert.Equal(Duration.FromHours(40), clock.Thresholds["P4"]);
    }

    [Fact]
    public void The_machine_support_resolution_target_restarts_on_reopen_and_carries_the_share()
    {
        var clock = SampleTarget("machine-support/resolution").ToClock("machine-support/resolution", BerlinOffice);

        Assert.Equal(ClockKind.Resolution, clock.Kind);
        Assert.Equal(["waiting-customer", "waiting-parts"], clock.PauseStatuses.Order(StringComparer.Ordinal));
        Assert.Equal(ReopenPolicy.Restart, clock.Reopen);
        Assert.Equal(PriorityChangePolicy.CarryShare, clock.PriorityChange);
        Assert.Equal(["50%", "75%", "90%"], Warnings(clock));
    }

    [Fact]
    public void A_response_target_stops_at_the_first_public_agent_comment_or_resolution()
    {
        var clock = SampleTarget("acme-gold/response").ToClock("acme-gold/response", BerlinOffice);

        Assert.Equal(ClockKind.Response, clock.Kind);
        Assert.Equal([Created], clock.StartOn.ToArray());
        Assert.Equal([EventCondition.PublicAgentComment, Resolved, Closed], clock.StopOn.ToArray());
        Assert.Empty(clock.ResetOn.ToArray());
        Assert.Empty(clock.PauseStatuses);
        Assert.Equal(Duration.FromMinutes(15), clock.Thresholds["P1"]);
    }

    [Fact]
    public void A_response_target_may_pause_and_take_its_own_priority_change_and_warnings()
    {
        var target = OneTarget(
            "      - kind: response",
            "        calendar: office",
            "        thresholds: { P1: 1h }",
            "        pause: [on-hold, Waiting-Customer]",
            "        priority_change: restart",
            "        warnings: [25%, 30m before]");

        var clock = target.ToClock("a/response", Valid(Base()).Calendars["office"]);

        Assert.Equal(ClockKind.Response, clock.Kind);
        Assert.Equal(["Waiting-Customer", "on-hold"], clock.PauseStatuses.Order(StringComparer.Ordinal));
        Assert.Contains("waiting-customer", clock.PauseStatuses);   // statuses compare without regard to case
        Assert.Equal(PriorityChangePolicy.RestartAtChange, clock.PriorityChange);
        Assert.Equal(["25%", "30m before"], Warnings(clock));
    }

    [Fact]
    public void An_empty_warnings_list_means_no_warnings_and_no_list_means_the_defaults()
    {
        var none = OneTarget("      - kind: resolution", "        calendar: office", "        thresholds: { P1: 1h }", "        warnings: []");
        var defaults = OneTarget("      - kind: resolution", "        calendar: office", "        thresholds: { P1: 1h }");
        var office = Valid(Base()).Calendars["office"];

        Assert.Empty(none.ToClock("a/resolution", office).Warnings);
        Assert.Equal(["50%", "75%", "90%"], Warnings(defaults.ToClock("a/resolution", office)));
        Assert.Equal(0.95, defaults.Objective);
        Assert.Equal("resolution", defaults.Id);
        Assert.Equal("office", defaults.CalendarId);
    }

    [Fact]
    public void A_periodic_update_target_does_not_pause()
    {
        // update_mode defaults to periodic: the customer must hear from us whatever the status, so pause is
        // ignored, and validate says so with a warning on the pause field.
        var result = Read(OneTargetSource("      - kind: update", "        calendar: office", "        thresholds: { P1: 1h }", "        pause: [waiting-customer]"));
        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Problems);
        Assert.Equal(("agreements/a.yaml", 12, 16, "versions[0].targets[0].pause", true), (warning.File, warning.Line, warning.Column, warning.Field, warning.IsWarning));
        var target = result.Repository.Agreements["a"].Versions.Single().Targets.Single();

        var clock = target.ToClock("a/update", Valid(Base()).Calendars["office"]);

        Assert.Equal((ClockKind.Update, UpdateMode.Periodic), (clock.Kind, clock.UpdateMode));
        Assert.Empty(clock.PauseStatuses);
        Assert.Equal([Created], clock.StartOn.ToArray());
        Assert.Equal([EventCondition.PublicAgentComment], clock.ResetOn.ToArray());
    }

    [Fact]
    public void An_after_customer_message_update_target_starts_at_each_customer_message()
    {
        var target = OneTarget("      - kind: update", "        calendar: office", "        thresholds: { P1: 1h }", "        update_mode: after-customer-message");

        var clock = target.ToClock("a/update", Valid(Base()).Calendars["office"]);

        Assert.Equal((ClockKind.Update, UpdateMode.AfterCustomerMessage), (clock.Kind, clock.UpdateMode));
        Assert.Equal([EventCondition.PublicCustomerComment], clock.StartOn.ToArray());
        Assert.Equal([Resolved, Closed, EventCondition.PublicAgentComment], clock.StopOn.ToArray());
        Assert.Empty(clock.ResetOn.ToArray());
    }

    [Fact]
    public void The_clock_of_machine_support_resolution_pauses_while_waiting_for_parts()
    {
        // berlin-office is open Monday to Friday 08:00-18:00. A P2 ticket (6h) created Monday 23 November 2026 09:00:
        // 1h runs until waiting-parts at 10:00; it resumes Tuesday 09:00 with 5h left: deadline Tuesday 14:00.
        // Resolved Tuesday 13:00: 1h + 4h = 5h used, met with 1h to spare. The night and the pause are not counted.
        var clock = SampleTarget("machine-support/resolution").ToClock("machine-support/resolution", BerlinOffice);
        var history = TicketHistory.Of(
        [
            new TicketCreated("e1", "T-1", At("2026-11-23T09:00:00+01:00"), "acme", "machine-support", "P2", "new"),
            new TicketStatusChanged("e2", "T-1", At("2026-11-23T10:00:00+01:00"), "waiting-parts"),
            new TicketStatusChanged("e3", "T-1", At("2026-11-24T09:00:00+01:00"), "open"),
            new TicketResolved("e4", "T-1", At("2026-11-24T13:00:00+01:00")),
        ]);

        var open = ClockEvaluator.Evaluate(clock, history, At("2026-11-24T12:00:00+01:00"));
        var done = ClockEvaluator.Evaluate(clock, history, At("2026-11-30T00:00:00+01:00"));

        var running = Assert.Single(open.Measurements);
        Assert.Equal((Duration.FromHours(4), (Instant?)At("2026-11-24T14:00:00+01:00")), (running.Consumed, running.Deadline));
        var measurement = Assert.Single(done.Measurements);
        Assert.Equal(Duration.FromHours(5), measurement.Consumed);
        Assert.Equal(Duration.FromHours(6), measurement.Threshold);
        Assert.True(measurement.IsMet);
    }
}
