using Pledge.Server.Security;
using System.Text.Json;
using NodaTime;
using Pledge.Actions;
using Pledge.Agreements;
using Pledge.Reports;
using Pledge.Server.Actions;
using Pledge.Storage;
using Pledge.Text;

namespace Pledge.Server.Api;

/// <summary>
/// <c>/api/v1/actions</c>: corrective actions opened by hand or by an agreement's policy, listed and filtered
/// (overdue included), edited, moved through their statuses by the rules of docs/actions.md, and linked to the
/// breaches they answer.
/// </summary>
internal static class ActionsApi
{
    private const int MaxLinks = 1000;
    private static readonly string[] CreateFields = ["customer", "title", "agreement", "target", "service", "owner", "due", "rootCause", "links"];
    private static readonly string[] UpdateFields = ["title", "owner", "due", "rootCause", "outcome"];
    private static readonly string[] StatusFields = ["status", "note"];
    private static readonly string[] LinkFields = ["target", "ticket", "period"];

    public static IEndpointRouteBuilder MapActionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/actions").WithTags("Actions").AllowCustomerContacts(); // CustomerFilter narrows every read
        group.MapPost("/", CreateAsync)
            .RequireScope(Scopes.ActionsWrite)
            .WithName("CreateAction")
            .WithSummary("Opens a corrective action by hand: {\"customer\", \"title\", \"agreement\", \"target\", \"service\", \"owner\", \"due\": \"2026-12-04\", \"rootCause\", \"links\": [{\"target\": \"acme-gold/resolution\", \"ticket\": \"T-1\"}]}.")
            .Accepts<JsonElement>("application/json")
            .Produces<ActionBody>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", ListAsync)
            .RequireScope(Scopes.ActionsRead)
            .WithName("ListActions")
            .WithSummary("Lists actions, oldest first. Filters: status (open, in-progress, done, verified; several separated by commas), customer, agreement, overdue (true or false), at (the instant overdue is judged at, default now).")
            .Produces<ActionList>()
            .ProducesValidationProblem();
        group.MapGet("/{id}", GetAsync)
            .RequireScope(Scopes.ActionsRead)
            .WithName("GetAction")
            .WithSummary("One action, with whether it is overdue now (or at ?at=) and the statuses it may go to next.")
            .Produces<ActionBody>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", UpdateAsync)
            .RequireScope(Scopes.ActionsWrite)
            .WithName("UpdateAction")
            .WithSummary("Changes title, owner, due, rootCause or outcome; a field left out stays, null clears it (not the title).")
            .Accepts<JsonElement>("application/json")
            .Produces<ActionBody>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/status", TransitionAsync)
            .RequireScope(Scopes.ActionsWrite)
            .WithName("ChangeActionStatus")
            .WithSummary("Moves the action: {\"status\": \"in-progress\", \"note\": \"…\"}. open → in-progress → done → verified; done may be reopened; verified only by a service-level manager.")
            .Accepts<JsonElement>("application/json")
            .Produces<ActionBody>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/links", LinkAsync)
            .RequireScope(Scopes.ActionsWrite)
            .WithName("LinkActionBreaches")
            .WithSummary("Links breaches: {\"links\": [{\"target\": \"acme-gold/resolution\", \"ticket\": \"T-1\"}, {\"target\": \"acme-gold/availability\", \"period\": \"2026-11\"}]}; a link already there stays once.")
            .Accepts<JsonElement>("application/json")
            .Produces<ActionBody>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/history", HistoryAsync)
            .RequireScope(Scopes.ActionsRead)
            .WithName("GetActionHistory")
            .WithSummary("Every change of the action, oldest first (append-only).")
            .Produces<IReadOnlyList<ActionHistoryBody>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/evaluate", EvaluateAsync)
            .RequireScope(Scopes.ActionsWrite)
            .WithName("OpenActionsForFailingTargets")
            .WithSummary("Opens an action for each target that failed in a closed period, where the agreement's policy opens on failing_target: {\"period\": \"2026-11\"}. Idempotent.")
            .Accepts<JsonElement>("application/json")
            .Produces<EvaluationBody>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PledgeDatabase database, IClock clock, ActionMetrics metrics, CancellationToken cancellationToken)
    {
        if (Actor(context) is not { } actor)
        {
            return ActorProblem();
        }

        var (fields, problem) = await JsonFields.ReadAsync(context.Request, CreateFields, cancellationToken);
        if (fields is null)
        {
            return problem!;
        }

        var customer = fields.Text("customer", required: true);
        var title = fields.Text("title", required: true, maxLength: 2000);
        var agreementId = fields.Text("agreement");
        var target = fields.Text("target");
        var service = fields.Text("service");
        var owner = fields.Text("owner");
        var due = fields.Date("due");
        var rootCause = fields.Text("rootCause", maxLength: 20_000);
        var links = Links(fields);
        if (fields.Errors.Count > 0)
        {
            return fields.Invalid("Invalid action");
        }

        var store = await database.GetAsync();
        var (repository, _) = await ReportInputs.RepositoryAsync(store, cancellationToken);
        if (repository is not null && Unknown(repository, customer!, agreementId, target, service, links) is { } unknown)
        {
            return unknown;
        }

        if (!CustomerFilter.For(context, null)(customer!))
        {
            return JsonFields.Problem("Not found", $"there is no customer \"{customer}\"", "customer", StatusCodes.Status404NotFound);
        }

        var opened = await store.Actions.OpenAsync(new NewAction(customer!, title!, ActionOpener.Hand)
        {
            Agreement = agreementId,
            Target = target,
            Service = service,
            Owner = owner,
            Due = due,
            RootCause = rootCause,
            Links = [.. links],
        }, actor, cancellationToken);
        metrics.Opened(byPolicy: false);
        var body = ActionBody.Of(opened.Action, clock.GetCurrentInstant(), repository, ActionPermissions.IsManager(context.User));
        return TypedResults.Created($"/api/v1/actions/{body.Id}", body);
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, PledgeDatabase database, IClock clock, string? status, string? customer, string? agreement, string? overdue, string? at, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var statuses = new List<ActionStatus>();
        foreach (var name in (status ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ActionTransitions.TryParse(name, out var s))
            {
                statuses.Add(s);
            }
            else
            {
                errors["status"] = [$"\"{name}\" is not open, in-progress, done or verified"];
            }
        }

        bool? wantOverdue = null;
        if (overdue is not null)
        {
            if (bool.TryParse(overdue, out var o))
            {
                wantOverdue = o;
            }
            else
            {
                errors["overdue"] = [$"\"{overdue}\" is not true or false"];
            }
        }

        var asOf = QueryInstant.At(at, clock, errors);
        if (errors.Count > 0)
        {
            return JsonFields.Invalid("Invalid parameter", errors);
        }

        var store = await database.GetAsync();
        var (repository, _) = await ReportInputs.RepositoryAsync(store, cancellationToken);
        var canSee = CustomerFilter.For(context, customer);
        var byManager = ActionPermissions.IsManager(context.User);
        var actions = (await store.Actions.ListAsync(new ActionQuery { Statuses = statuses, Agreement = agreement }, cancellationToken))
            .Where(a => canSee(a.Customer))
            .Select(a => ActionBody.Of(a, asOf, repository, byManager))
            .Where(a => wantOverdue is null || a.Overdue == wantOverdue)
            .ToList();
        return TypedResults.Ok(new ActionList(IsoInstant.Format(asOf.ToUnixTimeTicks(), 0), actions.Count, actions.Count(a => a.Overdue), actions));
    }

    private static async Task<IResult> GetAsync(HttpContext context, PledgeDatabase database, IClock clock, string id, string? at, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var asOf = QueryInstant.At(at, clock, errors);
        if (errors.Count > 0)
        {
            return JsonFields.Invalid("Invalid parameter", errors);
        }

        var store = await database.GetAsync();
        if (await VisibleAsync(context, store, id, cancellationToken) is not { } action)
        {
            return NotFound("id", id);
        }

        var (repository, _) = await ReportInputs.RepositoryAsync(store, cancellationToken);
        return TypedResults.Ok(ActionBody.Of(action, asOf, repository, ActionPermissions.IsManager(context.User)));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, PledgeDatabase database, IClock clock, string id, CancellationToken cancellationToken)
    {
        if (Actor(context) is not { } actor)
        {
            return ActorProblem();
        }

        var (fields, problem) = await JsonFields.ReadAsync(context.Request, UpdateFields, cancellationToken);
        if (fields is null)
        {
            return problem!;
        }

        // Absent: unchanged; null: cleared (the title cannot be).
        var title = fields.Has("title") ? fields.Text("title", required: true, maxLength: 2000) : null;
        var owner = fields.Text("owner");
        var due = fields.Date("due");
        var rootCause = fields.Text("rootCause", maxLength: 20_000);
        var outcome = fields.Text("outcome", maxLength: 20_000);
        if (fields.Errors.Count > 0)
        {
            return fields.Invalid("Invalid action change");
        }

        var store = await database.GetAsync();
        if (await VisibleAsync(context, store, id, cancellationToken) is null)
        {
            return NotFound("id", id);
        }

        var updated = await store.Actions.UpdateAsync(id, a => a with
        {
            Title = title ?? a.Title,
            Owner = fields.Has("owner") ? owner : a.Owner,
            Due = fields.Has("due") ? due : a.Due,
            RootCause = fields.Has("rootCause") ? rootCause : a.RootCause,
            Outcome = fields.Has("outcome") ? outcome : a.Outcome,
        }, actor, cancellationToken);
        if (updated is null)
        {
            return NotFound("id", id);
        }

        var (repository, _) = await ReportInputs.RepositoryAsync(store, cancellationToken);
        return TypedResults.Ok(ActionBody.Of(updated, clock.GetCurrentInstant(), repository, ActionPermissions.IsManager(context.User)));
    }

    private static async Task<IResult> TransitionAsync(HttpContext context, PledgeDatabase database, IClock clock, string id, CancellationToken cancellationToken)
    {
        if (Actor(context) is not { } actor)
        {
            return ActorProblem();
        }

        var (fields, problem) = await JsonFields.ReadAsync(context.Request, StatusFields, cancellationToken);
        if (fields is null)
        {
            return problem!;
        }

        var statusText = fields.Text("status", required: true);
        var note = fields.Text("note", maxLength: 20_000);
        var to = ActionStatus.Open;
        if (statusText is not null && !ActionTransitions.TryParse(statusText, out to))
        {
            fields.Fail("status", $"\"{statusText}\" is not open, in-progress, done or verified");
        }

        if (fields.Errors.Count > 0)
        {
            return fields.Invalid("Invalid status change");
        }

        var store = await database.GetAsync();
        if (await VisibleAsync(context, store, id, cancellationToken) is null)
        {
            return NotFound("id", id);
        }

        var byManager = ActionPermissions.IsManager(context.User);
        var result = await store.Actions.TransitionAsync(id, to, byManager, actor, note, cancellationToken);
        if (result.Action is not { } action)
        {
            return NotFound("id", id);
        }

        if (result.Refused)
        {
            var from = ActionTransitions.Name(action.Status);
            var next = ActionTransitions.Next(action.Status, byManager).Select(ActionTransitions.Name).ToList();
            var why = action.Status == ActionStatus.Verified && !byManager && ActionTransitions.IsAllowed(action.Status, to, byManager: true)
                ? "a verified action is final: only a service-level manager may reopen it"
                : $"from {from} it may go to {(next.Count == 0 ? "no other status" : string.Join(" or ", next))}";
            return JsonFields.Problem("Status change refused", $"{action.Id} is {from} and cannot become {ActionTransitions.Name(to)}: {why}", "status", StatusCodes.Status409Conflict);
        }

        var (repository, _) = await ReportInputs.RepositoryAsync(store, cancellationToken);
        return TypedResults.Ok(ActionBody.Of(action, clock.GetCurrentInstant(), repository, byManager));
    }

    private static async Task<IResult> LinkAsync(HttpContext context, PledgeDatabase database, IClock clock, string id, CancellationToken cancellationToken)
    {
        if (Actor(context) is not { } actor)
        {
            return ActorProblem();
        }

        var (fields, problem) = await JsonFields.ReadAsync(context.Request, ["links"], cancellationToken);
        if (fields is null)
        {
            return problem!;
        }

        if (!fields.Has("links"))
        {
            fields.Fail("links", "is required: a list of {target, ticket} or {target, period}");
        }

        var links = Links(fields);
        if (fields.Errors.Count > 0)
        {
            return fields.Invalid("Invalid links");
        }

        var store = await database.GetAsync();
        if (await VisibleAsync(context, store, id, cancellationToken) is not { } current)
        {
            return NotFound("id", id);
        }

        var (repository, _) = await ReportInputs.RepositoryAsync(store, cancellationToken);
        if (repository is not null && Unknown(repository, current.Customer, null, null, null, links) is { } unknown)
        {
            return unknown;
        }

        var linked = await store.Actions.LinkAsync(id, links, actor, cancellationToken);
        return linked is null
            ? NotFound("id", id)
            : TypedResults.Ok(ActionBody.Of(linked, clock.GetCurrentInstant(), repository, ActionPermissions.IsManager(context.User)));
    }

    private static async Task<IResult> HistoryAsync(HttpContext context, PledgeDatabase database, string id, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        if (await VisibleAsync(context, store, id, cancellationToken) is null)
        {
            return NotFound("id", id);
        }

        return TypedResults.Ok((await store.Actions.HistoryAsync(id, cancellationToken)).Select(ActionHistoryBody.Of).ToList());
    }

    private static async Task<IResult> EvaluateAsync(
        HttpContext context, PledgeDatabase database, IClock clock, CorrectiveActionOpener opener, CancellationToken cancellationToken)
    {
        var (fields, problem) = await JsonFields.ReadAsync(context.Request, ["period", "customer"], cancellationToken);
        if (fields is null)
        {
            return problem!;
        }

        var periodText = fields.Text("period", required: true, maxLength: 16);
        var customer = fields.Text("customer");
        ReportPeriod? period = null;
        if (periodText is not null && !ReportPeriod.TryParse(periodText, out period))
        {
            fields.Fail("period", $"\"{periodText}\" is not a period (2026-11, 2026-W47, 2026-Q4)");
        }

        var asOf = clock.GetCurrentInstant();
        if (period is not null && !IsClosed(period, asOf))
        {
            fields.Fail("period", $"{period.Name} is not over at {IsoInstant.Format(asOf.ToUnixTimeTicks(), 0)}: failing targets are judged on closed calendar periods (a month, week or quarter that has ended everywhere)");
        }

        if (fields.Errors.Count > 0)
        {
            return fields.Invalid("Invalid evaluation");
        }

        var store = await database.GetAsync();
        var (inputs, missing) = await ReportInputs.LoadAsync(store, context, cancellationToken);
        if (inputs is null)
        {
            return missing!;
        }

        var report = await Task.Run(() => inputs.Report(store, period!, asOf, 1, cancellationToken), cancellationToken);
        var canSee = CustomerFilter.For(context, customer);
        var opened = await opener.OpenForFailingTargetsAsync(report, inputs.Repository, canSee, cancellationToken);
        var failing = CorrectiveActionOpener.FailingTargets(report).Count(f => canSee(f.Customer));
        var byManager = ActionPermissions.IsManager(context.User);
        return TypedResults.Ok(new EvaluationBody(period!.Name, failing, opened.Count(o => o.Opened),
            [.. opened.Select(o => ActionBody.Of(o.Action, asOf, inputs.Repository, byManager))]));
    }

    /// <summary>
    /// Whether <paramref name="period"/> is a calendar period that has ended at <paramref name="asOf"/> in every zone
    /// (its end in UTC−12 is the latest). A rolling period never is: it ends wherever it is asked.
    /// </summary>
    private static bool IsClosed(ReportPeriod period, Instant asOf)
    {
        var latest = DateTimeZone.ForOffset(Offset.FromHours(-12));
        var end = period.In(latest, asOf).End;
        var rolling = period.In(latest, asOf + Duration.FromDays(1)).End != end;
        return !rolling && end <= asOf;
    }

    private static List<ActionLink> Links(JsonFields fields)
    {
        var links = new List<ActionLink>();
        foreach (var (path, item) in fields.Objects("links", LinkFields, MaxLinks))
        {
            var target = fields.Text(item, "target", $"{path}.target", required: true);
            var ticket = fields.Text(item, "ticket", $"{path}.ticket");
            var period = fields.Text(item, "period", $"{path}.period", maxLength: 16);
            if ((ticket is null) == (period is null) && !fields.Errors.Keys.Any(k => k.StartsWith(path, StringComparison.Ordinal)))
            {
                fields.Fail(path, "names a ticket (a breach of a ticket's clock) or a period (a target failing in it), not both");
                continue;
            }

            if (target is not null && !target.Contains('/', StringComparison.Ordinal))
            {
                fields.Fail($"{path}.target", $"\"{target}\" is not agreement/target (such as acme-gold/resolution)");
            }

            if (period is not null && !ReportPeriod.TryParse(period, out _))
            {
                fields.Fail($"{path}.period", $"\"{period}\" is not a period (2026-11, 2026-W47, 2026-Q4 or 30d)");
            }

            if (target is not null && (ticket ?? period) is not null)
            {
                links.Add(new ActionLink(target, ticket, period));
            }
        }

        return links;
    }

    /// <summary>A 422 naming the first field that names something the repository does not have.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Unknown(ServiceLevelRepository repository, string customer, string? agreementId, string? target, string? service, IEnumerable<ActionLink> links)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!repository.Customers.ContainsKey(customer))
        {
            errors["customer"] = [$"\"{customer}\" is not a customer of customers.yaml"];
        }

        Agreement? agreement = null;
        if (agreementId is not null && !repository.Agreements.TryGetValue(agreementId, out agreement))
        {
            errors["agreement"] = [$"\"{agreementId}\" is not an agreement of the repository"];
        }
        else if (agreement is { Customer: { } party } && !string.Equals(party, customer, StringComparison.OrdinalIgnoreCase))
        {
            errors["agreement"] = [$"\"{agreement.Id}\" is an agreement with {party}, not {customer}"];
        }

        if (target is not null && agreementId is null)
        {
            errors["target"] = ["needs the agreement whose target it is"];
        }
        else if (target is not null && agreement is not null && !HasTarget(agreement, target))
        {
            errors["target"] = [$"\"{target}\" is not a target of {agreement.Id}"];
        }

        if (service is not null && !repository.Services.ContainsKey(service))
        {
            errors["service"] = [$"\"{service}\" is not a service of catalogue.yaml"];
        }

        var i = 0;
        foreach (var link in links)
        {
            var parts = link.Target.Split('/', 2);
            if (!repository.Agreements.TryGetValue(parts[0], out var linked) || !HasTarget(linked, parts[1]))
            {
                errors[$"links[{i}].target"] = [$"\"{link.Target}\" is not a target of the repository (agreement/target)"];
            }

            i++;
        }

        return errors.Count == 0
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown reference",
                detail: $"{errors.Count} field(s) name what the repository does not have, nothing was stored; first: {errors.First().Key}: {errors.First().Value[0]}",
                extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }

    private static bool HasTarget(Agreement agreement, string target) =>
        agreement.Versions.Any(v => v.Targets.Any(t => string.Equals(t.Id, target, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The action, when it exists and the request may see its customer.</summary>
    private static async Task<StoredAction?> VisibleAsync(HttpContext context, PledgeStore store, string id, CancellationToken cancellationToken) =>
        await store.Actions.GetAsync(id, cancellationToken) is { } action && CustomerFilter.For(context, null)(action.Customer) ? action : null;

    /// <summary>Who makes the change: the authenticated caller (access control refuses anonymous calls first).</summary>
    private static string? Actor(HttpContext context) => Caller.Of(context)?.Actor;

    private static IResult ActorProblem() => RepositoryApi.BadActor();

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string field, string value) =>
        JsonFields.Problem("Not found", $"there is no action \"{value}\"", field, StatusCodes.Status404NotFound);
}
