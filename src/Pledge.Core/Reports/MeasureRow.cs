using System.Collections.Immutable;
using NodaTime;
using Pledge.Agreements;
using Pledge.Budgets;
using Pledge.Measures;

namespace Pledge.Reports;

/// <summary>
/// How one measure target (availability, delivery, satisfaction, compliance, custom) fared for one customer in
/// one period: the value measured, the objective, the verdict, a one-line explanation, and the full result of its
/// engine (<see cref="Detail"/>) for charts and JSON.
/// </summary>
/// <param name="Customer">The customer measured.</param>
/// <param name="Agreement">The agreement whose target it is.</param>
/// <param name="Target">The target's id in its agreement.</param>
/// <param name="Kind">What it measures.</param>
/// <param name="Service">The service measured (availability), or <c>*</c> for every service the target won.</param>
/// <param name="Period">The period's name ("2026-11").</param>
/// <param name="Interval">The period's instants in the agreement's zone.</param>
/// <param name="Value">The measured value (a share for availability, delivery, CSAT and compliance; a score, an NPS or the series' aggregate otherwise); null without data.</param>
/// <param name="Objective">The objective (for custom targets: the threshold).</param>
/// <param name="Verdict">Met, missed, or not enough data.</param>
/// <param name="Explanation">Why the value is what it is, in one line.</param>
public sealed record MeasureRow(
    string Customer,
    string Agreement,
    string Target,
    TargetKind Kind,
    string Service,
    string Period,
    Interval Interval,
    double? Value,
    double Objective,
    Verdict Verdict,
    string Explanation)
{
    /// <summary>The target's source ("customer SLA acme-gold v3").</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The engine's result: an AvailabilityResult, DeliveryResult, SatisfactionResult, ComplianceResult or SeriesResult.</summary>
    public object? Detail { get; init; }

    /// <summary>The error budget of the period and what is spent, where the kind has one.</summary>
    public BudgetStatus? Budget { get; init; }

    /// <summary>Burn rates over the standard windows ending at the report's instant (empty where the kind has none).</summary>
    public ImmutableArray<WindowBurn> Burn { get; init; } = [];

    /// <summary>Whether the multi-window burn alert (SRE workbook: 14.4 over 1 h and 5 min) fires at the report's instant.</summary>
    public bool BurnAlert { get; init; }

    /// <summary>Whether <see cref="Value"/> and <see cref="Objective"/> are shares (printed as percentages) rather than scores or series values.</summary>
    public bool ValueIsShare { get; init; } = true;

    /// <summary>How a custom target's threshold reads ("&lt;= 8 °C"); null for the other kinds, whose objective is a number.</summary>
    public string? ThresholdText { get; init; }

    /// <summary>The unit of a custom series' value ("°C").</summary>
    public string? Unit { get; init; }

    /// <summary><c>agreement-id/target-id</c>.</summary>
    public string QualifiedTarget => $"{Agreement}/{Target}";
}
