using Pledge.Server.Security;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime.Text;
using Pledge.Agreements;
using Pledge.Storage;

namespace Pledge.Server.Api;

/// <summary>
/// <c>/api/v1/channels</c>: the notification channels escalation rules name, webhooks (a URL and an HMAC secret) and
/// e-mail lists. A webhook's secret is write-only: no answer ever contains it.
/// </summary>
internal static class ChannelsApi
{
    public const int MinSecretLength = 16;
    private const int MaxSecretLength = 512;
    private const int MaxAddresses = 100;
    private const long MaxBody = 64 * 1024;

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/channels").WithTags("Channels");
        group.MapGet("/", ListAsync)
            .RequireScope(Scopes.NotificationsManage)
            .WithName("ListChannels")
            .WithSummary("Lists the notification channels, by name (secrets are never shown).")
            .Produces<ChannelList>();
        group.MapGet("/{name}", GetAsync)
            .RequireScope(Scopes.NotificationsManage)
            .WithName("GetChannel")
            .WithSummary("Reads one channel (its secret is never shown: secretSet says whether it has one).")
            .Produces<ChannelBody>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync)
            .RequireScope(Scopes.NotificationsManage)
            .WithName("CreateChannel")
            .WithSummary("Creates a channel: {\"name\": \"ops\", \"type\": \"webhook\", \"url\": \"https://…\", \"secret\": \"…\"} or {\"name\": \"managers\", \"type\": \"email\", \"addresses\": [\"…\"]}.")
            .Accepts<ChannelRequest>("application/json")
            .Produces<ChannelBody>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{name}", UpdateAsync)
            .RequireScope(Scopes.NotificationsManage)
            .WithName("UpdateChannel")
            .WithSummary("Replaces a channel's settings; a webhook keeps its secret when none is sent.")
            .Accepts<ChannelRequest>("application/json")
            .Produces<ChannelBody>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{name}", DeleteAsync)
            .RequireScope(Scopes.NotificationsManage)
            .WithName("DeleteChannel")
            .WithSummary("Deletes a channel; notifications queued for it fail (and are retried) until a channel of that name exists again.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        var channels = await store.Channels.ListAsync(cancellationToken);
        return TypedResults.Ok(new ChannelList([.. channels.Select(Body)]));
    }

    private static async Task<IResult> GetAsync(string name, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        return await store.Channels.GetAsync(name, cancellationToken) is { } channel ? TypedResults.Ok(Body(channel)) : NotFound(name);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var (settings, problem) = await ReadAsync(request, routeName: null, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var store = await database.GetAsync();
        if (await store.Channels.GetAsync(settings!.Name, cancellationToken) is not null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Channel exists",
                detail: $"a channel named {settings.Name} exists: change it with PUT /api/v1/channels/{settings.Name}",
                extensions: Errors("name", "is taken"));
        }

        if (settings.Type == "webhook" && settings.Secret is null)
        {
            return BadRequest($"is required for a webhook: at least {MinSecretLength} characters, the key of the HMAC-SHA256 signature", "secret");
        }

        var (channel, _) = await store.Channels.PutAsync(settings.Name, settings.Type, settings.Url, settings.Secret, settings.Addresses, cancellationToken);
        return TypedResults.Created($"/api/v1/channels/{channel.Name}", Body(channel));
    }

    private static async Task<IResult> UpdateAsync(string name, HttpRequest request, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var (settings, problem) = await ReadAsync(request, name, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var store = await database.GetAsync();
        if (await store.Channels.GetAsync(name, cancellationToken) is not { } existing)
        {
            return NotFound(name);
        }

        // Write-only: a client that read the channel cannot send its secret back, so leaving it out keeps it.
        var secret = settings!.Type == "webhook" ? settings.Secret ?? existing.Secret : null;
        if (settings.Type == "webhook" && secret is null)
        {
            return BadRequest($"is required for a webhook: at least {MinSecretLength} characters, the key of the HMAC-SHA256 signature", "secret");
        }

        var (channel, _) = await store.Channels.PutAsync(existing.Name, settings.Type, settings.Url, secret, settings.Addresses, cancellationToken);
        return TypedResults.Ok(Body(channel));
    }

    private static async Task<IResult> DeleteAsync(string name, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        return await store.Channels.DeleteAsync(name, cancellationToken) ? TypedResults.NoContent() : NotFound(name);
    }

    /// <summary>Reads and validates a channel's settings; on a problem, the 400 (or 413) to answer.</summary>
    private static async Task<(ChannelSettings? Settings, IResult? Problem)> ReadAsync(HttpRequest request, string? routeName, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBody || await RequestBody.ReadAsync(request, cancellationToken) is not { } body || body.Length > MaxBody)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: "a channel's settings are at most 64 KB"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return (null, BadRequest($"the body is not JSON: {e.Message}", "body"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, BadRequest("the body is a JSON object: {\"name\", \"type\", \"url\", \"secret\"} or {\"name\", \"type\", \"addresses\"}", "body"));
            }

            string? name = null, type = null, url = null, secret = null;
            List<string>? addresses = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "name" or "type" or "url" or "secret":
                        if (property.Value.ValueKind == JsonValueKind.Null)
                        {
                            break;
                        }

                        if (property.Value.ValueKind != JsonValueKind.String)
                        {
                            return (null, BadRequest($"is a JSON {Kind(property.Value)}: give a string", property.Name));
                        }

                        var text = property.Value.GetString()!;
                        if (property.Name == "name")
                        {
                            name = text.Trim();
                        }
                        else if (property.Name == "type")
                        {
                            type = text.Trim().ToLowerInvariant();
                        }
                        else if (property.Name == "url")
                        {
                            url = text.Trim();
                        }
                        else
                        {
                            // Taken as sent: a secret's spaces are part of it.
                            secret = text;
                        }

                        break;
                    case "addresses":
                        if (property.Value.ValueKind != JsonValueKind.Array)
                        {
                            return (null, BadRequest($"is a JSON {Kind(property.Value)}: give a list of e-mail addresses", "addresses"));
                        }

                        addresses = [];
                        var i = 0;
                        foreach (var item in property.Value.EnumerateArray())
                        {
                            if (item.ValueKind != JsonValueKind.String || !Escalations.IsEmailAddress(item.GetString()!.Trim()))
                            {
                                return (null, BadRequest("is not an e-mail address (local@domain)", $"addresses[{i}]"));
                            }

                            addresses.Add(item.GetString()!.Trim());
                            i++;
                        }

                        break;
                    default:
                        return (null, BadRequest($"unknown field \"{property.Name}\" (expected name, type, url, secret, addresses)", property.Name));
                }
            }

            if (routeName is not null)
            {
                if (name is not null && !string.Equals(name, routeName, StringComparison.OrdinalIgnoreCase))
                {
                    return (null, BadRequest($"is \"{name}\" but the URL names {routeName}: a channel cannot be renamed", "name"));
                }

                name = routeName;
            }

            if (name is null)
            {
                return (null, BadRequest("is required: the channel's name, which escalation rules use (channel: NAME)", "name"));
            }

            if (!Escalations.IsChannelName(name))
            {
                return (null, BadRequest("is not a channel name: a letter or digit, then letters, digits, '.', '_' or '-'; at most 64", "name"));
            }

            switch (type)
            {
                case null:
                    return (null, BadRequest("is required: webhook or email", "type"));
                case "webhook":
                    if (url is null)
                    {
                        return (null, BadRequest("is required for a webhook: the http or https URL to post to", "url"));
                    }

                    if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
                    {
                        return (null, BadRequest("is not an absolute http or https URL (without user:password@)", "url"));
                    }

                    if (secret is not null && (secret.Length < MinSecretLength || secret.Length > MaxSecretLength || secret.Any(char.IsControl)))
                    {
                        return (null, BadRequest($"must be {MinSecretLength} to {MaxSecretLength} characters, without control characters", "secret"));
                    }

                    if (addresses is not null)
                    {
                        return (null, BadRequest("belongs to e-mail channels: a webhook has a url", "addresses"));
                    }

                    return (new ChannelSettings(name.ToLowerInvariant(), type, url, secret, []), null);
                case "email":
                    if (addresses is null || addresses.Count == 0)
                    {
                        return (null, BadRequest("is required for an e-mail channel: a list of at least one address", "addresses"));
                    }

                    if (addresses.Count > MaxAddresses)
                    {
                        return (null, BadRequest($"has {addresses.Count} addresses; at most {MaxAddresses}", "addresses"));
                    }

                    if (url is not null || secret is not null)
                    {
                        return (null, BadRequest("belongs to webhooks: an e-mail channel has addresses", url is not null ? "url" : "secret"));
                    }

                    return (new ChannelSettings(name.ToLowerInvariant(), type, null, null, [.. addresses.Distinct(StringComparer.OrdinalIgnoreCase)]), null);
                default:
                    return (null, BadRequest($"\"{type}\" is not a channel type: webhook or email", "type"));
            }
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static ChannelBody Body(StoredChannel channel) => new(
        channel.Name,
        channel.Type,
        channel.Url,
        channel.Type == "email" ? channel.Addresses : null,
        channel.Secret is not null,
        InstantPattern.ExtendedIso.Format(channel.CreatedAt),
        InstantPattern.ExtendedIso.Format(channel.UpdatedAt));

    private static ProblemHttpResult NotFound(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such channel", detail: $"there is no channel named {name}", extensions: Errors("name", "no such channel"));

    private static ProblemHttpResult BadRequest(string detail, string field) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid channel", detail: $"{field}: {detail}", extensions: Errors(field, detail));

    private static Dictionary<string, object?> Errors(string field, string message) =>
        new() { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } };

    private sealed record ChannelSettings(string Name, string Type, string? Url, string? Secret, IReadOnlyList<string> Addresses);
}

/// <summary>A channel as the API takes it.</summary>
/// <param name="Name">Its name (letters, digits, '.', '_', '-'; stored lower case).</param>
/// <param name="Type"><c>webhook</c> or <c>email</c>.</param>
/// <param name="Url">The webhook's http(s) URL.</param>
/// <param name="Secret">The webhook's HMAC key, 16-512 characters; write-only.</param>
/// <param name="Addresses">The e-mail channel's addresses.</param>
internal sealed record ChannelRequest(string Name, string Type, string? Url, string? Secret, IReadOnlyList<string>? Addresses);

/// <summary>A channel as the API shows it: never its secret.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Type"><c>webhook</c> or <c>email</c>.</param>
/// <param name="Url">The webhook's URL.</param>
/// <param name="Addresses">The e-mail channel's addresses.</param>
/// <param name="SecretSet">Whether a webhook has its secret (it always has).</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
internal sealed record ChannelBody(string Name, string Type, string? Url, IReadOnlyList<string>? Addresses, bool SecretSet, string CreatedAt, string UpdatedAt);

/// <summary>Every channel.</summary>
internal sealed record ChannelList(IReadOnlyList<ChannelBody> Channels);
