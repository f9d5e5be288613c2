using Pledge.Server.Security;
using System.Text.Json;
using NodaTime;
using Pledge.Agreements;
using Pledge.Budgets;
using Pledge.Clocks;
using Pledge.Reports;
using Pledge.Reports.Formats;
using Pledge.Text;
using Pledge.Tickets;

namespace Pledge.Server.Api;

/// <summary>
/// The reads of the API, each a slice of what <c>GET /api/v1/report</c> builds, from the same Core objects
/// (<see cref="ServiceReport"/>, <see cref="AttainmentReport"/>, <see cref="MeasureRow"/>) rather than an engine of
/// their own: a ticket's clocks explained, attainment grouped as asked, breaches, clocks at risk, budgets and burn.
/// Every read is narrowed to the customers the request may see in one step, <see cref="Visible"/>.
/// </summary>
internal static class ReadsApi
{
    private static readonly string[] GroupKeys = ["agreement", "target", "customer", "service", "priority"];

    public static IEndpointRouteBuilder MapReadsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Reads").AllowCustomerContacts(); // ReportInputs and CustomerFilter narrow every read
        group.MapGet("/tickets/{id}/clocks", ClocksAsync)
            .RequireScope(Scopes.ReportsRead)
            .WithName("GetTicketClocks")
            .WithSummary("A ticket's clocks at ?at= (default now), each with the target that applied and why, its measurements and its timeline: what `pledge explain ticket --json` prints.")
            .Produces<JsonElement>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/attainment", AttainmentAsync)
            .RequireScope(Scopes.ReportsRead)
            .WithName("GetAttainment")
            .WithSummary("Attainment of a period: ticket targets summed by ?groupBy= (any of agreement, target, customer, service, priority; default agreement,target,customer), and every measure target per customer.")
            .Produces<JsonElement>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/breaches", BreachesAsync)
            .RequireScope(Scopes.ReportsRead)
            .WithName("GetBreaches")
            .WithSummary("Breaches of a period: every breached ticket clock with its explanation, and every measure target missed.")
            .Produces<JsonElement>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/at-risk", AtRiskAsync)
            .RequireScope(Scopes.ReportsRead)
            .WithName("GetClocksAtRisk")
            .WithSummary("Open clocks past a warning level at ?at= (default now), most consumed first.")
            .Produces<JsonElement>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/budgets", BudgetsAsync)
            .RequireScope(Scopes.ReportsRead)
            .WithName("GetBudgets")
            .WithSummary("Error budgets of a period and their burn rates: every ticket target per customer and every measure target that has one.")
            .Produces<JsonElement>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>The report narrowed to the customers <paramref name="canSeeCustomer"/> allows: the one place reads filter.</summary>
    public static ServiceReport Visible(ServiceReport report, Func<string, bool> canSeeCustomer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(canSeeCustomer);
        var tickets = report.Tickets;
        return report with
        {
            Tickets = tickets with
            {
                Rows = [.. tickets.Rows.Where(r => canSeeCustomer(r.Customer))],
                Breaches = [.. tickets.Breaches.Where(b => canSeeCustomer(b.Customer))],
                AtRisk = [.. tickets.AtRisk.Where(a => canSeeCustomer(a.Customer))],
            },
            Measures = [.. report.Measures.Where(m => canSeeCustomer(m.Customer))],
            Trend = [.. report.Trend.Where(m => canSeeCustomer(m.Customer))],
            TicketTrend = [.. report.TicketTrend.Select(t => t with { Rows = [.. t.Rows.Where(r => canSeeCustomer(r.Customer))], Breaches = [.. t.Breaches.Where(b => canSeeCustomer(b.Customer))], AtRisk = [.. t.AtRisk.Where(a => canSeeCustomer(a.Customer))] })],
            TicketBudgets = [.. report.TicketBudgets.Where(b => canSeeCustomer(b.Customer))],
            Actions = [.. report.Actions.Where(a => canSeeCustomer(a.Action.Customer))],
            Flags = [.. report.Flags.Where(f => canSeeCustomer(f.Customer))],
        };
    }

    private static async Task<IResult> ClocksAsync(HttpContext context, PledgeDatabase database, IClock clock, string id, string? at, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var asOf = QueryInstant.At(at, clock, errors);
        if (errors.Count > 0)
        {
            return JsonFields.Invalid("Invalid parameter", errors);
        }

        var store = await database.GetAsync();
        var (repository, problem) = await ReportInputs.RepositoryAsync(store, cancellationToken);
        if (repository is null)
        {
            return problem!;
        }

        var history = await Task.Run(() => TicketHistory.Of(ReportInputs.TicketEvents(store, cancellationToken, id)), cancellationToken);
        if (history.Events.IsEmpty || history.Created is not { } created || !CustomerFilter.For(context, null)(created.Customer))
        {
            var why = history.Events.IsEmpty || history.Created is null
                ? $"ticket \"{id}\" has {(history.Events.IsEmpty ? "no events" : "no created event: its clocks cannot start")}"
                : $"ticket \"{id}\" has no events";
            return JsonFields.Problem("Not found", why, "id", StatusCodes.Status404NotFound);
        }

        // As `pledge explain ticket`: the agreements in force when the ticket was created decide its targets.
        var clocks = repository.Resolve(created.Customer, created.Service, created.Priority, created.At).Select(r =>
        {
            var calendar = repository.Calendars[r.Winner.Target.CalendarId];
            var outcome = ClockEvaluator.Evaluate(repository.ClockFor(r.Winner), history, asOf);
            return new
            {
                kind = TargetKindNames.Of(r.Kind),
                target = r.Winner.QualifiedId,
                from = r.Winner.Describe(),
                calendar = calendar.Name,
                overrides = r.Overridden.Select(o => o.QualifiedId),
                state = outcome.State.ToString().ToLowerInvariant(),
                breached = outcome.IsBreached,
                measurements = outcome.Measurements.Select(m => new
                {
                    number = m.Number,
                    start = Iso(m.Start, calendar.Zone),
                    end = m.End is { } end ? Iso(end, calendar.Zone) : null,
                    priority = m.Priority,
                    thresholdMinutes = m.Threshold.TotalMinutes,
                    consumedMinutes = m.Consumed.TotalMinutes,
                    deadline = m.Deadline is { } d ? Iso(d, calendar.Zone) : null,
                    breachedAt = m.BreachedAt is { } b ? Iso(b, calendar.Zone) : null,
                    verdict = m.IsCancelled ? "cancelled" : m.IsOpen ? (m.IsBreached ? "open-breached" : "open") : m.IsBreached ? "breached" : "met",
                }),
                timeline = outcome.Timeline.Select(s => new
                {
                    at = Iso(s.At, calendar.Zone),
                    step = StepName(s.Kind),
                    why = s.Detail,
                    measurement = s.Measurement,
                    consumedMinutes = s.Consumed.TotalMinutes,
                    deadline = s.Deadline is { } d ? Iso(d, calendar.Zone) : null,
                }),
            };
        }).ToList();
        return TypedResults.Ok(new
        {
            ticket = created.TicketId,
            customer = created.Customer,
            service = created.Service,
            priority = created.Priority,
            created = Iso(created.At, DateTimeZone.Utc),
            asOf = Iso(asOf, DateTimeZone.Utc),
            clocks,
        });
    }

    private static async Task<IResult> AttainmentAsync(HttpContext context, PledgeDatabase database, IClock clock, string? period, string? at, string? groupBy, string? customer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var keys = (groupBy ?? "agreement,target,customer").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in keys.Where(k => !GroupKeys.Contains(k)))
        {
            errors["groupBy"] = [$"\"{key}\" is not one of {string.Join(", ", GroupKeys)}"];
        }

        return await WithReportAsync(context, database, clock, period, at, customer, 1, errors, (report, repository) =>
        {
            string Key(AttainmentRow r, string k) => k switch
            {
                "agreement" => r.Agreement,
                "target" => r.Target,
                "customer" => r.Customer,
                "service" => r.Service,
                _ => r.Priority,
            };
            var tickets = report.Tickets.Rows
                .GroupBy(r => string.Join('\u001f', keys.Select(k => Key(r, k))), StringComparer.Ordinal)
                .Select(g =>
                {
                    var first = g.First();
                    var met = g.Sum(r => r.Met);
                    var total = g.Sum(r => r.Total);
                    var objectives = g.Select(r => r.Objective).Distinct().ToList();
                    var row = keys.ToDictionary(k => k, k => (object?)Key(first, k), StringComparer.Ordinal);
                    row["kinds"] = g.Select(r => r.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    row["met"] = met;
                    row["total"] = total;
                    row["attainment"] = total == 0 ? null : Math.Round((double)met / total, 6);
                    // Summing targets with different objectives has no single objective to meet.
                    row["objective"] = objectives.Count == 1 ? objectives[0] : null;
                    row["meetsObjective"] = objectives.Count == 1 ? (total == 0 || (double)met / total >= objectives[0]) : null;
                    return row;
                })
                .ToList();
            return new
            {
                period = report.Period,
                asOf = ReportText.Instant(report.AsOf, ReportText.ReportZone(repository)),
                groupBy = keys,
                tickets,
                measures = report.Measures.Select(m => new
                {
                    customer = m.Customer, agreement = m.Agreement, target = m.Target, kind = TargetKindNames.Of(m.Kind), service = m.Service,
                    value = Round(m.Value), objective = m.Objective, threshold = m.ThresholdText, unit = m.Unit, verdict = ReportText.Verdict(m.Verdict), explanation = m.Explanation,
                }),
            };
        }, cancellationToken);
    }

    private static Task<IResult> BreachesAsync(HttpContext context, PledgeDatabase database, IClock clock, string? period, string? at, string? customer, CancellationToken cancellationToken) =>
        WithReportAsync(context, database, clock, period, at, customer, 1, [], (report, repository) =>
        {
            var slices = Slices(report, repository, "breaches");
            return new
            {
                period = report.Period,
                asOf = ReportText.Instant(report.AsOf, ReportText.ReportZone(repository)),
                tickets = slices["breaches"],
                missed = report.Measures.Where(m => m.Verdict == Measures.Verdict.Missed).Select(m => new
                {
                    customer = m.Customer, agreement = m.Agreement, target = m.Target, kind = TargetKindNames.Of(m.Kind), service = m.Service,
                    value = Round(m.Value), objective = m.Objective, threshold = m.ThresholdText, explanation = m.Explanation,
                }),
            };
        }, cancellationToken);

    private static Task<IResult> AtRiskAsync(HttpContext context, PledgeDatabase database, IClock clock, string? at, string? customer, CancellationToken cancellationToken) =>
        // Clocks at risk are the open ones at the instant, whatever the period: 30d covers the tickets a report would.
        WithReportAsync(context, database, clock, "30d", at, customer, 1, [], (report, repository) =>
            new
            {
                asOf = ReportText.Instant(report.AsOf, ReportText.ReportZone(repository)),
                atRisk = Slices(report, repository, "atRisk")["atRisk"],
            }, cancellationToken);

    private static Task<IResult> BudgetsAsync(HttpContext context, PledgeDatabase database, IClock clock, string? period, string? at, string? customer, CancellationToken cancellationToken) =>
        WithReportAsync(context, database, clock, period, at, customer, 6, [], (report, repository) =>
            new
            {
                period = report.Period,
                asOf = ReportText.Instant(report.AsOf, ReportText.ReportZone(repository)),
                tickets = report.TicketBudgets.Select(b => new
                {
                    customer = b.Customer, agreement = b.Agreement, target = b.Target, kind = b.Kind, met = b.Met, total = b.Total, objective = b.Objective,
                    budget = Budget(b.Budget), burn = Burn(b.Burn), burnAlert = b.BurnAlert,
                }),
                measures = report.Measures.Where(m => m.Budget is not null).Select(m => new
                {
                    customer = m.Customer, agreement = m.Agreement, target = m.Target, kind = TargetKindNames.Of(m.Kind), service = m.Service, objective = m.Objective,
                    budget = Budget(m.Budget!), burn = Burn(m.Burn), burnAlert = m.BurnAlert,
                }),
            }, cancellationToken);

    /// <summary>
    /// Parses the parameters every period read takes, builds the report as <c>GET /api/v1/report</c> does, narrows it
    /// to the visible customers, and answers what <paramref name="answer"/> makes of it.
    /// </summary>
    private static async Task<IResult> WithReportAsync(
        HttpContext context, PledgeDatabase database, IClock clock, string? period, string? at, string? customer, int trendPeriods,
        Dictionary<string, string[]> errors, Func<ServiceReport, ServiceLevelRepository, object> answer, CancellationToken cancellationToken)
    {
        ReportPeriod? reportPeriod = null;
        if (!ReportPeriod.TryParse(period, out reportPeriod))
        {
            errors["period"] = [period is null ? "is required: 2026-11, 2026-W47, 2026-Q4 or 30d" : $"\"{period}\" is not a period (2026-11, 2026-W47, 2026-Q4 or 30d)"];
        }

        var asOf = QueryInstant.At(at, clock, errors);
        if (errors.Count > 0)
        {
            return JsonFields.Invalid("Invalid parameter", errors);
        }

        var store = await database.GetAsync();
        var (inputs, problem) = await ReportInputs.LoadAsync(store, context, cancellationToken);
        if (inputs is null)
        {
            return problem!;
        }

        var canSee = CustomerFilter.For(context, customer);
        var body = await Task.Run(() => answer(Visible(inputs.Report(store, reportPeriod!, asOf, trendPeriods, cancellationToken), canSee), inputs.Repository), cancellationToken);
        return TypedResults.Ok(body);
    }

    /// <summary>Top-level arrays of the report's JSON (<see cref="ReportJson"/>), so a read has the report's very shape.</summary>
    private static Dictionary<string, JsonElement> Slices(ServiceReport report, ServiceLevelRepository repository, params string[] names)
    {
        using var document = JsonDocument.Parse(ReportJson.Write(report, repository));
        return names.ToDictionary(n => n, n => document.RootElement.GetProperty(n).Clone(), StringComparer.Ordinal);
    }

    private static object Budget(BudgetStatus b) => new
    {
        unit = b.Unit == BudgetUnit.Minutes ? "minutes" : "events",
        allowed = Math.Round(b.Allowed, 4),
        spent = Math.Round(b.Spent, 4),
        remaining = Math.Round(b.Remaining, 4),
        remainingShare = Round(b.RemainingShare),
        exhausted = b.Exhausted,
    };

    private static List<BurnBody>? Burn(System.Collections.Immutable.ImmutableArray<WindowBurn> burn) =>
        burn.IsDefaultOrEmpty ? null : [.. burn.Select(w => new BurnBody(ReportText.Window(w.Window), Round(w.Rate)))];

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 6) : null;

    private static string StepName(ClockStepKind kind) => kind switch
    {
        ClockStepKind.NoThreshold => "no threshold",
        ClockStepKind.PriorityChanged => "priority changed",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Iso(Instant instant, DateTimeZone zone) =>
        IsoInstant.Format(instant.ToUnixTimeTicks(), zone.GetUtcOffset(instant).Ticks);
}

/// <summary>The burn rate over one window (<c>1h</c>, <c>6h</c>, …): how many times faster than the budget allows.</summary>
internal sealed record BurnBody(string Window, double? Rate);
