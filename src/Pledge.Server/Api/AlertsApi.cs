using Pledge.Server.Security;
using NodaTime;
using Pledge.Storage;
using Pledge.Text;

namespace Pledge.Server.Api;

/// <summary><c>GET /api/v1/alerts</c>: the warnings, breaches and budget alerts the live monitor raised, a page at a time.</summary>
internal static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/alerts")
            .AllowCustomerContacts() // the query is narrowed to the contact's customer
            .WithTags("Monitor")
            .MapGet("/", GetAsync)
            .RequireScope(Scopes.ReportsRead)
            .WithName("GetAlerts")
            .WithSummary("Alerts the live monitor raised, in the order raised: kind, customer, agreement, ticket and since filter; after and limit page.")
            .WithDescription("kind: warning, breach or budget. since: raised at or after this instant (ISO-8601 with offset). after: the `next` of the previous page. limit: 1 to 1000 (default 100).")
            .Produces<AlertPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> GetAsync(
        HttpContext context, PledgeDatabase database, string? kind, string? customer, string? agreement, string? ticket, string? since, long? after, int? limit, CancellationToken cancellationToken)
    {
        if (kind is not null && !AlertKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            return BadRequest("kind", $"\"{kind}\" is not {string.Join(", ", AlertKinds.All)}");
        }

        Instant? from = null;
        if (since is not null)
        {
            if (!IsoInstant.TryParse(since.AsSpan(), out var ticks))
            {
                return BadRequest("since", $"\"{since}\" is not an instant with an offset, such as 2026-11-30T18:00:00+01:00");
            }

            from = Instant.FromUnixTimeTicks(ticks);
        }

        if (after is < 0)
        {
            return BadRequest("after", $"{after} is not a position: use the `next` of the previous page");
        }

        var pageSize = limit ?? 100;
        if (pageSize is < 1 or > AlertQuery.MaxLimit)
        {
            return BadRequest("limit", $"{pageSize} is not from 1 to {AlertQuery.MaxLimit}");
        }

        // The one place this endpoint narrows alerts by customer: a customer contact's query is limited to its own
        // customer, and the store filters before paging.
        var caller = Caller.Of(context);
        var query = new AlertQuery
        {
            Kind = kind,
            Customer = customer,
            Customers = caller is { IsCustomerContact: true, Customer: { } own } ? [own] : null,
            Agreement = agreement,
            Ticket = ticket,
            Since = from,
            After = after,
            Limit = pageSize,
        };
        var store = await database.GetAsync();
        var alerts = await store.Alerts.ReadAsync(query, cancellationToken);
        return TypedResults.Ok(new AlertPage(
            [.. alerts.Select(AlertBody.Of)],
            alerts.Count == pageSize ? alerts[^1].Sequence : null));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadRequest(string parameter, string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter", detail: $"{parameter}: {message}",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [parameter] = [message] } });
}
