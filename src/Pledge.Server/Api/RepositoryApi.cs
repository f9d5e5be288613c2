using System.Text.Json;
using Pledge.Agreements;
using Pledge.Server.Api.Definitions;
using Pledge.Storage;
using Pledge.Server.Security;

namespace Pledge.Server.Api;

/// <summary>
/// <c>PUT /api/v1/repository</c> applies a service-level repository (the files of docs/repository.md) in one call;
/// <c>GET /api/v1/repository</c> exports it in the same shape.
/// </summary>
internal static class RepositoryApi
{
    public static IEndpointRouteBuilder MapRepositoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repository").WithTags("Repository");
        group.MapGet("/", GetAsync)
            .RequireScope(Scopes.DefinitionsRead) // the whole repository, every customer: not for customer contacts
            .WithName("GetRepository")
            .WithSummary("Exports the stored repository: every file's current text by path.")
            .Produces<RepositoryFiles>();
        group.MapPut("/", PutAsync)
            .RequireScope(Scopes.DefinitionsWrite)
            .WithName("PutRepository")
            .WithSummary("Validates and stores a repository in one transaction: {\"files\": {\"catalogue.yaml\": \"…\"}, \"delete\": [\"agreements/old.yaml\"], \"replace\": false}.")
            .WithDescription("The files sent are laid over the stored ones (with replace: true every stored file not sent is deleted; delete names files to delete) and the whole is validated with the same reader as `pledge validate`; any error refuses the call (422, every problem with file, line, column and field; 409 when it breaks an agreement's lifecycle) and nothing is stored. Each changed file becomes a new version of its document, a deleted one a tombstone version, by the authenticated caller, all in one transaction with one audit entry. ?dryRun=true checks and answers the same, storing nothing.")
            .Accepts<RepositoryFiles>("application/json")
            .Produces<RepositoryApplied>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<IResult> GetAsync(PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        return TypedResults.Ok(new RepositoryFiles(new SortedDictionary<string, string>(await RepositoryDocuments.LoadAsync(store, cancellationToken), StringComparer.Ordinal)));
    }

    /// <summary>Who makes a change, for the audit: the authenticated caller; null on an anonymous request, which access
    /// control refuses before any endpoint that changes something runs.</summary>
    public static string? ActorOf(HttpRequest request) => Caller.Of(request.HttpContext)?.Actor;

    /// <summary>401 for a change without an authenticated caller.</summary>
    public static IResult BadActor() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in",
        detail: "a change needs an authenticated caller: send Authorization: Bearer <API key or session token>");

    private static async Task<IResult> PutAsync(HttpRequest request, Caller caller, PledgeDatabase database, bool? dryRun, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return RequestBody.TooLarge();
        }

        var actor = caller.Actor;

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var deletes = new List<string>();
        var replace = false;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("files", out var filesElement) || filesElement.ValueKind != JsonValueKind.Object)
            {
                return BadRequest("the body is {\"files\": {\"catalogue.yaml\": \"…\", …}}: an object of file texts by path", "files");
            }

            foreach (var property in root.EnumerateObject().Where(p => p.Name is not ("files" or "delete" or "replace")))
            {
                return BadRequest($"unknown field \"{property.Name}\": the body has files, delete and replace", property.Name);
            }

            foreach (var file in filesElement.EnumerateObject())
            {
                if (!RepositoryDocuments.IsRepositoryPath(file.Name))
                {
                    return BadRequest($"\"{file.Name}\" is not a repository file: a relative path with '/' and no '..', ending in .yaml, .yml or .ics", $"files.{file.Name}");
                }

                if (file.Value.ValueKind != JsonValueKind.String)
                {
                    return BadRequest($"is a JSON {file.Value.ValueKind.ToString().ToLowerInvariant()}: a file's text is a string", $"files.{file.Name}");
                }

                files[file.Name] = file.Value.GetString()!;
            }

            if (root.TryGetProperty("replace", out var replaceElement))
            {
                if (replaceElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return BadRequest("is true or false: true deletes every stored file the call does not send", "replace");
                }

                replace = replaceElement.GetBoolean();
            }

            if (root.TryGetProperty("delete", out var deleteElement))
            {
                if (deleteElement.ValueKind != JsonValueKind.Array)
                {
                    return BadRequest("is a list of paths to delete: [\"agreements/old.yaml\"]", "delete");
                }

                var i = 0;
                foreach (var item in deleteElement.EnumerateArray())
                {
                    var path = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
                    if (path is null || !RepositoryDocuments.IsRepositoryPath(path))
                    {
                        return BadRequest("is not a repository file path", $"delete[{i}]");
                    }

                    if (files.ContainsKey(path))
                    {
                        return BadRequest($"\"{path}\" is both sent and deleted", $"delete[{i}]");
                    }

                    deletes.Add(path);
                    i++;
                }
            }
        }
        catch (JsonException e)
        {
            return BadRequest($"the body is not JSON: {e.Message}", "body");
        }

        if (files.Count == 0 && deletes.Count == 0)
        {
            return BadRequest("no files: send at least catalogue.yaml, customers.yaml, calendars/ and agreements/", "files");
        }

        var store = await database.GetAsync();

        // The files are laid over the stored ones (or replace them all), and that whole is what is validated.
        var result = await RepositoryChanges.ApplyAsync(
            store,
            stored => new RepositoryChanges.Plan(files, replace ? [.. stored.Keys.Where(p => !files.ContainsKey(p)).Union(deletes)] : deletes),
            actor,
            new DocumentAudit("repository.put", "repository"),
            dryRun ?? false,
            cancellationToken);
        if (result.Refusal is not null)
        {
            return result.Refusal;
        }

        if (!(dryRun ?? false))
        {
            request.HttpContext.RequestServices.GetService<Monitoring.LiveMonitor>()?.RepositoryChanged();
        }

        var changed = result.Outcomes.Where(o => o.Changed).Select(o => $"{o.Path} v{o.Version}").ToList();
        return TypedResults.Ok(new RepositoryApplied(
            files.Count,
            changed,
            [.. result.Warnings.Select(Problem)],
            [.. result.Outcomes.Where(o => o.Change != DocumentChange.Absent).Select(o => new RepositoryFileOutcome(o.Path, o.Change.ToString().ToLowerInvariant(), o.Version))],
            dryRun ?? false));
    }

    private static RepositoryProblemBody Problem(RepositoryProblem p) =>
        new(p.File, p.Line, p.Column, p.Field, p.Message, p.IsWarning ? "warning" : "error");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadRequest(string detail, string field) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}

/// <summary>A repository as files: their text by path from the repository root (<c>agreements/acme-gold.yaml</c>).</summary>
internal sealed record RepositoryFiles(IReadOnlyDictionary<string, string> Files);

/// <summary>What <c>PUT /api/v1/repository</c> did (or, in a dry run, would do).</summary>
/// <param name="Files">Files sent.</param>
/// <param name="Changed">Files stored as a new version (<c>path vN</c>, deletions included); the others were unchanged.</param>
/// <param name="Warnings">Warnings of the validation (they do not stop it).</param>
/// <param name="Results">What was done to each file: created, updated, unchanged or deleted, and its version after.</param>
/// <param name="DryRun">Whether nothing was stored (<c>?dryRun=true</c>).</param>
internal sealed record RepositoryApplied(int Files, IReadOnlyList<string> Changed, IReadOnlyList<RepositoryProblemBody> Warnings, IReadOnlyList<RepositoryFileOutcome> Results, bool DryRun);

/// <summary>What a repository PUT did to one file.</summary>
internal sealed record RepositoryFileOutcome(string Path, string Change, int Version);

/// <summary>One problem of a repository, where it is and what is wrong.</summary>
internal sealed record RepositoryProblemBody(string File, int Line, int Column, string Field, string Message, string Severity);
