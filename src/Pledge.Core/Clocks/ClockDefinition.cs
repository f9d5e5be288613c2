using System.Collections.Immutable;
using NodaTime;
using Pledge.Calendars;
using Pledge.Tickets;

namespace Pledge.Clocks;

/// <summary>
/// Everything a clock needs besides the ticket's events: its thresholds per priority, its calendar, and the
/// rules that start, pause, stop and reset it. Built with <see cref="Response"/>, <see cref="Resolution"/>
/// or <see cref="Update"/>, whose defaults follow common practice, then adjusted with <c>with</c>.
/// </summary>
public sealed record ClockDefinition
{
    /// <summary>The target the clock measures ("acme-gold/resolution").</summary>
    public required string TargetId { get; init; }

    /// <summary>What the clock measures.</summary>
    public required ClockKind Kind { get; init; }

    /// <summary>For <see cref="ClockKind.Update"/> clocks: how gaps are measured.</summary>
    public UpdateMode UpdateMode { get; init; } = UpdateMode.Periodic;

    /// <summary>The allowed business time per priority; a ticket whose priority has none gets no clock.</summary>
    public required ImmutableDictionary<string, Duration> Thresholds { get; init; }

    /// <summary>The calendar business time is counted on (coverage: outside it the clock does not run).</summary>
    public required BusinessCalendar Calendar { get; init; }

    /// <summary>Events that start a measurement when none runs.</summary>
    public ImmutableArray<EventCondition> StartOn { get; init; } = [];

    /// <summary>Events that end the running measurement.</summary>
    public ImmutableArray<EventCondition> StopOn { get; init; } = [];

    /// <summary>Events that end the running measurement and start a new one at once.</summary>
    public ImmutableArray<EventCondition> ResetOn { get; init; } = [];

    /// <summary>Statuses during which the clock does not run (waiting for the customer, on hold).</summary>
    public ImmutableHashSet<string> PauseStatuses { get; init; } = ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>What a reopen does after the resolution stopped the clock.</summary>
    public ReopenPolicy Reopen { get; init; } = ReopenPolicy.Continue;

    /// <summary>What a priority change does to a running measurement.</summary>
    public PriorityChangePolicy PriorityChange { get; init; } = PriorityChangePolicy.Recompute;

    /// <summary>When the clock is at risk.</summary>
    public ImmutableArray<ClockWarning> Warnings { get; init; } = [.. ClockWarning.Defaults];

    /// <summary>First response: starts at creation; stops at the first public agent comment or at resolution; never restarts.</summary>
    public static ClockDefinition Response(string targetId, BusinessCalendar calendar, IReadOnlyDictionary<string, Duration> thresholds) => new()
    {
        TargetId = targetId,
        Kind = ClockKind.Response,
        Calendar = calendar,
        Thresholds = Normalise(thresholds),
        StartOn = [new EventCondition(TicketEventKind.Created)],
        StopOn = [EventCondition.PublicAgentComment, new EventCondition(TicketEventKind.Resolved), new EventCondition(TicketEventKind.Closed)],
    };

    /// <summary>Resolution: starts at creation, pauses in the pause statuses, stops at resolution or closing.</summary>
    public static ClockDefinition Resolution(string targetId, BusinessCalendar calendar, IReadOnlyDictionary<string, Duration> thresholds, params string[] pauseStatuses) => new()
    {
        TargetId = targetId,
        Kind = ClockKind.Resolution,
        Calendar = calendar,
        Thresholds = Normalise(thresholds),
        StartOn = [new EventCondition(TicketEventKind.Created)],
        StopOn = [new EventCondition(TicketEventKind.Resolved), new EventCondition(TicketEventKind.Closed)],
        PauseStatuses = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, pauseStatuses),
    };

    /// <summary>
    /// Keeping the customer informed. Periodic and pausable: a gap starts at creation (and at a reopen),
    /// each public agent comment ends it and starts the next, resolution ends it. After-customer-message:
    /// each public customer comment starts a gap that the next public agent comment ends.
    /// </summary>
    public static ClockDefinition Update(string targetId, BusinessCalendar calendar, IReadOnlyDictionary<string, Duration> thresholds, UpdateMode mode, params string[] pauseStatuses)
    {
        var stops = ImmutableArray.Create(new EventCondition(TicketEventKind.Resolved), new EventCondition(TicketEventKind.Closed));
        var definition = new ClockDefinition
        {
            TargetId = targetId,
            Kind = ClockKind.Update,
            UpdateMode = mode,
            Calendar = calendar,
            Thresholds = Normalise(thresholds),
            Reopen = ReopenPolicy.Restart,
            PriorityChange = PriorityChangePolicy.Recompute,
            PauseStatuses = mode == UpdateMode.Periodic
                ? ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase)
                : ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, pauseStatuses),
        };
        return mode == UpdateMode.AfterCustomerMessage
            ? definition with { StartOn = [EventCondition.PublicCustomerComment], StopOn = stops.Add(EventCondition.PublicAgentComment) }
            : definition with { StartOn = [new EventCondition(TicketEventKind.Created)], StopOn = stops, ResetOn = [EventCondition.PublicAgentComment] };
    }

    /// <summary>The threshold for <paramref name="priority"/>, if the target has one.</summary>
    public bool TryGetThreshold(string priority, out Duration threshold) => Thresholds.TryGetValue(priority, out threshold);

    // What the evaluator looks up per event, prepared on first use. A copy made with `with` starts with the
    // original's plan, which names its owner, so the copy makes its own. Not part of equality.
    private PlanSlot _plan;

    /// <summary>The evaluator's plan for this definition.</summary>
    internal ClockPlan Plan
    {
        get
        {
            var plan = Volatile.Read(ref _plan.Value);
            if (plan is null || !ReferenceEquals(plan.Owner, this))
            {
                plan = new ClockPlan(this);
                Volatile.Write(ref _plan.Value, plan);
            }

            return plan;
        }
    }

    private static ImmutableDictionary<string, Duration> Normalise(IReadOnlyDictionary<string, Duration> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        foreach (var (priority, threshold) in thresholds)
        {
            if (threshold <= Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(thresholds), threshold, $"The threshold for priority '{priority}' must be positive.");
            }
        }

        return thresholds.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Holds the plan; always equal to another, so records stay equal exactly when their properties are.</summary>
    private struct PlanSlot : IEquatable<PlanSlot>
    {
        public ClockPlan? Value;

        public readonly bool Equals(PlanSlot other) => true;

        public override readonly bool Equals(object? obj) => obj is PlanSlot;

        public override readonly int GetHashCode() => 0;
    }
}
