using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Budgets;

/// <summary>
/// A multiwindow burn-rate alert: it fires when the burn rate reaches <see cref="Factor"/> over both the
/// <see cref="LongWindow"/> and the <see cref="ShortWindow"/> that end at the same instant. The long window
/// makes the alert significant (a share of the budget is really gone); the short one makes it stop soon after
/// the burn stops, instead of for the rest of the long window.
/// </summary>
/// <remarks>
/// The static rules are the starting point the Google SRE workbook recommends (chapter "Alerting on SLOs",
/// multiwindow, multi-burn-rate alerts, table 5-8): page at 14.4 over 1 hour and 5 minutes (2% of a 30-day
/// budget), page at 6 over 6 hours and 30 minutes (5%), ticket at 1 over 3 days and 6 hours (10%); the short
/// window is one twelfth of the long one. Pledge offers them as warnings; they are not part of any agreement.
/// </remarks>
public sealed record MultiWindowAlertRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="longWindow">The long window; longer than zero.</param>
    /// <param name="shortWindow">The short window; longer than zero and not longer than the long one.</param>
    /// <param name="factor">The burn rate both windows must reach; finite and above zero.</param>
    /// <param name="severity">How urgent the alert is.</param>
    public MultiWindowAlertRule(Duration longWindow, Duration shortWindow, double factor, AlertSeverity severity = AlertSeverity.Page)
    {
        if (shortWindow <= Duration.Zero || longWindow < shortWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(shortWindow), shortWindow, $"The short window must be longer than zero and not longer than the long one ({longWindow}).");
        }

        if (!double.IsFinite(factor) || factor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "A burn-rate factor is finite and above zero.");
        }

        LongWindow = longWindow;
        ShortWindow = shortWindow;
        Factor = factor;
        Severity = severity;
    }

    /// <summary>Page when a 30-day budget loses 2% in an hour: 14.4 over 1 hour and 5 minutes.</summary>
    public static MultiWindowAlertRule FastPage { get; } = new(Duration.FromHours(1), Duration.FromMinutes(5), 14.4);

    /// <summary>Page when a 30-day budget loses 5% in six hours: 6 over 6 hours and 30 minutes.</summary>
    public static MultiWindowAlertRule SlowPage { get; } = new(Duration.FromHours(6), Duration.FromMinutes(30), 6);

    /// <summary>Ticket when a 30-day budget loses 10% in three days: 1 over 3 days and 6 hours.</summary>
    public static MultiWindowAlertRule Ticket { get; } = new(Duration.FromDays(3), Duration.FromHours(6), 1, AlertSeverity.Ticket);

    /// <summary>The workbook's three rules: <see cref="FastPage"/>, <see cref="SlowPage"/>, <see cref="Ticket"/>.</summary>
    public static ImmutableArray<MultiWindowAlertRule> Workbook { get; } = [FastPage, SlowPage, Ticket];

    /// <summary>The long window: makes the alert significant.</summary>
    public Duration LongWindow { get; }

    /// <summary>The short window: makes the alert reset soon after the burn stops.</summary>
    public Duration ShortWindow { get; }

    /// <summary>The burn rate both windows must reach (≥) for the rule to fire.</summary>
    public double Factor { get; }

    /// <summary>How urgent the alert is.</summary>
    public AlertSeverity Severity { get; }

    /// <summary>The share of a <paramref name="period"/>'s budget the long window spends at <see cref="Factor"/> (2% for <see cref="FastPage"/> over 30 days).</summary>
    public double BudgetSpent(Duration period) => BurnRate.BudgetSpent(Factor, LongWindow, period);

    /// <summary>Whether the rule fires at <paramref name="at"/>: both windows end there (exclusive) and burn at <see cref="Factor"/> or more.</summary>
    public bool Fires(IBadFractionSource source, double objective, Instant at) => Check(source, objective, at).Fires;

    /// <summary>Evaluates the rule at <paramref name="at"/>, with both rates. A window with no service time or no events never fires.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The objective is outside 0 to 1.</exception>
    public AlertCheck Check(IBadFractionSource source, double objective, Instant at)
    {
        ArgumentNullException.ThrowIfNull(source);
        var longRate = BurnRate.Of(source.Count(new Interval(at - LongWindow, at)), objective);
        var shortRate = BurnRate.Of(source.Count(new Interval(at - ShortWindow, at)), objective);
        return new AlertCheck(at, longRate, shortRate, longRate >= Factor && shortRate >= Factor);
    }

    /// <summary>
    /// The first evaluation in <paramref name="span"/> at which the rule fires, or null. The rule is evaluated at
    /// span.Start, span.Start + step, ... before span.End (half-open), as a monitor polling every
    /// <paramref name="step"/> would; the answer lags the exact instant by less than one step. A step of one
    /// minute matches the resolution of the monitors that feed Pledge.
    /// </summary>
    /// <remarks>
    /// Cost grows with the bad periods, not with the span: while the short window holds nothing bad the rule cannot
    /// fire, so the search jumps to the first step after <see cref="IBadFractionSource.NextBad"/>. A quiet month is
    /// a handful of queries; a month with a few outages, a few queries per step inside them.
    /// </remarks>
    /// <exception cref="ArgumentException">The span has no start or no end.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The step is shorter than a tick (100 ns), or the objective is outside 0 to 1.</exception>
    public AlertCheck? FirstFiring(IBadFractionSource source, double objective, Interval span, Duration step)
    {
        ArgumentNullException.ThrowIfNull(source);
        Bounded.Require(span, nameof(span));
        if (step < Duration.FromTicks(1))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be at least one tick (100 ns).");
        }

        _ = Objectives.ErrorShare(objective);
        var stepTicks = step.BclCompatibleTicks;
        var at = span.Start;
        while (at < span.End)
        {
            if (source.Count(new Interval(at - ShortWindow, at)).Bad <= 0)
            {
                // Nothing bad in the short window: its rate is 0, below any factor, until something bad enters it,
                // which happens only after the next bad instant.
                if (source.NextBad(at) is not { } bad)
                {
                    return null;
                }

                var steps = ((bad - span.Start).BclCompatibleTicks / stepTicks) + 1;
                at = span.Start + Duration.FromTicks(steps * stepTicks);
                continue;
            }

            var check = Check(source, objective, at);
            if (check.Fires)
            {
                return check;
            }

            at += step;
        }

        return null;
    }
}
