using System.Collections.Immutable;
using NodaTime;
using Pledge.Availability;
using Pledge.Calendars;
using Pledge.Clocks;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Satisfaction;
using Pledge.Series;

namespace Pledge.Agreements;

/// <summary>
/// A service level target of an agreement version. A clock target (response, update, resolution) has thresholds
/// per priority measured on a calendar, the share of measurements that must meet them (the objective), and the
/// clock rules; a measure target (availability, delivery, satisfaction, compliance, custom) has the rules of
/// its kind and is judged once per period.
/// </summary>
public sealed record Target
{
    /// <summary>The target's id within its agreement ("resolution").</summary>
    public required string Id { get; init; }

    /// <summary>What it measures.</summary>
    public required TargetKind Kind { get; init; }

    /// <summary>The calendar's id in the repository; empty for satisfaction, compliance and custom targets without one.</summary>
    public required string CalendarId { get; init; }

    /// <summary>Allowed business time per priority (clock targets; empty for the others).</summary>
    public required ImmutableDictionary<string, Duration> Thresholds { get; init; }

    /// <summary>
    /// The objective: for clock and delivery targets the share of measurements that must meet it (0.95 = 95%),
    /// for availability the share of service time up, for compliance the share of subjects compliant, for
    /// satisfaction the value of its metric (a share for CSAT, a score for the average, -100..100 for NPS).
    /// </summary>
    public double Objective { get; init; } = 0.95;

    /// <summary>The rules of an availability target.</summary>
    public AvailabilityRules? Availability { get; init; }

    /// <summary>The schedule and rules of a delivery target.</summary>
    public DeliveryRules? Delivery { get; init; }

    /// <summary>The metric and rules of a satisfaction target.</summary>
    public SatisfactionRules? Satisfaction { get; init; }

    /// <summary>The terms and rules of a compliance target.</summary>
    public ComplianceRules? Compliance { get; init; }

    /// <summary>The series, aggregation and threshold of a custom target.</summary>
    public SeriesRules? Series { get; init; }

    /// <summary>Whether this target is measured by a clock on each ticket.</summary>
    public bool IsClock => TargetKindNames.IsClock(Kind);

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
            TargetKind.Resolution => ClockDefinition.Resolution(qualifiedId, calendar, Thresholds, pauses) with { Reopen = Reopen },
            _ => throw new InvalidOperationException($"{qualifiedId} is a {TargetKindNames.Of(Kind)} target, measured per period, not by a clock"),
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
