using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Pledge.Server.Api;

/// <summary>
/// Requests the framework cannot bind to an endpoint's typed parameters (malformed JSON, a wrong type, a query value
/// that is not a number) answer an RFC 7807 problem naming the field, like the endpoints' own validation, instead of
/// a bare 400. Nothing has run, so nothing is stored.
/// </summary>
internal sealed partial class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (field, message) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Too large" : "Invalid request",
            Detail = $"{field}: {message}",
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } },
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The field at fault and what is wrong with it, in words that do not name .NET types.</summary>
    internal static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var path = json.Path is null or "$" ? null : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
            return path is null
                ? ("body", "is not valid JSON, or not the JSON object this endpoint takes")
                : (path, "has the wrong type or is not valid JSON");
        }

        if (Parameter().Match(exception.Message) is { Success: true } match)
        {
            var value = exception.Message.Contains(" from \"", StringComparison.Ordinal) ? "is not a valid value here" : "is required";
            return (match.Groups["name"].Value, value);
        }

        return ("body", exception.StatusCode == StatusCodes.Status413PayloadTooLarge ? "is too large" : exception.Message);
    }

    // "Failed to bind parameter "int? limit" from "abc"." / "Required parameter "string name" was not provided …"
    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex Parameter();
}
