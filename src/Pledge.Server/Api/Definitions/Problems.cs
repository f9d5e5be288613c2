using Pledge.Agreements;

namespace Pledge.Server.Api.Definitions;

/// <summary>The RFC 7807 answers of the definitions API, each naming the field (and file, line, column) at fault.</summary>
internal static class Problems
{
    /// <summary>422 (or 409 for a change that something else still needs): every problem of the repository the change would make.</summary>
    public static IResult Invalid(IEnumerable<RepositoryProblem> problems, bool conflict = false)
    {
        var all = problems.ToList();
        var errors = all.Where(p => !p.IsWarning).ToList();
        return TypedResults.Problem(
            statusCode: conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity,
            title: conflict ? "Still referenced" : "Invalid repository",
            detail: conflict
                ? $"the repository would not be valid without it ({errors.Count} problem(s)), nothing was stored; first: {errors[0]}"
                : $"{errors.Count} problem(s), nothing was stored; first: {errors[0]}",
            extensions: new Dictionary<string, object?> { ["problems"] = all.Select(Body).ToList() });
    }

    /// <summary>409: the change breaks the agreement lifecycle (an agreed version changed in place, a status skipped, …).</summary>
    public static IResult Lifecycle(IReadOnlyList<RepositoryProblem> violations) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Agreement lifecycle",
        detail: $"{violations[0].Message}; nothing was stored",
        extensions: new Dictionary<string, object?> { ["problems"] = violations.Select(Body).ToList() });

    /// <summary>400 naming <paramref name="field"/>.</summary>
    public static IResult BadRequest(string detail, string field) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid request",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    /// <summary>404.</summary>
    public static IResult NotFound(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// <summary>409 naming <paramref name="field"/>.</summary>
    public static IResult Conflict(string detail, string field) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Conflict",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    public static RepositoryProblemBody Body(RepositoryProblem p) =>
        new(p.File, p.Line, p.Column, p.Field, p.Message, p.IsWarning ? "warning" : "error");
}
