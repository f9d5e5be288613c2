using System.Globalization;
using NodaTime;
using Pledge.Agreements;
using Pledge.Availability;
using Pledge.Budgets;
using Pledge.Calendars;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Reports.Formats;
using Pledge.Storage;

namespace Pledge.Server.Monitoring;

/// <summary>
/// Plans the budget alerts of the current period: for every target with an error budget (measure targets per
/// customer and service, ticket targets per customer), the thresholds of the budget already consumed (due at the
/// instant each was crossed, raised at once) and, while an outage goes on, the instants the next ones will be
/// crossed if nothing changes (raised by the monitor's timer). Also the multi-window burn-rate alerts that fire now.
/// Pure: the monitor gives it the repository, the events and the instant.
/// </summary>
/// <remarks>
/// <para>The period is the calendar month of the reports' zone (<see cref="ReportText.ReportZone"/>), as
/// <c>GET /api/v1/budgets?period=2026-11</c> reads it; each alert's id names the target, customer, service, period
/// and threshold, so each is raised once per period however often it is planned again.</para>
/// <para>An ongoing outage counts up to the instant measured (docs/measures.md), so while the heaviest ongoing counted
/// outage of a scope has weight w, its budget is spent at w minutes per minute of service time: the instant a
/// threshold is reached is the calendar's due instant of the minutes left divided by w.</para>
/// </remarks>
internal static class BudgetPlanner
{
    /// <summary>The shares of a period's budget whose consumption raises an alert; 100% is the budget exhausted.</summary>
    public static IReadOnlyList<double> Shares { get; } = [0.5, 0.75, 0.9, 1.0];

    // Minutes or events: a share reached within rounding counts as reached (a predicted instant lands on it).
    private const double Tolerance = 1e-6;

    private static readonly Duration OneTick = Duration.FromTicks(1);

    /// <summary>The month being measured at <paramref name="now"/>, in the reports' zone.</summary>
    public static ReportPeriod CurrentPeriod(ServiceLevelRepository repository, Instant now)
    {
        var local = now.InZone(ReportText.ReportZone(repository));
        return ReportPeriod.TryParse(string.Create(CultureInfo.InvariantCulture, $"{local.Year:D4}-{local.Month:D2}"), out var period)
            ? period
            : throw new InvalidOperationException($"no month period at {now}");
    }

    /// <summary>
    /// The budget alerts of the measure targets (availability and every other kind with a budget), one watch per
    /// target, customer and service whose alerts are not all in <paramref name="raised"/>; and when to plan again
    /// because an outage recorded ahead starts or ends (the spending changes then).
    /// </summary>
    public static (List<ClockWatch> Watches, Instant? PlanAgainAt) PlanMeasures(ServiceLevelRepository repository, MeasureEvents events, Instant now, IReadOnlySet<string> raised)
    {
        var period = CurrentPeriod(repository, now);
        var watches = new List<ClockWatch>();

        // Measured just past now: an outage starting this very instant is then in the measurement (and its first
        // event makes the period measurable).
        var asOf = now + OneTick;
        foreach (var row in MeasureReport.Build(repository, events, period, asOf))
        {
            if (row.Budget is not { Allowed: > 0 } budget)
            {
                continue;
            }

            var scope = $"{row.Agreement}/{row.Target}|{row.Customer}|{row.Service}|{row.Period}";
            var alerts = new List<PlannedAlert>();
            var target = TargetOf(repository, row.Agreement, row.Target, Instant.Min(row.Interval.End, now));
            var calendar = target is null ? null : repository.Calendars.GetValueOrDefault(target.CalendarId);
            var result = row.Detail as AvailabilityResult;
            var what = result is null ? "events" : "minutes";
            var spending = result is not null && calendar is not null && target?.Availability is { } availability
                ? Spending(result, calendar, availability, asOf)
                : null;
            foreach (var share in Shares)
            {
                var level = share * budget.Allowed;
                var threshold = Percent(share);
                Instant? due = null;
                if (budget.Spent >= level - Tolerance)
                {
                    // Crossed: when, if the downtime says so; otherwise now.
                    due = result is not null && calendar is not null ? Crossing(result, calendar, level) ?? now : now;
                }
                else if (calendar is not null && spending is var (rate, pending, notBefore, until))
                {
                    // From the end of what was measured.
                    var left = Duration.FromTicks(Math.Round(Math.Max(0, level - budget.Spent - pending) / rate * NodaConstants.TicksPerMinute));
                    var at = Instant.Max(calendar.Due(asOf, left), notBefore);
                    if (at < row.Interval.End && at <= until)
                    {
                        due = at;
                    }
                }

                if (due is { } d)
                {
                    // Said as it will be when raised: a predicted share is reached at its instant.
                    var text = $"{Percent(share)} of the {row.Period} error budget of {row.Agreement}/{row.Target} ({row.Customer}, {row.Service}) used: "
                        + $"{Number(level)} of {Number(budget.Allowed)} {what}{(d > now ? " (the outage in progress went on)" : string.Empty)}";
                    alerts.Add(new PlannedAlert(Id(scope, threshold), AlertKinds.Budget, d, row.Agreement, row.Target, row.Customer, row.Service, null, null, threshold, text));
                }
            }

            // The burn-rate rules of the SRE workbook, read on the same downtime as the report's (fast page only when
            // only the report's verdict is known).
            if (result is not null && calendar is not null && target?.Availability is { } rules)
            {
                var badness = new TimeSeriesBadness(result.Segments.Select(s => (s.Start, s.End, s.Weight)), calendar);
                foreach (var rule in MultiWindowAlertRule.Workbook)
                {
                    if (rule.Fires(badness, rules.Objective, now))
                    {
                        alerts.Add(Burn(scope, rule, now, row.Agreement, row.Target, row.Customer, row.Service, row.Period));
                    }
                    else if (!raised.Contains(Id(scope, BurnThreshold(rule))) && spending is { } inProgress
                        && FirstBurn(rule, result, calendar, rules.Objective, inProgress, now, row.Interval.End) is { } at)
                    {
                        alerts.Add(Burn(scope, rule, at, row.Agreement, row.Target, row.Customer, row.Service, row.Period));
                    }
                }
            }
            else if (row.BurnAlert)
            {
                alerts.Add(Burn(scope, MultiWindowAlertRule.FastPage, now, row.Agreement, row.Target, row.Customer, row.Service, row.Period));
            }

            Add(watches, scope, alerts, raised);
        }

        var starts = events.Outages.Where(o => o.Start > now).Select(o => (Instant?)o.Start);
        var ends = events.Outages.Where(o => o.End > now).Select(o => o.End);
        return (watches, starts.Concat(ends).Min());
    }

    /// <summary>The budget alerts of the ticket targets per customer (budgets in events: breaches of the tickets judged
    /// so far); and each one's tickets judged and missed, for <see cref="TicketScope.MayCross"/>.</summary>
    public static (List<ClockWatch> Watches, Dictionary<(string Agreement, string Target, string Customer), TicketScope> Scopes) PlanTickets(
        ServiceLevelRepository repository, AttainmentReport tickets, TicketOutcomes outcomes, Instant now, IReadOnlySet<string> raised)
    {
        var watches = new List<ClockWatch>();
        var scopes = new Dictionary<(string Agreement, string Target, string Customer), TicketScope>();
        foreach (var group in tickets.Rows.GroupBy(r => (r.Agreement, r.Target, r.Customer)))
        {
            var total = group.Sum(r => r.Total);
            var met = group.Sum(r => r.Met);
            var objective = group.First().Objective;
            var budget = ErrorBudget.ForEvents(total, objective).Spend(total - met);
            var (agreement, target, customer) = group.Key;
            var scope = $"{agreement}/{target}|{customer}|*|{tickets.Period}";
            scopes[group.Key] = new TicketScope(scope, total - met, total, objective);
            var alerts = new List<PlannedAlert>();
            if (budget.Allowed > 0)
            {
                foreach (var share in Shares.Where(s => budget.Spent >= s * budget.Allowed - Tolerance))
                {
                    var text = $"{Percent(share)} of the {tickets.Period} error budget of {agreement}/{target} ({customer}) used: "
                        + $"{total - met} of {total} tickets missed, {Number(budget.Allowed)} allowed at {Percent(objective)}";
                    alerts.Add(new PlannedAlert(Id(scope, Percent(share)), AlertKinds.Budget, now, agreement, target, customer, "*", null, null, Percent(share), text));
                }
            }

            if (outcomes.BurnAlert(customer, agreement, target, objective))
            {
                alerts.Add(Burn(scope, MultiWindowAlertRule.FastPage, now, agreement, target, customer, "*", tickets.Period));
            }

            Add(watches, scope, alerts, raised);
        }

        return (watches, scopes);
    }

    /// <summary>The id of a ticket target's budget alert at <paramref name="share"/> for <paramref name="scope"/>.</summary>
    public static string TicketShareId(string scope, double share) => Id(scope, Percent(share));

    /// <summary>How a burn-rate rule is written in an alert's threshold: <c>burn 14.4x 1h/5m</c>.</summary>
    public static string BurnThreshold(MultiWindowAlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return string.Create(CultureInfo.InvariantCulture, $"burn {rule.Factor:0.###}x {Window(rule.LongWindow)}/{Window(rule.ShortWindow)}");
    }

    /// <summary>
    /// The first whole second after <paramref name="now"/> at which <paramref name="rule"/> fires if the outages in
    /// progress go on as they are (until the first of them ends, within the rule's long window and the period); null
    /// if it does not. The downtime so far, the outage still under the minimum length counted whole, and the
    /// projection at the current rate make the series the rule reads.
    /// </summary>
    private static Instant? FirstBurn(MultiWindowAlertRule rule, AvailabilityResult result, BusinessCalendar calendar, double objective,
        (double Rate, double Pending, Instant NotBefore, Instant Until) spending, Instant now, Instant periodEnd)
    {
        var measuredTo = result.Period.End;
        var end = Instant.Min(Instant.Min(spending.Until, periodEnd), now + rule.LongWindow);
        if (end <= measuredTo)
        {
            return null;
        }

        var series = result.Segments.Select(s => (s.Start, s.End, s.Weight)).ToList();
        foreach (var effect in result.Outages.Where(o => o.Outage.IsOngoing && o.Treatment == OutageTreatment.IgnoredShort))
        {
            series.Add((Instant.Max(effect.Outage.Start, result.Period.Start), measuredTo, effect.Weight));
        }

        series.Add((measuredTo, end, spending.Rate));
        var projected = new TimeSeriesBadness(series, calendar);

        // By the minute, then the second within the minute found.
        var from = Instant.Max(now, spending.NotBefore);
        if (rule.FirstFiring(projected, objective, new Interval(from, end), Duration.FromMinutes(1)) is not { } minute)
        {
            return null;
        }

        var second = rule.FirstFiring(projected, objective, new Interval(Instant.Max(from, minute.At - Duration.FromMinutes(1)), minute.At), Duration.FromSeconds(1));
        return second?.At ?? minute.At;
    }

    private static PlannedAlert Burn(string scope, MultiWindowAlertRule rule, Instant now, string agreement, string target, string customer, string service, string period)
    {
        var threshold = BurnThreshold(rule);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"The {period} error budget of {agreement}/{target} ({customer}, {service}) burns over {rule.Factor:0.###} times the sustainable rate in the last {Window(rule.LongWindow)} and {Window(rule.ShortWindow)} ({rule.Severity.ToString().ToLowerInvariant()})");
        return new PlannedAlert(Id(scope, threshold), AlertKinds.Budget, now, agreement, target, customer, service, null, null, threshold, text);
    }

    private static void Add(List<ClockWatch> watches, string scope, List<PlannedAlert> alerts, IReadOnlySet<string> raised)
    {
        var pending = alerts.Where(a => !raised.Contains(a.Id)).OrderBy(a => a.Due).ToArray();
        if (pending.Length > 0)
        {
            watches.Add(new ClockWatch(scope, scope, open: false, pending));
        }
    }

    /// <summary>The instant the downtime reached <paramref name="level"/> minutes, walking its segments in time order.</summary>
    private static Instant? Crossing(AvailabilityResult result, BusinessCalendar calendar, double level)
    {
        var spent = 0.0;
        foreach (var segment in result.Segments)
        {
            var minutes = calendar.Elapsed(segment.Start, segment.End).TotalMinutes * segment.Weight;
            if (spent + minutes >= level - Tolerance)
            {
                var left = Math.Max(0, level - spent) / segment.Weight;
                return Instant.Min(segment.End, calendar.Due(segment.Start, Duration.FromTicks(Math.Round(left * NodaConstants.TicksPerMinute))));
            }

            spent += minutes;
        }

        return null;
    }

    /// <summary>
    /// How the budget is spent from now on while nothing changes: the heaviest outage in progress (ongoing, or
    /// recorded with an end still to come) in minutes per minute of service time; the minutes an ongoing outage still
    /// under the minimum length will add at once when it reaches it, and from when; and until when this holds (the
    /// first end to come). Null while none is in progress, or planned maintenance in progress is excluded (it masks all).
    /// </summary>
    private static (double Rate, double Pending, Instant NotBefore, Instant Until)? Spending(AvailabilityResult result, BusinessCalendar calendar, AvailabilityRules rules, Instant measuredTo)
    {
        var now = measuredTo;
        var current = result.Outages.Where(o => o.Outage.Start < now && (o.Outage.IsOngoing || o.Outage.End > now)).ToList();
        if (current.Count == 0 || current.Any(o => o.Treatment == OutageTreatment.ExcludedPlanned))
        {
            return null;
        }

        // Outside service hours it spends nothing until they open again, which the calendar's due instant accounts for.
        var counted = current.Where(o => o.Treatment is OutageTreatment.Counted or OutageTreatment.OutsideServiceHours).ToList();
        var rate = counted.Count == 0 ? 0 : counted.Max(o => o.Weight);
        var pending = 0.0;
        var notBefore = now;
        foreach (var effect in current.Where(o => o.Outage.IsOngoing && o.Treatment == OutageTreatment.IgnoredShort && o.Weight > rate))
        {
            // Still shorter than the minimum: once long enough, all of it counts (over what lighter ones count meanwhile).
            var from = Instant.Max(effect.Outage.Start, result.Period.Start);
            pending = Math.Max(pending, (effect.Weight - rate) * calendar.Elapsed(from, Instant.Max(from, now)).TotalMinutes);
            rate = effect.Weight;
            notBefore = Instant.Max(notBefore, effect.Outage.Start + rules.MinimumOutage);
        }

        var until = current.Where(o => o.Outage.End is not null).Select(o => o.Outage.End!.Value).DefaultIfEmpty(Instant.MaxValue).Min();
        return rate > 0 ? (rate, pending, notBefore, until) : null;
    }

    private static Target? TargetOf(ServiceLevelRepository repository, string agreement, string target, Instant at) =>
        repository.Agreements.TryGetValue(agreement, out var a) ? a.VersionAt(at - Duration.Epsilon)?.Targets.FirstOrDefault(t => t.Id == target) : null;

    private static string Id(string scope, string threshold) => $"budget|{scope}|{threshold}";

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.###}%");

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Window(Duration window) =>
        window.TotalDays >= 1 && window.TotalDays == Math.Floor(window.TotalDays) ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalDays:0}d")
        : window.TotalHours >= 1 && window.TotalHours == Math.Floor(window.TotalHours) ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours:0}h")
        : string.Create(CultureInfo.InvariantCulture, $"{window.TotalMinutes:0}m");
}

/// <summary>A ticket target's budget for one customer as last planned: tickets missed and judged, and the objective.</summary>
internal sealed record TicketScope(string Scope, int Missed, int Total, double Objective)
{
    /// <summary>
    /// Whether <paramref name="breaches"/> more missed tickets may reach a share whose alert is not in
    /// <paramref name="raised"/>. An upper bound: tickets judged met meanwhile only lower the share spent, so when
    /// this says no, planning again would find nothing new.
    /// </summary>
    public bool MayCross(int breaches, IReadOnlySet<string> raised)
    {
        ArgumentNullException.ThrowIfNull(raised);
        var allowed = ErrorBudget.ForEvents(Total + breaches, Objective).Allowed;
        return allowed > 0 && BudgetPlanner.Shares.Any(s => Missed + breaches >= s * allowed - 1e-6 && !raised.Contains(BudgetPlanner.TicketShareId(Scope, s)));
    }
}
