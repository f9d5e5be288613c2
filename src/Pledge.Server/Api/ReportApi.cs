using System.Text;
using NodaTime;
using Pledge.Agreements;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Reports.Formats;
using Pledge.Server.Security;
using Pledge.Storage;
using Pledge.Text;
using Pledge.Tickets;

namespace Pledge.Server.Api;

/// <summary>
/// <c>GET /api/v1/report</c>: the service report of <c>pledge report</c>, built from the stored repository and
/// events with the same Core code and written by the same writers.
/// </summary>
internal static class ReportApi
{
    /// <summary>How long after a ticket is closed its late events are still taken (the CLI's default --grace).</summary>
    private static readonly Duration Grace = Duration.FromDays(7);

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

    private static async Task<IResult> GetAsync(Caller caller, PledgeDatabase database, IClock clock, string? period, string? at, string? format, int? trend, CancellationToken cancellationToken)
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
        var files = await RepositoryDocuments.LoadAsync(store, cancellationToken);
        if (files.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No repository",
                detail: "no service-level repository is stored yet: PUT /api/v1/repository first (or start the server with --demo)");
        }

        var read = ServiceLevelRepositoryReader.Read(new InMemoryRepositorySource(files));
        if (read.Repository is not { } stored)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Invalid stored repository",
                detail: $"the stored repository is not valid: {read.Problems.First(p => !p.IsWarning)}");
        }

        // Customer isolation: a customer contact's report is computed from its part of the repository and its
        // tickets, and filtered again at the end (CustomerView).
        var view = new CustomerView(caller);
        var repository = view.Repository(stored);
        var measures = await MeasuresAsync(store, cancellationToken);

        // The ticket events stream from the database (in time order) through the assembler, as the CLI streams a
        // file: each ticket is measured once it is closed and the stream has moved past it. The report code is
        // synchronous, so it runs on a pool thread and reads the stream there.
        var text = await Task.Run(() =>
        {
            var tickets = store.Events.ReadAsync(EventQuery.OfTypes([.. TicketEventNames.All]), cancellationToken)
                .ToBlockingEnumerable(cancellationToken)
                .Select(TicketEventOf)
                .OfType<TicketEvent>();
            var outcomes = new TicketOutcomes(repository, reportPeriod.LastPeriods(trendPeriods), asOf);
            var attainment = AttainmentReport.Build(repository, outcomes.Observe(view.Tickets(new TicketAssembler(Grace).Assemble(tickets))), reportPeriod, asOf);
            var report = view.Report(ServiceReport.Build(repository, attainment, measures, reportPeriod, asOf, trendPeriods, outcomes: outcomes));
            return kind switch
            {
                "csv" => ReportCsv.Write(report),
                "markdown" or "md" => ReportMarkdown.Write(report, repository),
                "html" => ReportHtml.Write(report, repository),
                _ => ReportJson.Write(report, repository),
            };
        }, cancellationToken);
        return TypedResults.Text(text, contentType, Encoding.UTF8);
    }

    private static async Task<MeasureEvents> MeasuresAsync(PledgeStore store, CancellationToken cancellationToken)
    {
        var builder = new MeasureEvents.Builder();
        await foreach (var e in store.Events.ReadAsync(EventQuery.OfTypes([.. MeasureEventReader.Types]), cancellationToken))
        {
            // Stored events were read by the same reader when they came in, so each reads again.
            if (MeasureEventReader.ReadLine(e.Body, 1).Event is { } measure)
            {
                builder.Add(measure);
            }
        }

        return builder.Build();
    }

    private static TicketEvent? TicketEventOf(StoredEvent stored) =>
        TicketEventReader.ReadJsonLines(new StringReader(stored.Body)).FirstOrDefault().Event;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadRequest(string parameter, string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter", detail: $"{parameter}: {message}",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [parameter] = [message] } });
}
