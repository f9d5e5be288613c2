using System.Text.Json;
using Pledge.Agreements;
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
            .WithSummary("Validates and stores a repository: {\"files\": {\"catalogue.yaml\": \"…\", \"agreements/acme-gold.yaml\": \"…\"}}.")
            .WithDescription("The files sent are laid over the stored ones and the whole is validated with the same reader as `pledge validate`; any error refuses the call (422, every problem with file, line, column and field) and nothing is stored. Each changed file becomes a new version of its document, by the authenticated caller, and the change is audited.")
            .Accepts<RepositoryFiles>("application/json")
            .Produces<RepositoryApplied>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<IResult> GetAsync(PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        return TypedResults.Ok(new RepositoryFiles(new SortedDictionary<string, string>(await RepositoryDocuments.LoadAsync(store, cancellationToken), StringComparer.Ordinal)));
    }

    private static async Task<IResult> PutAsync(HttpRequest request, Caller caller, PledgeDatabase database, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return RequestBody.TooLarge();
        }

        var actor = caller.Actor;

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("files", out var filesElement) || filesElement.ValueKind != JsonValueKind.Object)
            {
                return BadRequest("the body is {\"files\": {\"catalogue.yaml\": \"…\", …}}: an object of file texts by path", "files");
            }

            foreach (var property in root.EnumerateObject().Where(p => p.Name != "files"))
            {
                return BadRequest($"unknown field \"{property.Name}\": the body has only \"files\"", property.Name);
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
        }
        catch (JsonException e)
        {
            return BadRequest($"the body is not JSON: {e.Message}", "body");
        }

        if (files.Count == 0)
        {
            return BadRequest("no files: send at least catalogue.yaml, customers.yaml, calendars/ and agreements/", "files");
        }

        var store = await database.GetAsync();

        // Documents are never deleted (schema version 1), so what will be in force is the stored files with these
        // laid over them: validate that whole, not the request alone.
        var merged = await RepositoryDocuments.LoadAsync(store, cancellationToken);
        foreach (var (path, text) in files)
        {
            merged[path] = text;
        }

        var read = ServiceLevelRepositoryReader.Read(new InMemoryRepositorySource(merged));
        if (!read.IsValid)
        {
            var errors = read.Problems.Where(p => !p.IsWarning).ToList();
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Invalid repository",
                detail: $"{errors.Count} problem(s), nothing was stored; first: {errors[0]}",
                extensions: new Dictionary<string, object?> { ["problems"] = read.Problems.Select(Problem).ToList() });
        }

        var changed = await RepositoryDocuments.StoreAsync(store, files, actor, cancellationToken);
        return TypedResults.Ok(new RepositoryApplied(files.Count, changed, [.. read.Problems.Select(Problem)]));
    }

    private static RepositoryProblemBody Problem(RepositoryProblem p) =>
        new(p.File, p.Line, p.Column, p.Field, p.Message, p.IsWarning ? "warning" : "error");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadRequest(string detail, string field) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}

/// <summary>A repository as files: their text by path from the repository root (<c>agreements/acme-gold.yaml</c>).</summary>
internal sealed record RepositoryFiles(IReadOnlyDictionary<string, string> Files);

/// <summary>What <c>PUT /api/v1/repository</c> did.</summary>
/// <param name="Files">Files sent.</param>
/// <param name="Changed">Files stored as a new version (<c>path vN</c>); the others were unchanged.</param>
/// <param name="Warnings">Warnings of the validation (they do not stop it).</param>
internal sealed record RepositoryApplied(int Files, IReadOnlyList<string> Changed, IReadOnlyList<RepositoryProblemBody> Warnings);

/// <summary>One problem of a repository, where it is and what is wrong.</summary>
internal sealed record RepositoryProblemBody(string File, int Line, int Column, string Field, string Message, string Severity);
