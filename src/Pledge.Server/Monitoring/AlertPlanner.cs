using NodaTime;
using Pledge.Agreements;
using Pledge.Clocks;
using Pledge.Storage;
using Pledge.Tickets;

namespace Pledge.Server.Monitoring;

/// <summary>
/// Which alerts a ticket's clocks will raise if no further event arrives: Core's clock evaluation, run on to the
/// instant just past the breach of each open measurement, so its timeline holds every warning and the breach at
/// the instants Core gives them (docs/clocks.md), the future ones included.
/// </summary>
internal static class AlertPlanner
{
    /// <summary>The threshold of a breach alert.</summary>
    public const string BreachThreshold = "breach";

    // How Core starts a warning step's detail.
    private const string AtRisk = "at risk: ";

    // Clocks count in ticks (100 ns): an instant a nanosecond on would still be the same tick.
    private static readonly Duration OneTick = Duration.FromTicks(1);

    /// <summary>
    /// The clocks of <paramref name="history"/>'s ticket that are open at <paramref name="now"/> (or later, by events
    /// already known), each with the alerts it will raise: every warning and breach after <paramref name="now"/>,
    /// and those at or before it whose measurement is still open (late events, a restart), which are raised at once
    /// unless already recorded. Alerts of measurements that ended before <paramref name="now"/> are not raised: the
    /// reports show them.
    /// </summary>
    public static List<ClockWatch> Plan(ServiceLevelRepository repository, TicketHistory history, Instant now)
    {
        var watches = new List<ClockWatch>();
        if (history.Created is not { } created || history.Events.IsEmpty)
        {
            return watches;
        }

        var known = Instant.Max(now, history.Events[^1].At);
        foreach (var resolution in repository.Resolve(created.Customer, created.Service, created.Priority, created.At))
        {
            var source = resolution.Winner;
            var definition = repository.ClockFor(source);
            if (ClockEvaluator.Evaluate(definition, history, known, explain: false).Open is not { } open)
            {
                continue;
            }

            // Just past the first instant the clock runs beyond its deadline: the breach is then in the timeline.
            // A breached measurement keeps the deadline it missed, so the horizon never falls before what is known.
            var horizon = known;
            if (open.Deadline is { } deadline)
            {
                horizon = Instant.Max(known, definition.Calendar.Due(deadline, Duration.Zero) + OneTick);
            }

            var outcome = ClockEvaluator.Evaluate(definition, history, horizon, explain: true);
            var alerts = new List<PlannedAlert>();
            foreach (var step in outcome.Timeline)
            {
                if (step.Kind is not (ClockStepKind.Warning or ClockStepKind.Breached))
                {
                    continue;
                }

                var measurement = Find(outcome, step.Measurement);
                var openAtNow = measurement is { IsCancelled: false } && (measurement.End is null || measurement.End > now);
                if (step.At <= now && !openAtNow)
                {
                    continue;
                }

                alerts.Add(Alert(source, created, measurement, definition, step));
            }

            // The timeline is in time order already; a stable sort keeps it so if a future Core interleaves.
            watches.Add(new ClockWatch(history.TicketId, source.QualifiedId, open: true, [.. alerts.OrderBy(a => a.Due)]));
        }

        return watches;
    }

    private static PlannedAlert Alert(TargetSource source, TicketCreated created, Measurement? measurement, ClockDefinition definition, ClockStep step)
    {
        var breach = step.Kind == ClockStepKind.Breached;
        var priority = measurement?.Priority ?? created.Priority;
        var threshold = breach ? BreachThreshold : WarningOf(definition, step);
        var id = AlertId($"{created.TicketId}|{source.QualifiedId}|{step.Measurement}|{threshold}");
        var what = breach ? "breached" : "at risk";
        // A breach step's own deadline is the breach; the measurement keeps the deadline it missed (a window's close, say).
        var deadline = (breach ? measurement?.Deadline ?? step.Deadline : step.Deadline) is { } d ? $"; deadline {d}" : string.Empty;
        var detail = step.Detail.StartsWith(AtRisk, StringComparison.Ordinal) ? step.Detail[AtRisk.Length..] : step.Detail;
        var text = $"Ticket {created.TicketId} ({created.Customer}, {created.Service}, {priority}) {what} on {source.QualifiedId}: {detail}{deadline}";
        return new PlannedAlert(id, breach ? AlertKinds.Breach : AlertKinds.Warning, step.At, source.Agreement.Id, source.Target.Id,
            created.Customer, created.Service, priority, created.TicketId, threshold, text);
    }

    /// <summary>
    /// Which of the clock's warnings a warning step is: Core writes each as "at risk: " and the warning as it prints
    /// itself ("75% of 4h", "1h before the deadline …"), and the step does not carry it otherwise.
    /// </summary>
    private static string WarningOf(ClockDefinition definition, ClockStep step)
    {
        foreach (var warning in definition.Warnings)
        {
            var name = warning.ToString();
            if (step.Detail.StartsWith($"{AtRisk}{name} ", StringComparison.Ordinal))
            {
                return name;
            }
        }

        return $"at {step.At}";
    }

    private static Measurement? Find(ClockOutcome outcome, int number)
    {
        foreach (var measurement in outcome.Measurements)
        {
            if (measurement.Number == number)
            {
                return measurement;
            }
        }

        return null;
    }

    /// <summary>The id as is, or, when it would be longer than a stored key may be, its start and a hash of the whole.</summary>
    private static string AlertId(string id)
    {
        if (id.Length <= 400)
        {
            return id;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));
        return $"{id[..300]}#{hash}";
    }
}
