using Pledge.Server.Security;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Pledge.Storage;

namespace Pledge.Server.Api;

/// <summary><c>/api/v1/notifications</c>: the outbox as a read model, each notification with its delivery log.</summary>
internal static class NotificationsApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        group.MapGet("/", ListAsync)
            .RequireScope(Scopes.NotificationsManage)
            .WithName("ListNotifications")
            .WithSummary("Lists notifications in the order queued; filters status, alert, agreement, customer, channel; pages with after (the previous page's next) and limit (1-1000, default 100).")
            .Produces<NotificationPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", GetAsync)
            .RequireScope(Scopes.NotificationsManage)
            .WithName("GetNotification")
            .WithSummary("Reads one notification with its payload and its delivery log (every attempt: when, outcome, HTTP status or SMTP reply, error, duration).")
            .Produces<NotificationDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// The one place that decides whose notifications a caller may see: null for everyone's. Access control restricts a
    /// customer contact to its own customer here.
    /// </summary>
    internal static string? VisibleCustomer(HttpContext context) => null;

    private static async Task<IResult> ListAsync(
        HttpContext context,
        PledgeDatabase database,
        string? status,
        string? alert,
        string? agreement,
        string? customer,
        string? channel,
        string? after,
        string? limit,
        CancellationToken cancellationToken)
    {
        if (status is not null && !NotificationStatus.All.Contains(status))
        {
            return BadRequest($"\"{status}\" is not a status: {string.Join(", ", NotificationStatus.All)}", "status");
        }

        var afterValue = 0L;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterValue) || afterValue < 0))
        {
            return BadRequest($"\"{after}\" is not a cursor: give the next value of the previous page", "after");
        }

        var limitValue = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out limitValue) || limitValue is < 1 or > MaxLimit))
        {
            return BadRequest($"\"{limit}\" is not a page size from 1 to {MaxLimit}", "limit");
        }

        if (VisibleCustomer(context) is { } only)
        {
            if (customer is not null && !string.Equals(customer, only, StringComparison.OrdinalIgnoreCase))
            {
                return TypedResults.Ok(new NotificationPage([], null));
            }

            customer = only;
        }

        var store = await database.GetAsync();
        var page = await store.Notifications.ListAsync(new NotificationQuery(status, alert, agreement, customer, channel?.ToLowerInvariant(), afterValue, limitValue + 1), cancellationToken);
        var items = page.Take(limitValue).Select(Summary).ToList();
        return TypedResults.Ok(new NotificationPage(items, page.Count > limitValue ? page[limitValue - 1].Sequence : null));
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();

        // The attempts first: an attempt and the status it leads to are committed together, so a notification read
        // after its attempts is never older than them (read the other way round, a delivery committing in between
        // showed a new attempt beside the old status).
        var attempts = await store.Notifications.AttemptsAsync(id, cancellationToken);
        var notification = await store.Notifications.GetAsync(id, cancellationToken);
        if (notification is null || (VisibleCustomer(context) is { } only && !string.Equals(notification.Entry.Customer, only, StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such notification", detail: $"there is no notification {id}",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["id"] = ["no such notification"] } });
        }

        using var payload = JsonDocument.Parse(notification.Entry.Payload);
        return TypedResults.Ok(new NotificationDetail(
            Summary(notification),
            payload.RootElement.Clone(),
            [.. attempts.Select(a => new AttemptBody(a.Attempt, Iso(a.At), a.Outcome, a.StatusCode, a.Reply, a.Error, (long)a.Duration.TotalMilliseconds))]));
    }

    private static NotificationSummary Summary(StoredNotification n) => new(
        n.Entry.Id,
        n.Entry.AlertId,
        n.Entry.AlertKind,
        n.Entry.Agreement,
        n.Entry.Customer,
        n.Entry.Channel,
        n.Entry.ChannelType,
        n.Entry.Recipient,
        n.Entry.Reason,
        n.Status,
        n.Attempts,
        n.NextAttemptAt is { } next ? Iso(next) : null,
        Iso(n.CreatedAt),
        Iso(n.UpdatedAt),
        n.LastError,
        n.Sequence);

    private static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private static ProblemHttpResult BadRequest(string detail, string field) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query", detail: $"{field}: {detail}",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}

/// <summary>One page of notifications; <c>next</c> is the <c>after</c> of the next page, null on the last.</summary>
internal sealed record NotificationPage(IReadOnlyList<NotificationSummary> Items, long? Next);

/// <summary>A notification and where its delivery stands.</summary>
internal sealed record NotificationSummary(
    string Id,
    string AlertId,
    string AlertKind,
    string Agreement,
    string? Customer,
    string? Channel,
    string ChannelType,
    string Recipient,
    string Reason,
    string Status,
    int Attempts,
    string? NextAttemptAt,
    string CreatedAt,
    string UpdatedAt,
    string? LastError,
    long Sequence);

/// <summary>A notification with the payload it delivers and its delivery log.</summary>
internal sealed record NotificationDetail(NotificationSummary Notification, JsonElement Payload, IReadOnlyList<AttemptBody> Attempts);

/// <summary>One delivery attempt.</summary>
internal sealed record AttemptBody(int Attempt, string At, string Outcome, int? StatusCode, string? Reply, string? Error, long DurationMs);
