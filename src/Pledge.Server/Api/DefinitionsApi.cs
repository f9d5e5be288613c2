using Pledge.Server.Security;
using System.Globalization;
using System.Text.Json;
using Pledge.Server.Api.Definitions;
using Pledge.Storage;

namespace Pledge.Server.Api;

/// <summary>
/// The repository one definition at a time: <c>/api/v1/services</c>, <c>/customers</c>, <c>/calendars</c>,
/// <c>/agreements</c> (create, read, update, list, delete, history, diff), the versions of an agreement and its
/// lifecycle transitions. Each definition is the YAML of the files (docs/repository.md); every write validates the
/// whole repository it would make with Core's reader and stores nothing when it is not valid.
/// </summary>
internal static class DefinitionsApi
{
    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder app)
    {
        foreach (var kind in new[] { DefinitionKind.Services, DefinitionKind.Customers, DefinitionKind.Calendars, DefinitionKind.Agreements })
        {
            Map(app, kind);
        }

        var agreements = app.MapGroup("/api/v1/agreements").WithTags("Agreements").AllowCustomerContacts(); // CustomerAccess narrows
        agreements.MapGet("/{id}/versions", ListVersionsAsync)
            .RequireScope(Scopes.DefinitionsRead)
            .WithName("ListAgreementVersions")
            .WithSummary("The versions of an agreement: number, status, effective period.")
            .Produces<IReadOnlyList<AgreementVersionSummary>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        agreements.MapGet("/{id}/versions/{version:int}", GetVersionAsync)
            .RequireScope(Scopes.DefinitionsRead)
            .WithName("GetAgreementVersion")
            .WithSummary("One version of an agreement, as its YAML entry.")
            .Produces<AgreementVersionBody>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        agreements.MapPost("/{id}/transitions", TransitionAsync)
            .RequireScope(Scopes.DefinitionsWrite)
            .WithName("TransitionAgreement")
            .WithSummary("Moves a version along its lifecycle: {\"version\": 4, \"to\": \"agreed\", \"until\": \"2026-12-31\", \"reason\": \"…\"}.")
            .WithDescription("draft → negotiating | agreed; negotiating → draft | agreed; agreed → active | terminated; active → under-review | expired | terminated; under-review → active | expired | terminated. `version` defaults to the highest; `until` sets the version's effective.until (the last day in force). The repository it makes is validated whole (two versions in force at once is 422). Audited as agreement.transitioned with who and why.")
            .Accepts<TransitionRequest>("application/json")
            .Produces<TransitionDone>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, DefinitionKind kind)
    {
        var tag = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(kind.Plural);
        var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(kind.Singular);
        var group = app.MapGroup($"/api/v1/{kind.Plural}").WithTags(tag);
        if (kind == DefinitionKind.Customers || kind == DefinitionKind.Agreements)
        {
            // A contact reads its own customer and agreements (CustomerAccess); it holds no write scope.
            group.AllowCustomerContacts();
        }

        group.MapGet("/", (HttpContext context, PledgeDatabase database, CancellationToken ct) => ListAsync(kind, context, database, ct))
            .RequireScope(Scopes.DefinitionsRead)
            .WithName($"List{tag}")
            .WithSummary($"Every {kind.Singular}: id, name, file, revision, who changed it last and when.")
            .Produces<IReadOnlyList<DefinitionSummary>>();
        group.MapGet("/{id}", (string id, HttpContext context, PledgeDatabase database, CancellationToken ct) => GetAsync(kind, id, context, database, ct))
            .RequireScope(Scopes.DefinitionsRead)
            .WithName($"Get{name}")
            .WithSummary($"One {kind.Singular}: its YAML with its file and revision (Accept: application/yaml gives the YAML alone).")
            .Produces<DefinitionDocument>()
            .Produces<string>(StatusCodes.Status200OK, "application/yaml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", (HttpContext context, PledgeDatabase database, CancellationToken ct) => CreateAsync(kind, context, database, ct))
            .RequireScope(Scopes.DefinitionsWrite)
            .WithName($"Create{name}")
            .WithSummary($"Creates a {kind.Singular} from its YAML (application/yaml) or the same as JSON.")
            .WithDescription("The repository with it added is validated whole; any error is 422 naming file, line, column and field, and nothing is stored.")
            .Accepts<string>("application/yaml", [.. DefinitionBody.YamlTypes.Skip(1), "application/json"])
            .Produces<DefinitionChanged>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPut("/{id}", (string id, HttpContext context, PledgeDatabase database, CancellationToken ct) => UpdateAsync(kind, id, context, database, ct))
            .RequireScope(Scopes.DefinitionsWrite)
            .WithName($"Update{name}")
            .WithSummary($"Replaces a {kind.Singular} with the YAML sent (its {kind.IdField} must be the one in the path).")
            .WithDescription(kind == DefinitionKind.Agreements
                ? "Drafts are edited in place. A change to a settled version (agreed, active, under-review, expired, terminated) is not made in place: the version stays as it was and the change becomes a new draft version, numbered after the highest (newVersion in the answer). Status changes must follow the lifecycle (see transitions)."
                : "The repository with the change is validated whole; any error is 422 and nothing is stored.")
            .Accepts<string>("application/yaml", [.. DefinitionBody.YamlTypes.Skip(1), "application/json"])
            .Produces<DefinitionChanged>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}", (string id, HttpContext context, PledgeDatabase database, CancellationToken ct) => DeleteAsync(kind, id, context, database, ct))
            .RequireScope(Scopes.DefinitionsWrite)
            .WithName($"Delete{name}")
            .WithSummary($"Deletes a {kind.Singular}; 409 naming every reference when something still uses it.")
            .Produces<DefinitionChanged>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/history", (string id, HttpContext context, PledgeDatabase database, CancellationToken ct) => HistoryAsync(kind, id, context, database, ct))
            .RequireScope(Scopes.DefinitionsRead)
            .WithName($"Get{name}History")
            .WithSummary($"Every change of a {kind.Singular}, oldest first: revision, when, who, created/updated/deleted, and the audited action.")
            .Produces<IReadOnlyList<DefinitionChange>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/history/{revision:int}", (string id, int revision, HttpContext context, PledgeDatabase database, CancellationToken ct) => RevisionAsync(kind, id, revision, context, database, ct))
            .RequireScope(Scopes.DefinitionsRead)
            .WithName($"Get{name}Revision")
            .WithSummary($"A {kind.Singular} as it was at a revision of its file.")
            .Produces<DefinitionDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/diff", (string id, int? from, int? to, HttpContext context, PledgeDatabase database, CancellationToken ct) => DiffAsync(kind, id, from, to, context, database, ct))
            .RequireScope(Scopes.DefinitionsRead)
            .WithName($"Diff{name}")
            .WithSummary($"What changed in a {kind.Singular} between two revisions (default: its last change): the fields, and a line diff of its YAML.")
            .Produces<DefinitionDiff>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(DefinitionKind kind, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var canSee = CustomerAccess.For(context);
        var (files, documents) = await LoadAsync(database, cancellationToken);
        return TypedResults.Ok(kind.Entries(files).Where(e => canSee(e.Customer)).Select(e => Summary(e, documents[e.Path])).ToList());
    }

    private static async Task<IResult> GetAsync(DefinitionKind kind, string id, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var (files, documents) = await LoadAsync(database, cancellationToken);
        if (kind.Find(files, id) is not { } entry || !CustomerAccess.For(context)(entry.Customer))
        {
            return Problems.NotFound($"no {kind.Singular} \"{id}\"");
        }

        if (WantsYaml(context.Request))
        {
            return TypedResults.Text(entry.Text + "\n", "application/yaml");
        }

        var document = documents[entry.Path];
        return TypedResults.Ok(new DefinitionDocument(entry.Id, entry.Path, document.Version, document.UpdatedAt.ToDateTimeOffset(), document.UpdatedBy, entry.Text));
    }

    private static async Task<IResult> CreateAsync(DefinitionKind kind, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        if (RepositoryApi.ActorOf(context.Request) is not { } actor)
        {
            return RepositoryApi.BadActor();
        }

        var (text, root, problem) = await DefinitionBody.ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (YamlEntries.Scalar(root, kind.IdField) is not { } id)
        {
            return Problems.BadRequest($"{kind.IdField} is required: the {kind.Singular}'s {(kind.IdField == "id" ? "id" : "name, its id")}", kind.IdField);
        }

        if (!CustomerAccess.For(context)(kind.CustomerOf(id, text!)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"you may not create a {kind.Singular} for that customer");
        }

        if (kind == DefinitionKind.Agreements && AgreementLifecycle.Versions(text!)?.FirstOrDefault(v => AgreementLifecycle.IsSettled(v.Status)) is { } settled)
        {
            return Problems.Conflict(
                $"version {settled.Number} is {settled.Status}: a new agreement's versions start as draft or negotiating and are agreed through POST /api/v1/agreements/{id}/transitions",
                "versions");
        }

        string path = string.Empty;
        var result = await ApplyAsync(context, database, actor, kind, "created", id, files =>
        {
            if (kind.Find(files, id) is not null)
            {
                return RepositoryChanges.Plan.Refuse(Problems.Conflict($"{kind.Singular} \"{id}\" already exists: PUT /api/v1/{kind.Plural}/{id} changes it", kind.IdField));
            }

            var created = kind.Create(files, id, text!);
            path = created.Path;
            return created.Text is null
                ? RepositoryChanges.Plan.Refuse(Problems.Conflict(created.Refusal!, kind.IdField))
                : new RepositoryChanges.Plan(new Dictionary<string, string> { [created.Path] = created.Text }, []);
        }, cancellationToken);
        return result.Refusal ?? TypedResults.Created($"/api/v1/{kind.Plural}/{Uri.EscapeDataString(id)}", Changed(id, path, result));
    }

    private static async Task<IResult> UpdateAsync(DefinitionKind kind, string id, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        if (RepositoryApi.ActorOf(context.Request) is not { } actor)
        {
            return RepositoryApi.BadActor();
        }

        var (text, root, problem) = await DefinitionBody.ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var bodyId = YamlEntries.Scalar(root, kind.IdField);
        if (bodyId is null && kind.IdField == "id")
        {
            return Problems.BadRequest($"id is required: \"{id}\", as in the path", "id");
        }

        if (bodyId is not null && !string.Equals(bodyId, id, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.BadRequest($"{kind.IdField} is \"{bodyId}\" but the path names \"{id}\": an id cannot be changed; create the new one and delete the old", kind.IdField);
        }

        var canSee = CustomerAccess.For(context);
        string path = string.Empty;
        int? newVersion = null;
        var result = await ApplyAsync(context, database, actor, kind, "updated", id, files =>
        {
            if (kind.Find(files, id) is not { } entry || !canSee(entry.Customer))
            {
                return RepositoryChanges.Plan.Refuse(Problems.NotFound($"no {kind.Singular} \"{id}\": POST /api/v1/{kind.Plural} creates it"));
            }

            if (!canSee(kind.CustomerOf(id, text!)))
            {
                return RepositoryChanges.Plan.Refuse(TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "you may not give it to that customer"));
            }

            var edited = text!;
            if (kind == DefinitionKind.Agreements)
            {
                var reconciled = AgreementLifecycle.Reconcile(entry.Text, edited);
                if (reconciled.Refusal is not null)
                {
                    return RepositoryChanges.Plan.Refuse(Problems.Conflict(reconciled.Refusal, "versions"));
                }

                (edited, newVersion) = (reconciled.Text, reconciled.NewVersion);
            }

            var replaced = kind.Replace(files, entry, edited);
            path = replaced.Path;
            if (replaced.Text is null)
            {
                return RepositoryChanges.Plan.Refuse(Problems.Conflict(replaced.Refusal!, kind.IdField));
            }

            // What changed, for the audit: the fields, and the version a change to a settled one became.
            var fields = FieldDiff.Compute(entry.Text, kind.TextIn(replaced.Path, replaced.Text, id));
            var detail = string.Join(", ", fields.Take(20).Select(f => $"{f.Path} {f.Change}")) + (fields.Count > 20 ? $" and {fields.Count - 20} more" : string.Empty);
            if (newVersion is { } made)
            {
                detail = $"a change to a settled version became draft version {made}; {detail}";
            }

            return new RepositoryChanges.Plan(
                new Dictionary<string, string> { [replaced.Path] = replaced.Text }, [], Audit: new DocumentAudit($"{kind.Singular}.updated", Target(kind, id), detail.Length == 0 ? null : detail));
        }, cancellationToken);
        return result.Refusal ?? TypedResults.Ok(Changed(id, path, result) with { NewVersion = newVersion });
    }

    private static async Task<IResult> DeleteAsync(DefinitionKind kind, string id, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        if (RepositoryApi.ActorOf(context.Request) is not { } actor)
        {
            return RepositoryApi.BadActor();
        }

        var canSee = CustomerAccess.For(context);
        string path = string.Empty;
        var result = await ApplyAsync(context, database, actor, kind, "deleted", id, files =>
        {
            if (kind.Find(files, id) is not { } entry || !canSee(entry.Customer))
            {
                return RepositoryChanges.Plan.Refuse(Problems.NotFound($"no {kind.Singular} \"{id}\""));
            }

            var removed = kind.Remove(files, entry);
            path = removed.Path;
            if (removed.Refusal is not null)
            {
                return RepositoryChanges.Plan.Refuse(Problems.Conflict(removed.Refusal, kind.IdField));
            }

            return removed.Text is null
                ? new RepositoryChanges.Plan(new Dictionary<string, string>(), [removed.Path], InvalidIsConflict: true)
                : new RepositoryChanges.Plan(new Dictionary<string, string> { [removed.Path] = removed.Text }, [], InvalidIsConflict: true);
        }, cancellationToken);
        return result.Refusal ?? TypedResults.Ok(Changed(id, path, result));
    }

    private static async Task<IResult> HistoryAsync(DefinitionKind kind, string id, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        var (path, changes, customer) = await ChangesAsync(store, kind, id, cancellationToken);
        if (changes.Count == 0 || !CustomerAccess.For(context)(customer))
        {
            return Problems.NotFound($"no {kind.Singular} \"{id}\" now or before");
        }

        // The audit entries of this definition name the versions they made: "agreements/acme-gold.yaml v4 updated".
        var audit = new List<AuditEntry>();
        await foreach (var entry in store.Audit.ReadAsync(Target(kind, id), cancellationToken))
        {
            audit.Add(entry);
        }

        return TypedResults.Ok(changes.Select(c =>
        {
            var entry = audit.LastOrDefault(a => a.Detail is { } d && d.Contains($"{path} v{c.Revision} ", StringComparison.Ordinal));
            return c with { Action = entry?.Action, Detail = entry?.Detail };
        }).ToList());
    }

    private static async Task<IResult> RevisionAsync(DefinitionKind kind, string id, int revision, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        var files = await RepositoryDocuments.LoadAsync(store, cancellationToken);
        var path = kind.HistoryPath(files, id);
        var version = (await store.Documents.HistoryAsync(path, cancellationToken)).FirstOrDefault(r => r.Version == revision);
        var text = version is null || version.Deleted ? null : kind.TextIn(path, version.Content, id);
        if (text is null || !CustomerAccess.For(context)(kind.CustomerOf(id, text)))
        {
            return Problems.NotFound($"{kind.Singular} \"{id}\" is not in revision {revision} of {path}");
        }

        return TypedResults.Ok(new DefinitionDocument(id, path, version!.Version, version.ChangedAt.ToDateTimeOffset(), version.ChangedBy, text));
    }

    private static async Task<IResult> DiffAsync(DefinitionKind kind, string id, int? from, int? to, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        var (path, changes, customer) = await ChangesAsync(store, kind, id, cancellationToken);
        if (changes.Count == 0 || !CustomerAccess.For(context)(customer))
        {
            return Problems.NotFound($"no {kind.Singular} \"{id}\" now or before");
        }

        var revisions = await store.Documents.HistoryAsync(path, cancellationToken);
        var newest = revisions[^1].Version;
        var toRevision = to ?? changes[^1].Revision;
        var fromRevision = from ?? (changes.Count > 1 ? changes[^2].Revision : 0);
        foreach (var (value, field) in new[] { (fromRevision, "from"), (toRevision, "to") })
        {
            if (value < 0 || value > newest)
            {
                return Problems.BadRequest($"{field} is revision {value}: {path} has revisions 1 to {newest} (0 is before the first)", field);
            }
        }

        string? TextAt(int revision) =>
            revisions.FirstOrDefault(r => r.Version == revision) is { Deleted: false } r ? kind.TextIn(path, r.Content, id) : null;

        var (before, after) = (TextAt(fromRevision), TextAt(toRevision));
        var lines = LineDiff.Compute(before, after);
        return TypedResults.Ok(new DefinitionDiff(
            id, path, fromRevision, toRevision, lines.Count(l => l.Op == "+"), lines.Count(l => l.Op == "-"), FieldDiff.Compute(before, after), lines, LineDiff.Unified(lines)));
    }

    private static async Task<IResult> ListVersionsAsync(string id, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var (files, _) = await LoadAsync(database, cancellationToken);
        if (DefinitionKind.Agreements.Find(files, id) is not { } entry || !CustomerAccess.For(context)(entry.Customer))
        {
            return Problems.NotFound($"no agreement \"{id}\"");
        }

        return TypedResults.Ok((AgreementLifecycle.Versions(entry.Text) ?? []).Select(v => new AgreementVersionSummary(
            v.Number,
            v.Status ?? string.Empty,
            YamlEntries.Scalar(YamlEntries.Child(v.Node, "effective"), "from"),
            YamlEntries.Scalar(YamlEntries.Child(v.Node, "effective"), "until"),
            !AgreementLifecycle.IsSettled(v.Status),
            AgreementLifecycle.Allowed.GetValueOrDefault(v.Status ?? string.Empty) ?? [])).ToList());
    }

    private static async Task<IResult> GetVersionAsync(string id, int version, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var (files, _) = await LoadAsync(database, cancellationToken);
        if (DefinitionKind.Agreements.Find(files, id) is not { } entry || !CustomerAccess.For(context)(entry.Customer))
        {
            return Problems.NotFound($"no agreement \"{id}\"");
        }

        if (AgreementLifecycle.Versions(entry.Text)?.FirstOrDefault(v => v.Number == version) is not { } found)
        {
            return Problems.NotFound($"agreement \"{id}\" has no version {version}");
        }

        var yaml = YamlEntries.Text(entry.Text, found.Entry);
        return WantsYaml(context.Request)
            ? TypedResults.Text(yaml + "\n", "application/yaml")
            : TypedResults.Ok(new AgreementVersionBody(id, found.Number, found.Status ?? string.Empty, yaml));
    }

    private static async Task<IResult> TransitionAsync(string id, HttpContext context, PledgeDatabase database, CancellationToken cancellationToken)
    {
        if (RepositoryApi.ActorOf(context.Request) is not { } actor)
        {
            return RepositoryApi.BadActor();
        }

        if (await RequestBody.ReadAsync(context.Request, cancellationToken) is not { } body)
        {
            return RequestBody.TooLarge();
        }

        int? version = null;
        string? to = null, until = null, reason = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadRequest("the body is {\"to\": \"agreed\", \"version\": 4, \"until\": \"2026-12-31\", \"reason\": \"…\"}", "body");
            }

            foreach (var property in json.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "version" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var n) && n > 0:
                        version = n;
                        break;
                    case "to" or "until" or "reason" when property.Value.ValueKind == JsonValueKind.String:
                        var value = property.Value.GetString()!;
                        _ = property.Name switch { "to" => to = value, "until" => until = value, _ => reason = value };
                        break;
                    case "version" or "to" or "until" or "reason":
                        return Problems.BadRequest(property.Name == "version" ? "is a positive whole number" : "is a string", property.Name);
                    default:
                        return Problems.BadRequest($"unknown field \"{property.Name}\": the body has to, version, until and reason", property.Name);
                }
            }
        }
        catch (JsonException e)
        {
            return Problems.BadRequest($"the body is not JSON: {e.Message}", "body");
        }

        if (to is null)
        {
            return Problems.BadRequest($"is required: the status to move to ({string.Join(", ", AgreementLifecycle.Statuses)})", "to");
        }

        if (until is not null && !NodaTime.Text.LocalDatePattern.Iso.Parse(until).Success)
        {
            return Problems.BadRequest($"\"{until}\" is not a date (2026-12-31): the last day in force", "until");
        }

        if (reason is { Length: > 2000 } || (reason?.Any(c => char.IsControl(c) && c != '\n') ?? false))
        {
            return Problems.BadRequest("is at most 2,000 characters, without control characters", "reason");
        }

        var canSee = CustomerAccess.For(context);
        string? from = null;
        var number = 0;
        var result = await ApplyAsync(context, database, actor, DefinitionKind.Agreements, "transitioned", id, files =>
        {
            if (DefinitionKind.Agreements.Find(files, id) is not { } entry || !canSee(entry.Customer))
            {
                return RepositoryChanges.Plan.Refuse(Problems.NotFound($"no agreement \"{id}\""));
            }

            number = version ?? AgreementLifecycle.Versions(entry.Text)?.Select(v => v.Number).DefaultIfEmpty(0).Max() ?? 0;
            var moved = AgreementLifecycle.Transition(entry.Text, number, to, until);
            from = moved.From;
            if (moved.Text is null)
            {
                return RepositoryChanges.Plan.Refuse(moved.Field == "version" ? Problems.NotFound(moved.Refusal!) : Problems.Conflict(moved.Refusal!, moved.Field));
            }

            var detail = $"version {number}: {from} -> {to}{(until is null ? string.Empty : $", until {until}")}{(reason is null ? string.Empty : $"; reason: {reason}")}";
            return new RepositoryChanges.Plan(
                new Dictionary<string, string> { [entry.Path] = moved.Text }, [], Audit: new DocumentAudit("agreement.transitioned", Target(DefinitionKind.Agreements, id), detail), Transition: true);
        }, cancellationToken);
        if (result.Refusal is not null)
        {
            return result.Refusal;
        }

        var outcome = result.Outcomes.Single();
        return TypedResults.Ok(new TransitionDone(id, number, from!, to, outcome.Version, [.. result.Warnings.Select(Problems.Body)]));
    }

    /// <summary>The changes of one definition in its file's history: each revision where its text differs from the one before.</summary>
    private static async Task<(string Path, List<DefinitionChange> Changes, string? Customer)> ChangesAsync(PledgeStore store, DefinitionKind kind, string id, CancellationToken cancellationToken)
    {
        var files = await RepositoryDocuments.LoadAsync(store, cancellationToken);
        var path = kind.HistoryPath(files, id);
        var changes = new List<DefinitionChange>();
        string? previous = null, customer = null;
        foreach (var revision in await store.Documents.HistoryAsync(path, cancellationToken))
        {
            var text = revision.Deleted ? null : kind.TextIn(path, revision.Content, id);
            if (string.Equals(text, previous, StringComparison.Ordinal))
            {
                continue;
            }

            var change = previous is null ? "created" : text is null ? "deleted" : "updated";
            changes.Add(new DefinitionChange(revision.Version, revision.ChangedAt.ToDateTimeOffset(), revision.ChangedBy, change, null, null));
            customer = text is null ? customer : kind.CustomerOf(id, text);
            previous = text;
        }

        return (path, changes, customer);
    }

    private static async Task<RepositoryChanges.Result> ApplyAsync(
        HttpContext context, PledgeDatabase database, string actor, DefinitionKind kind, string verb, string id, Func<IReadOnlyDictionary<string, string>, RepositoryChanges.Plan> plan, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        var audit = new DocumentAudit($"{kind.Singular}.{verb}", Target(kind, id));
        var result = await RepositoryChanges.ApplyAsync(store, plan, actor, audit, dryRun: false, cancellationToken);
        if (result.Refusal is null)
        {
            // The live monitor re-reads the repository: a changed target moves every clock it governs.
            context.RequestServices.GetService<Monitoring.LiveMonitor>()?.RepositoryChanged();
        }

        return result;
    }

    private static string Target(DefinitionKind kind, string id) => $"{kind.Singular}:{id.ToLowerInvariant()}";

    private static async Task<(Dictionary<string, string> Files, Dictionary<string, StoredDocument> Documents)> LoadAsync(PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        var documents = (await store.Documents.ListAsync(null, cancellationToken)).ToDictionary(d => d.Path, StringComparer.Ordinal);
        return (documents.ToDictionary(d => d.Key, d => d.Value.Content, StringComparer.Ordinal), documents);
    }

    private static bool WantsYaml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && (a.Contains("yaml", StringComparison.OrdinalIgnoreCase)));

    private static DefinitionSummary Summary(DefinitionEntry entry, StoredDocument document) =>
        new(entry.Id, entry.Name, entry.Path, document.Version, document.UpdatedAt.ToDateTimeOffset(), document.UpdatedBy, entry.Customer);

    private static DefinitionChanged Changed(string id, string path, RepositoryChanges.Result result)
    {
        var outcome = result.Outcomes.FirstOrDefault(o => o.Path == path);
        return new DefinitionChanged(
            id, path, outcome?.Version ?? 0, outcome?.Change.ToString().ToLowerInvariant() ?? "unchanged", null, [.. result.Warnings.Select(Problems.Body)]);
    }
}

/// <summary>A definition in a list.</summary>
internal sealed record DefinitionSummary(string Id, string? Name, string Path, int Revision, DateTimeOffset UpdatedAt, string UpdatedBy, string? Customer);

/// <summary>A definition's YAML, with the file and revision it was read from.</summary>
internal sealed record DefinitionDocument(string Id, string Path, int Revision, DateTimeOffset UpdatedAt, string UpdatedBy, string Yaml);

/// <summary>What a write did: the file's revision after it, created/updated/unchanged/deleted, the agreement version it made.</summary>
internal sealed record DefinitionChanged(string Id, string Path, int Revision, string Change, int? NewVersion, IReadOnlyList<RepositoryProblemBody> Warnings);

/// <summary>One change in a definition's history.</summary>
internal sealed record DefinitionChange(int Revision, DateTimeOffset At, string By, string Change, string? Action, string? Detail);

/// <summary>A diff of a definition between two revisions of its file (0: before the first): the fields that differ, and its lines.</summary>
internal sealed record DefinitionDiff(
    string Id, string Path, int From, int To, int Added, int Removed, IReadOnlyList<FieldDiff.Field> Fields, IReadOnlyList<LineDiff.Line> Lines, string Unified);

/// <summary>A version of an agreement.</summary>
internal sealed record AgreementVersionSummary(int Version, string Status, string? From, string? Until, bool Editable, IReadOnlyList<string> Next);

/// <summary>A version of an agreement as its YAML entry.</summary>
internal sealed record AgreementVersionBody(string Id, int Version, string Status, string Yaml);

/// <summary>The body of <c>POST /api/v1/agreements/{id}/transitions</c>.</summary>
internal sealed record TransitionRequest(string To, int? Version, string? Until, string? Reason);

/// <summary>What a transition did.</summary>
internal sealed record TransitionDone(string Id, int Version, string From, string To, int Revision, IReadOnlyList<RepositoryProblemBody> Warnings);
