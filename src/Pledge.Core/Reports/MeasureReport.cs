using System.Collections.Immutable;
using NodaTime;
using Pledge.Agreements;
using Pledge.Availability;
using Pledge.Budgets;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Measures;
using Pledge.Satisfaction;
using Pledge.Series;

namespace Pledge.Reports;

/// <summary>
/// Measures every availability, delivery, satisfaction, compliance and custom target of every customer in one
/// period: the value, the verdict, the explanation, the error budget and the burn rates.
/// </summary>
/// <remarks>
/// Targets are resolved per customer with <see cref="MeasureTargets"/>, using the versions in force at the end of
/// the period (or at the report's instant when that comes first). The period is read in each agreement's zone and
/// measured up to the report's instant: service time still to come is neither up nor down. Budgets use the
/// period's true length (its service time in the target's calendar).
/// </remarks>
public static class MeasureReport
{
    /// <summary>Every measure target's row for <paramref name="period"/>, ordered by customer, agreement, target and service.</summary>
    public static ImmutableArray<MeasureRow> Build(ServiceLevelRepository repository, MeasureEvents events, ReportPeriod period, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(period);
        var rows = ImmutableArray.CreateBuilder<MeasureRow>();

        // The last instant measured, read in the agreements' zone (UTC when they differ): versions change at
        // midnight there, so the period's end in UTC could pick the next month's version (and asOf itself is
        // the first instant not measured).
        var resolvedAt = Instant.Min(period.In(Formats.ReportText.ReportZone(repository), asOf).End, asOf) - Duration.Epsilon;
        foreach (var customer in repository.Customers.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var assignment in MeasureTargets.InForce(repository, customer, resolvedAt))
            {
                var source = assignment.Source;
                var full = period.In(source.Agreement.Zone, asOf);
                if (full.Start >= asOf)
                {
                    continue;
                }

                var measured = new Interval(full.Start, Instant.Min(full.End, asOf));
                var context = new Context(repository, events, customer, assignment, period.Name, full, measured, asOf);

                // Before the first event of its kind nothing was recorded at all: a period there is no evidence
                // of perfect (or of failed) service, only of missing data.
                var first = FirstEvent(events, source.Target);
                if (first is null || measured.End <= first)
                {
                    var why = first is null
                        ? $"no {Kind(source.Target)} events at all"
                        : $"no {Kind(source.Target)} events before {Formats.ReportText.Instant(first.Value, source.Agreement.Zone)}";
                    foreach (var service in source.Target.Kind == TargetKind.Availability ? assignment.Services : ["*"])
                    {
                        rows.Add(context.Row(service, null, source.Target.Objective, Verdict.NotEnoughData, why) with
                        {
                            ValueIsShare = source.Target.Kind is not TargetKind.Custom && source.Target.Satisfaction is not { Metric: not SatisfactionMetric.Csat },
                            Unit = source.Target.Series?.Unit,
                            ThresholdText = source.Target.Series is { } series ? Comparisons.Format(series.Comparison, series.Threshold) + (series.Unit is null ? string.Empty : $" {series.Unit}") : null,
                        });
                    }

                    continue;
                }

                switch (source.Target.Kind)
                {
                    case TargetKind.Availability:
                        foreach (var service in assignment.Services)
                        {
                            rows.Add(Availability(context, service));
                        }

                        break;
                    case TargetKind.Delivery:
                        rows.Add(Delivery(context));
                        break;
                    case TargetKind.Satisfaction:
                        rows.Add(Satisfaction(context));
                        break;
                    case TargetKind.Compliance:
                        rows.Add(Compliance(context));
                        break;
                    default:
                        rows.Add(Custom(context));
                        break;
                }
            }
        }

        return rows.ToImmutable();
    }

    private static MeasureRow Availability(Context c, string service)
    {
        var target = c.Assignment.Source.Target;
        var rules = target.Availability!;
        var calendar = c.Repository.Calendars[target.CalendarId];
        var outages = c.Events.Outages.Where(o => Same(o.Service, service) && (o.Customer is null || Same(o.Customer, c.Customer)));
        var checks = c.Events.Checks.Where(k => Same(k.Service, service) && (k.Customer is null || Same(k.Customer, c.Customer))).ToList();
        var result = AvailabilityCalculator.Measure(calendar, c.Measured, outages, rules, checks.Count == 0 ? null : checks);
        var counted = result.Outages.Count(o => o.Treatment == OutageTreatment.Counted);
        var excluded = result.Outages.Count(o => o.Treatment == OutageTreatment.ExcludedPlanned);
        var parts = new List<string>
        {
            $"{Durations.Format(result.Downtime)} down of {Durations.Format(result.ServiceTime)} service time ({calendar.Name})",
            $"{counted} outage(s) counted",
        };
        if (excluded > 0)
        {
            parts.Add($"{excluded} planned excluded ({Durations.Format(result.Excluded)})");
        }

        if (result.Unknown > Duration.Zero)
        {
            parts.Add($"{Durations.Format(result.Unknown)} without monitoring data ({(rules.Unknown == UnknownPolicy.Exclude ? "left out" : "counted as down")})");
        }

        var budget = ErrorBudget.ForPeriod(c.Full, calendar, rules.Objective).Spend(result.Downtime);
        var badness = new TimeSeriesBadness(result.Segments.Select(s => (s.Start, s.End, s.Weight)), calendar);
        return c.Row(service, result.Verdict == Verdict.NotEnoughData ? null : result.Availability, rules.Objective, result.Verdict, string.Join("; ", parts)) with
        {
            Detail = result,
            Budget = budget,
            Burn = BurnReport.At(badness, rules.Objective, c.AsOf).Windows,
            BurnAlert = MultiWindowAlertRule.FastPage.Fires(badness, rules.Objective, c.AsOf),
        };
    }

    private static MeasureRow Delivery(Context c)
    {
        var target = c.Assignment.Source.Target;
        var rules = target.Delivery!;
        var services = c.Assignment.Services;
        rules = rules with { Schedule = [.. rules.Schedule.Where(s => services.Contains(s.Service, StringComparer.OrdinalIgnoreCase))] };
        var calendar = c.Repository.Calendars[target.CalendarId];
        var deliveries = c.Events.Deliveries.Where(d => Same(d.Customer, c.Customer) && services.Contains(d.Service, StringComparer.OrdinalIgnoreCase));
        var result = DeliveryMatcher.Match(calendar, c.Measured, deliveries, rules);
        var explanation = result.Scheduled == 0
            ? "no delivery scheduled in the period"
            : $"{result.OnTime} of {result.Scheduled} slots on time; {result.Late} late, {result.Count(DeliveryOutcome.Short)} short, {result.Count(DeliveryOutcome.Missed)} missed; {result.Unscheduled.Length} unscheduled deliveries";
        var outcomes = result.Slots.Select(s => (s.WindowEnd, s.Outcome != DeliveryOutcome.OnTime)).ToList();
        var badness = new EventSeriesBadness(outcomes);
        return c.Row("*", result.Scheduled == 0 ? null : result.Attainment, rules.Objective, result.Verdict, explanation) with
        {
            Detail = result,
            Budget = ErrorBudget.ForEvents(result.Scheduled, rules.Objective).Spend(result.Scheduled - result.OnTime),
            Burn = BurnReport.At(badness, rules.Objective, c.AsOf).Windows,
        };
    }

    private static MeasureRow Satisfaction(Context c)
    {
        var target = c.Assignment.Source.Target;
        var rules = target.Satisfaction!;
        var services = c.Assignment.Services;
        var responses = c.Events.Surveys.Where(s => Same(s.Customer, c.Customer) && (s.Service is null || services.Contains(s.Service, StringComparer.OrdinalIgnoreCase)));
        var result = SatisfactionCalculator.Measure(responses, c.Measured, rules);
        var metric = rules.Metric switch
        {
            SatisfactionMetric.Csat => $"CSAT {Percent(result.Csat)}",
            SatisfactionMetric.Average => $"average {Number(result.Average)}",
            _ => $"NPS {Number(result.Nps)}",
        };
        var explanation = result.Verdict == Verdict.NotEnoughData
            ? $"{result.Responses} response(s), fewer than the {rules.MinimumResponses} needed: not enough data"
            : $"{metric} from {result.Responses} responses; {result.Unsatisfied.Length} unsatisfied";
        var row = c.Row("*", result.Value, rules.Objective, result.Verdict, explanation) with { Detail = result, ValueIsShare = rules.Metric == SatisfactionMetric.Csat };
        if (rules.Metric == SatisfactionMetric.Csat && result.Verdict != Verdict.NotEnoughData)
        {
            row = row with { Budget = ErrorBudget.ForEvents(result.Responses, rules.Objective).Spend(result.Unsatisfied.Length) };
        }

        return row;
    }

    private static MeasureRow Compliance(Context c)
    {
        var rules = c.Assignment.Source.Target.Compliance!;
        var evidence = c.Events.Evidence.Where(e => e.Customer is null || Same(e.Customer, c.Customer));
        var result = ComplianceEvaluator.Measure(evidence, c.Measured.End, rules);
        var explanation = result.Subjects == 0
            ? "no evidence"
            : $"{result.Compliant} of {result.Subjects} subjects compliant at the period end" + (result.NonCompliant.IsEmpty
                ? string.Empty
                : "; not: " + string.Join(", ", result.NonCompliant.Select(n => $"{n.Subject} ({n.Term}, {n.Reason})")));
        return c.Row("*", result.Subjects == 0 ? null : result.Attainment, rules.Objective, result.Verdict, explanation) with
        {
            Detail = result,
            Budget = result.Subjects == 0 ? null : ErrorBudget.ForEvents(result.Subjects, rules.Objective).Spend(result.Subjects - result.Compliant),
        };
    }

    private static MeasureRow Custom(Context c)
    {
        var rules = c.Assignment.Source.Target.Series!;
        var services = c.Assignment.Services;
        var samples = c.Events.Samples.Where(s => Same(s.Series, rules.Series)
            && (s.Customer is null || Same(s.Customer, c.Customer))
            && (s.Service is null || services.Contains(s.Service, StringComparer.OrdinalIgnoreCase)));
        var result = SeriesEvaluator.Measure(samples, c.Measured, rules);
        var unit = rules.Unit is null ? string.Empty : $" {rules.Unit}";
        var explanation = result.Verdict == Verdict.NotEnoughData
            ? $"{result.Samples} sample(s) of {rules.Series}, fewer than the {rules.MinimumSamples} needed"
            : $"{SeriesAggregations.Format(rules.Aggregation, rules.Percentile)} of {result.Samples} {rules.Series} samples = {Number(result.Value)}{unit}, threshold {Comparisons.Format(rules.Comparison, rules.Threshold)}{unit}; {result.Violations} sample(s) beyond it";
        return c.Row("*", result.Value, rules.Threshold, result.Verdict, explanation) with
        {
            Detail = result,
            ValueIsShare = false,
            Unit = rules.Unit,
            ThresholdText = Comparisons.Format(rules.Comparison, rules.Threshold) + unit,
        };
    }

    private static Instant? FirstEvent(MeasureEvents events, Target target) => target.Kind switch
    {
        TargetKind.Availability => Min(events.Outages.Select(o => o.Start).Concat(events.Checks.Select(c => c.At))),
        TargetKind.Delivery => Min(events.Deliveries.Select(d => d.At)),
        TargetKind.Satisfaction => Min(events.Surveys.Select(s => s.At)),
        TargetKind.Compliance => Min(events.Evidence.Select(e => e.At)),
        _ => Min(events.Samples.Where(s => Same(s.Series, target.Series!.Series)).Select(s => s.At)),
    };

    private static Instant? Min(IEnumerable<Instant> instants)
    {
        Instant? min = null;
        foreach (var instant in instants)
        {
            min = min is null || instant < min ? instant : min;
        }

        return min;
    }

    private static string Kind(Target target) => target.Kind switch
    {
        TargetKind.Availability => "outage or check",
        TargetKind.Delivery => "delivery",
        TargetKind.Satisfaction => "survey",
        TargetKind.Compliance => "evidence",
        _ => $"{target.Series!.Series} sample",
    };

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    internal static string Percent(double? share) => Formats.ReportText.Percent(share);

    internal static string Number(double? value) => Formats.ReportText.Number(value);

    private sealed record Context(
        ServiceLevelRepository Repository,
        MeasureEvents Events,
        string Customer,
        MeasureAssignment Assignment,
        string Period,
        Interval Full,
        Interval Measured,
        Instant AsOf)
    {
        public MeasureRow Row(string service, double? value, double objective, Verdict verdict, string explanation) =>
            new(Customer, Assignment.Source.Agreement.Id, Assignment.Source.Target.Id, Assignment.Source.Target.Kind, service, Period, Full, value, objective, verdict, explanation)
            {
                Source = Assignment.Source.Describe(),
            };
    }
}
