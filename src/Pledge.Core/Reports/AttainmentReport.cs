using System.Collections.Immutable;
using NodaTime;
using Pledge.Agreements;
using Pledge.Clocks;
using Pledge.Tickets;

namespace Pledge.Reports;

/// <summary>
/// Attainment of every ticket target in a period: per agreement, target, customer, service and priority,
/// the breaches with their explanations, and the open clocks at risk.
/// </summary>
/// <remarks>
/// A measurement belongs to the period in which it ended; an open measurement already breached counts
/// as a miss in the period of its breach. Open measurements not breached are not judged yet; those past a
/// warning level are listed as at risk. Periods are read in each agreement's zone.
/// </remarks>
public sealed record AttainmentReport(
    string Period,
    Instant AsOf,
    int Tickets,
    ImmutableArray<AttainmentRow> Rows,
    ImmutableArray<BreachEntry> Breaches,
    ImmutableArray<AtRiskEntry> AtRisk)
{
    /// <summary>Histories without a creation event (it never came, or came so late it was split off): not measured.</summary>
    public int WithoutCreation { get; init; }

    /// <summary>Evaluates every ticket's clocks and builds the report.</summary>
    /// <param name="repository">The service levels.</param>
    /// <param name="histories">Ticket histories; read once, in any order.</param>
    /// <param name="period">The period reported.</param>
    /// <param name="asOf">The instant clocks are evaluated at (the end of the period, or now).</param>
    public static AttainmentReport Build(ServiceLevelRepository repository, IEnumerable<TicketHistory> histories, ReportPeriod period, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(period);
        var rows = new Dictionary<(string, string, string, string, string, string), (int Met, int Total, double Objective)>();
        var breaches = new List<BreachEntry>();
        var atRisk = new List<AtRiskEntry>();
        var bounds = new Dictionary<string, Interval>(StringComparer.Ordinal);
        var tickets = 0;
        var withoutCreation = 0;
        foreach (var history in histories)
        {
            if (history.Created is not { } created)
            {
                withoutCreation++;
                continue;
            }

            tickets++;
            foreach (var resolution in repository.Resolve(created.Customer, created.Service, created.Priority, created.At))
            {
                var source = resolution.Winner;
                if (!bounds.TryGetValue(source.Agreement.Id, out var interval))
                {
                    interval = bounds[source.Agreement.Id] = period.In(source.Agreement.Zone, asOf);
                }

                if (created.At >= interval.End)
                {
                    continue;
                }

                var clock = repository.ClockFor(source);
                // Measurements need no explanation; only breaches and clocks at risk are explained, so only
                // their clocks are evaluated again with the timeline.
                var outcome = ClockEvaluator.Evaluate(clock, history, asOf, explain: false);
                ClockOutcome? explained = null;
                ClockOutcome Explained() => explained ??= ClockEvaluator.Evaluate(clock, history, asOf);
                foreach (var measurement in outcome.Measurements)
                {
                    if (measurement.IsCancelled)
                    {
                        continue;
                    }

                    var judgedAt = measurement.End ?? (measurement.IsBreached ? measurement.BreachedAt : null);
                    if (judgedAt is { } at && interval.Contains(at))
                    {
                        var key = (source.Agreement.Id, source.Target.Id, TargetKindNames.Of(resolution.Kind), created.Customer, created.Service, measurement.Priority);
                        var (met, total, _) = rows.GetValueOrDefault(key);
                        rows[key] = (met + (measurement.IsBreached ? 0 : 1), total + 1, source.Target.Objective);
                        if (measurement.IsBreached)
                        {
                            breaches.Add(new BreachEntry(
                                history.TicketId, source.Agreement.Id, source.Target.Id, TargetKindNames.Of(resolution.Kind), created.Customer, created.Service, measurement.Priority,
                                measurement.BreachedAt!.Value, measurement.Threshold, measurement.Consumed, measurement.IsOpen, Explain(Explained(), measurement, source)));
                        }
                    }
                    else if (measurement.IsOpen && !measurement.IsBreached && IsAtRisk(Explained(), measurement))
                    {
                        atRisk.Add(new AtRiskEntry(history.TicketId, source.Agreement.Id, source.Target.Id, TargetKindNames.Of(resolution.Kind), created.Customer, created.Service, measurement.Priority, measurement.ConsumedShare, measurement.Deadline));
                    }
                }
            }
        }

        return new AttainmentReport(
            period.Name,
            asOf,
            tickets,
            [.. rows.Select(r => new AttainmentRow(r.Key.Item1, r.Key.Item2, r.Key.Item3, r.Key.Item4, r.Key.Item5, r.Key.Item6, r.Value.Met, r.Value.Total, r.Value.Objective))
                .OrderBy(r => r.Agreement, StringComparer.Ordinal).ThenBy(r => r.Target, StringComparer.Ordinal).ThenBy(r => r.Customer, StringComparer.Ordinal)
                .ThenBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.Priority, StringComparer.Ordinal)],
            [.. breaches.OrderBy(b => b.BreachedAt).ThenBy(b => b.Ticket, StringComparer.Ordinal)],
            [.. atRisk.OrderByDescending(a => a.ConsumedShare).ThenBy(a => a.Ticket, StringComparer.Ordinal)])
        {
            WithoutCreation = withoutCreation,
        };
    }

    /// <summary>Rows summed over customers, services and priorities: one per agreement target.</summary>
    public IEnumerable<AttainmentRow> ByTarget() =>
        Rows.GroupBy(r => (r.Agreement, r.Target, r.Kind))
            .Select(g => new AttainmentRow(g.Key.Agreement, g.Key.Target, g.Key.Kind, "*", "*", "*", g.Sum(r => r.Met), g.Sum(r => r.Total), g.First().Objective));

    private static bool IsAtRisk(ClockOutcome outcome, Measurement measurement) =>
        outcome.Timeline.Any(s => s.Measurement == measurement.Number && s.Kind == ClockStepKind.Warning);

    private static string Explain(ClockOutcome outcome, Measurement measurement, TargetSource source)
    {
        var steps = outcome.Timeline.Where(s => s.Measurement == measurement.Number).ToList();
        var pauses = steps.Count(s => s.Kind == ClockStepKind.Paused);
        var parts = new List<string>
        {
            $"{Durations.Format(measurement.Threshold)} for {measurement.Priority} from {source.Describe()}",
            $"{Durations.Format(measurement.Consumed)} used",
        };
        if (pauses > 0)
        {
            parts.Add($"{pauses} pause(s)");
        }

        parts.AddRange(steps.Where(s => s.Kind is ClockStepKind.PriorityChanged or ClockStepKind.Continued).Select(s => s.Detail));
        return string.Join("; ", parts);
    }

}
