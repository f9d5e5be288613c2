using System.Collections.Immutable;
using NodaTime;
using Pledge.Calendars;
using Pledge.Clocks;

namespace Pledge.Agreements;

/// <summary>
/// A service level target of an agreement version: a kind, thresholds per priority measured on a calendar,
/// the share of measurements that must meet them (the objective), and the clock rules.
/// </summary>
public sealed record Target
{
    /// <summary>The target's id within its agreement ("resolution").</summary>
    public required string Id { get; init; }

    /// <summary>What it measures.</summary>
    public required TargetKind Kind { get; init; }

    /// <summary>The calendar's id in the repository.</summary>
    public required string CalendarId { get; init; }

    /// <summary>Allowed business time per priority.</summary>
    public required ImmutableDictionary<string, Duration> Thresholds { get; init; }

    /// <summary>The share of measurements that must meet the threshold in a period (0.95 = 95%).</summary>
    public double Objective { get; init; } = 0.95;

    /// <summary>Statuses that pause the clock.</summary>
    public ImmutableArray<string> PauseStatuses { get; init; } = [];

    /// <summary>For resolution targets: what a reopen does.</summary>
    public ReopenPolicy Reopen { get; init; } = ReopenPolicy.Continue;

    /// <summary>What a priority change does.</summary>
    public PriorityChangePolicy PriorityChange { get; init; } = PriorityChangePolicy.Recompute;

    /// <summary>For update targets: how gaps are measured.</summary>
    public UpdateMode UpdateMode { get; init; } = UpdateMode.Periodic;

    /// <summary>When the clock is at risk.</summary>
    public ImmutableArray<ClockWarning> Warnings { get; init; } = [.. ClockWarning.Defaults];

    /// <summary>Events that start a measurement, replacing the kind's default when not empty.</summary>
    public ImmutableArray<EventCondition> StartOn { get; init; } = [];

    /// <summary>Events that stop the measurement, replacing the kind's default when not empty.</summary>
    public ImmutableArray<EventCondition> StopOn { get; init; } = [];

    /// <summary>Events that end the measurement and start the next, replacing the kind's default when not empty.</summary>
    public ImmutableArray<EventCondition> ResetOn { get; init; } = [];

    /// <summary>For OLA and UC targets: the SLA target they support, as <c>agreement-id/target-id</c>.</summary>
    public string? Supports { get; init; }

    /// <summary>The clock that measures this target on <paramref name="calendar"/>, named <paramref name="qualifiedId"/>.</summary>
    public ClockDefinition ToClock(string qualifiedId, BusinessCalendar calendar)
    {
        var pauses = PauseStatuses.ToArray();
        var clock = Kind switch
        {
            TargetKind.Response => ClockDefinition.Response(qualifiedId, calendar, Thresholds) with
            {
                PauseStatuses = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, pauses),
            },
            TargetKind.Update => ClockDefinition.Update(qualifiedId, calendar, Thresholds, UpdateMode, pauses),
            _ => ClockDefinition.Resolution(qualifiedId, calendar, Thresholds, pauses) with { Reopen = Reopen },
        };
        return clock with
        {
            PriorityChange = PriorityChange,
            Warnings = Warnings,
            StartOn = StartOn.IsEmpty ? clock.StartOn : StartOn,
            StopOn = StopOn.IsEmpty ? clock.StopOn : StopOn,
            ResetOn = ResetOn.IsEmpty ? clock.ResetOn : ResetOn,
        };
    }
}
