using System.Text;
using NodaTime;
using Pledge.Reports;
using Pledge.Reports.Formats;
using Pledge.Server.Security;
using Pledge.Text;

namespace Pledge.Server.Api;

/// <summary>
/// <c>GET /api/v1/report</c>: the service report of <c>pledge report</c>, built from the stored repository and
/// events with the same Core code and written by the same writers.
/// </summary>
internal static class ReportApi
{
    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/report")
            .WithTags("Reports")
            .MapGet("/", GetAsync)
            .RequireScope(Scopes.ReportsRead)
            .AllowCustomerContacts() // filtered to the contact's customer by CustomerView
            .WithName("GetReport")
            .WithSummary("The service report of a period: every target of every customer, budgets, trends, actions and watermelon flags.")
            .WithDescription("period: 2026-11 (month), 2026-W47 (ISO week), 2026-Q4 (quarter) or 30d (the rolling days before at). at: the instant evaluated at, ISO-8601 with offset (default now). format: json (default), csv, markdown or html. trend: periods the trends cover, 1 to 60 (default 6).")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/csv", "text/markdown", "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext context, PledgeDatabase database, IClock clock, string? period, string? at, string? format, int? trend, CancellationToken cancellationToken)
    {
        if (!ReportPeriod.TryParse(period, out var reportPeriod))
        {
            return BadRequest("period", period is null
                ? "is required: 2026-11, 2026-W47, 2026-Q4 or 30d"
                : $"\"{period}\" is not a period (2026-11, 2026-W47, 2026-Q4 or 30d)");
        }

        var asOf = clock.GetCurrentInstant();
        if (at is not null)
        {
            if (!IsoInstant.TryParse(at.AsSpan(), out var ticks))
            {
                return BadRequest("at", $"\"{at}\" is not an instant with an offset, such as 2026-11-30T18:00:00+01:00");
            }

            asOf = Instant.FromUnixTimeTicks(ticks);
        }

        var kind = (format ?? "json").ToLowerInvariant();
        var contentType = kind switch
        {
            "json" => "application/json",
            "csv" => "text/csv",
            "markdown" or "md" => "text/markdown",
            "html" => "text/html",
            _ => null,
        };
        if (contentType is null)
        {
            return BadRequest("format", $"\"{format}\" is not json, csv, markdown or html");
        }

        var trendPeriods = trend ?? 6;
        if (trendPeriods is < 1 or > 60)
        {
            return BadRequest("trend", $"{trendPeriods} is not a number of periods from 1 to 60");
        }

        var store = await database.GetAsync();
        var (inputs, problem) = await ReportInputs.LoadAsync(store, context, cancellationToken);
        if (inputs is null)
        {
            return problem!;
        }

        // The report code is synchronous: it runs on a pool thread and reads the ticket stream there. Stored
        // corrective actions are among the inputs' actions, beside the targets as action events are.
        var text = await Task.Run(() =>
        {
            var report = inputs.Report(store, reportPeriod, asOf, trendPeriods, cancellationToken);
            return kind switch
            {
                "csv" => ReportCsv.Write(report),
                "markdown" or "md" => ReportMarkdown.Write(report, inputs.Repository),
                "html" => ReportHtml.Write(report, inputs.Repository),
                _ => ReportJson.Write(report, inputs.Repository),
            };
        }, cancellationToken);
        return TypedResults.Text(text, contentType, Encoding.UTF8);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadRequest(string parameter, string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter", detail: $"{parameter}: {message}",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [parameter] = [message] } });
}
