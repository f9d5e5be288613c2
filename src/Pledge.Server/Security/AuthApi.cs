using System.Globalization;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace Pledge.Server.Security;

/// <summary>
/// <c>/api/v1/auth</c>: log in with a name and password for a session token, log out, see who a credential is,
/// and manage one's own API keys.
/// </summary>
internal static partial class AuthApi
{
    /// <summary>How long a session token works after login.</summary>
    public static readonly Duration SessionLifetime = Duration.FromHours(8);

    private const string LoginRefused = "the name or the password is wrong";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Access");
        group.MapPost("/login", LoginAsync).WithName("Login").AllowAnonymous()
            .WithSummary("Logs in with {\"name\", \"password\"}: a session token to send as Authorization: Bearer, and its expiry (8 hours).")
            .WithDescription("Anonymous by necessity. An unknown name and a wrong password get the same answer in the same time. After 5 failures within 15 minutes for one name, or from one address (counted across every server instance on the database), logins are refused with 429 and Retry-After until the oldest failure is 15 minutes old.")
            .Produces<LoginResult>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // The caller's own account: any authenticated caller, customer contacts included (nothing of anyone else is touched).
        var own = group.MapGroup("/").AllowAnyCaller().AllowCustomerContacts();
        own.MapPost("/logout", LogoutAsync).WithName("Logout").WithSummary("Ends the session whose token the request carries.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest);
        own.MapGet("/me", Me).WithName("GetMe").WithSummary("Who the credential is: user, role, customer, scopes.").Produces<MeBody>();
        own.MapPut("/password", ChangePasswordAsync).WithName("ChangeOwnPassword")
            .WithSummary("Changes the caller's own password: {\"current\", \"password\"}; ends the caller's sessions. Wrong current passwords count as failed logins.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        own.MapGet("/keys", ListKeysAsync).WithName("ListOwnKeys").WithSummary("The caller's own API keys (ids, never secrets).")
            .Produces<IReadOnlyList<KeyBody>>();
        own.MapPost("/keys", CreateKeyAsync).WithName("CreateOwnKey")
            .WithSummary("Creates an API key for the caller: {\"label\", \"scopes\", \"expiresAt\"}, scopes within the caller's credential; the secret is in this answer only.")
            .Produces<KeyCreated>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        own.MapDelete("/keys/{id}", RevokeKeyAsync).WithName("RevokeOwnKey").WithSummary("Revokes one of the caller's own API keys.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> LoginAsync(
        LoginRequest? body, HttpContext context, PledgeDatabase database, PasswordHasher hasher, LoginThrottle throttle, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(AuthApi).FullName!);
        if (body?.Name is not { } rawName || body.Password is not { } password)
        {
            return AccessProblems.BadRequest(body?.Name is null ? "name" : "password", "is required: send {\"name\": \"…\", \"password\": \"…\"}");
        }

        if (password.Length > PasswordHasher.MaxPasswordLength)
        {
            return AccessProblems.BadRequest("password", $"is longer than {PasswordHasher.MaxPasswordLength} characters");
        }

        // The throttle counts the name as sent (normalised), real or not, so it never tells which names exist.
        var name = ApiKeys.NormalizeName(rawName);
        var throttleName = name ?? rawName.Trim().ToLowerInvariant();
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await throttle.RetryAfterAsync(throttleName, address, cancellationToken) is { } wait)
        {
            LogThrottled(logger, throttleName, address);
            context.Response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed logins",
                detail: $"too many failed logins for this name or from this address: try again in {Math.Ceiling(wait.TotalMinutes)} minute(s)");
        }

        var store = await database.GetAsync();
        var user = name is null ? null : await store.Access.GetUserAsync(name, cancellationToken);

        // Always one Argon2 computation, against a decoy when there is no user or no password: the time taken is the same.
        var verified = hasher.Verify(password, user?.PasswordHash);
        if (!verified || user is null || BearerAuthenticator.CallerOf(user, null, Caller.SessionCredential) is null)
        {
            await throttle.FailedAsync(throttleName, address, cancellationToken);
            LogFailed(logger, throttleName, address);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Login failed", detail: LoginRefused);
        }

        await throttle.SucceededAsync(throttleName, cancellationToken);
        if (hasher.NeedsRehash(user.PasswordHash!))
        {
            user = await store.Access.UpdateUserAsync(user with { PasswordHash = hasher.Hash(password) }, cancellationToken) ?? user;
        }

        var token = SecretTokens.NewSessionToken();
        var session = await store.Access.CreateSessionAsync(SecretTokens.Hash(token), user.Name,
            Instant.FromDateTimeOffset(time.GetUtcNow()) + SessionLifetime, cancellationToken);
        LogLoggedIn(logger, user.Name, address);
        return TypedResults.Ok(new LoginResult(token, "Bearer", UserBody.Iso(session.ExpiresAt), UserBody.Of(user)));
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, Caller caller, PledgeDatabase database, CancellationToken cancellationToken)
    {
        if (caller.Credential != Caller.SessionCredential)
        {
            return AccessProblems.BadRequest("Authorization", "logout ends a session; an API key is revoked with DELETE /api/v1/auth/keys/{id}");
        }

        var secret = context.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var store = await database.GetAsync();
        await store.Access.DeleteSessionAsync(SecretTokens.Hash(secret), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Me(Caller caller, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        var user = await store.Access.GetUserAsync(caller.UserName, cancellationToken);
        return TypedResults.Ok(new MeBody(caller.UserName, user?.DisplayName ?? caller.UserName, Roles.Name(caller.Role), caller.Customer,
            [.. Scopes.All.Where(caller.Has)], caller.Credential));
    }

    private static async Task<IResult> ChangePasswordAsync(
        PasswordChange? body, HttpContext context, Caller caller, PledgeDatabase database, PasswordHasher hasher, LoginThrottle throttle, CancellationToken cancellationToken)
    {
        if (body?.Current is not { } current || body.Password is not { } password)
        {
            return AccessProblems.BadRequest(body?.Current is null ? "current" : "password", "is required: send {\"current\": \"…\", \"password\": \"…\"}");
        }

        if (UsersApi.PasswordProblem(password) is { } weak)
        {
            return weak;
        }

        // A stolen session must not become a way around the login limit: wrong current passwords count as failures.
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await throttle.RetryAfterAsync(caller.UserName, address, cancellationToken) is { } wait)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed logins",
                detail: $"too many failed logins for this name or from this address: try again in {Math.Ceiling(wait.TotalMinutes)} minute(s)");
        }

        var store = await database.GetAsync();
        var user = await store.Access.GetUserAsync(caller.UserName, cancellationToken);
        if (user is null || !hasher.Verify(current, user.PasswordHash))
        {
            await throttle.FailedAsync(caller.UserName, address, cancellationToken);
            return AccessProblems.BadRequest("current", "is not the current password (a user without one asks an admin to set it)");
        }

        await store.Access.UpdateUserAsync(user with { PasswordHash = hasher.Hash(password) }, cancellationToken);
        await store.Access.DeleteSessionsOfAsync(user.Name, cancellationToken);
        await store.Audit.RecordAsync(caller.Actor, "user.password", $"user/{user.Name}", "changed by the user", cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListKeysAsync(Caller caller, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        return TypedResults.Ok((await store.Access.ListKeysAsync(caller.UserName, cancellationToken)).Select(KeyBody.Of).ToList());
    }

    private static async Task<IResult> CreateKeyAsync(KeyCreate? body, Caller caller, PledgeDatabase database, TimeProvider time, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        if (await store.Access.GetUserAsync(caller.UserName, cancellationToken) is not { } user)
        {
            return AccessProblems.NotFound($"user {caller.UserName}");
        }

        return await ApiKeys.CreateAsync(store, time, caller, user, body, cancellationToken);
    }

    private static async Task<IResult> RevokeKeyAsync(string id, Caller caller, PledgeDatabase database, CancellationToken cancellationToken) =>
        await ApiKeys.RevokeAsync(await database.GetAsync(), caller, caller.UserName, id, cancellationToken);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Login of {User} from {Address}")]
    private static partial void LogLoggedIn(ILogger logger, string user, string address);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Failed login for {User} from {Address}")]
    private static partial void LogFailed(ILogger logger, string user, string address);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Login for {User} from {Address} refused: too many failures")]
    private static partial void LogThrottled(ILogger logger, string user, string address);
}
