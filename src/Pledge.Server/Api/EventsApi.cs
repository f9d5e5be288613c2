using System.Text.Json;
using Pledge.Server.Operations;
using Pledge.Server.Security;
using Pledge.Storage;
using Pledge.Tickets;

namespace Pledge.Server.Api;

/// <summary><c>POST /api/v1/events</c>: ticket and measure events, one or a batch, idempotent by id, in any order.</summary>
internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/events")
            .WithTags("Events")
            .MapPost("/", PostAsync)
            .RequireScope(Scopes.EventsWrite)
            .WithName("PostEvents")
            .WithSummary("Stores one event or a JSON array of up to 10,000 (the shapes of docs/events.md and docs/measures.md).")
            .WithDescription("Every event is validated first; any invalid event refuses the whole batch (400, naming events[i].field) and nothing is stored. A field the event's type does not read (unknown, misspelt, or of another type) is refused too. An id already stored is counted as a duplicate, so a batch can be retried.")
            .Accepts<JsonElement>("application/json")
            .Produces<AppendCounts>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<IResult> PostAsync(HttpRequest request, PledgeDatabase database, ServerMetrics metrics, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return RequestBody.TooLarge();
        }

        EventLines events;
        try
        {
            events = EventLines.Split(body, EventStore.MaxBatchSize);
        }
        catch (JsonException e)
        {
            return BadRequest("Malformed JSON", $"the body is not JSON: {e.Message}", "body");
        }
        catch (System.Text.DecoderFallbackException)
        {
            return BadRequest("Malformed JSON", "the body is not UTF-8 text", "body");
        }
        catch (FormatException e)
        {
            return BadRequest("Not an event", e.Message, "body");
        }

        if (events.Count > EventStore.MaxBatchSize)
        {
            return BadRequest("Too many events", $"{events.Count} events: at most {EventStore.MaxBatchSize} per call", "events");
        }

        if (events.NotObjects.Count > 0)
        {
            return Invalid(new Dictionary<string, string[]>(events.NotObjects, StringComparer.Ordinal));
        }

        // The API is strict where event files are lenient: a field an event's type does not read is refused, naming it.
        var batch = EventBatch.Read(events.Lines, events.Utf8, events.Types, EventLines.Name, UnknownFields.Refuse);
        if (batch.Problems.Count > 0)
        {
            var errors = batch.Problems.GroupBy(p => p.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
            return Invalid(errors);
        }

        var store = await database.GetAsync();
        try
        {
            var result = await store.Events.AppendAsync(batch.Events, cancellationToken);
            metrics.EventsAppended(result.Inserted, result.Duplicates);
            return TypedResults.Ok(new AppendCounts(result.Inserted, result.Duplicates));
        }
        catch (ArgumentException e)
        {
            // The store's own guards (an id over 512 characters, text PostgreSQL cannot hold): it names events[i].field.
            return BadRequest("Invalid event", e.Message.Split(" (Parameter", 2)[0], "events");
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(Dictionary<string, string[]> errors)
    {
        var first = errors.First();
        return TypedResults.ValidationProblem(errors,
            title: "Invalid events",
            detail: $"{errors.Count} invalid event field(s), nothing was stored; first: {first.Key}: {first.Value[0]}");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadRequest(string title, string detail, string field) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}

/// <summary>What a call to <c>POST /api/v1/events</c> did.</summary>
/// <param name="Inserted">Events stored by this call.</param>
/// <param name="Duplicates">Events whose id was already stored (or came twice in the batch): ignored.</param>
internal sealed record AppendCounts(int Inserted, int Duplicates);
