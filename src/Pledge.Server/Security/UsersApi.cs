using Pledge.Storage;

namespace Pledge.Server.Security;

/// <summary>
/// <c>/api/v1/users</c>: the admin's endpoints for users and everyone's API keys (scope <c>users:manage</c>, which
/// only the admin role holds).
/// </summary>
internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Access").RequireScope(Scopes.UsersManage);
        group.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("Every user, by name.").Produces<IReadOnlyList<UserBody>>();
        group.MapPost("/", CreateAsync).WithName("CreateUser")
            .WithSummary("Creates a user: {\"name\", \"displayName\", \"email\", \"role\", \"customer\" (customer contacts), \"password\" (optional)}.")
            .Produces<UserBody>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{name}", GetAsync).WithName("GetUser").WithSummary("One user.")
            .Produces<UserBody>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{name}", UpdateAsync).WithName("UpdateUser")
            .WithSummary("Changes a user's displayName, email, role, customer or disabled (only the fields sent); disabling ends its sessions.")
            .Produces<UserBody>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{name}/password", SetPasswordAsync).WithName("SetUserPassword")
            .WithSummary("Sets a user's password (at least 12 characters); ends its sessions.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{name}/keys", ListKeysAsync).WithName("ListUserKeys").WithSummary("A user's API keys (ids, never secrets), revoked ones included.")
            .Produces<IReadOnlyList<KeyBody>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{name}/keys", CreateKeyAsync).WithName("CreateUserKey")
            .WithSummary("Creates an API key for a user: {\"label\", \"scopes\", \"expiresAt\"}; the answer holds the secret, shown this once.")
            .Produces<KeyCreated>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{name}/keys/{id}", RevokeKeyAsync).WithName("RevokeUserKey").WithSummary("Revokes a user's API key.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        return TypedResults.Ok((await store.Access.ListUsersAsync(cancellationToken)).Select(UserBody.Of).ToList());
    }

    private static async Task<IResult> GetAsync(string name, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        return await FindAsync(store, name, cancellationToken) is { } user ? TypedResults.Ok(UserBody.Of(user)) : AccessProblems.NotFound($"user {name}");
    }

    private static async Task<IResult> CreateAsync(UserCreate? body, Caller caller, PledgeDatabase database, PasswordHasher hasher, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return AccessProblems.BadRequest("body", "send {\"name\": \"…\", \"role\": \"agent\", …}");
        }

        if (ApiKeys.NormalizeName(body.Name) is not { } name)
        {
            return AccessProblems.BadRequest("name", "is required: a letter or digit, then up to 63 letters, digits, '.', '_', '-' or '@'");
        }

        if (Validate(body.DisplayName, body.Email, body.Role, body.Customer) is { } invalid)
        {
            return invalid;
        }

        if (body.Password is not null && PasswordProblem(body.Password) is { } weak)
        {
            return weak;
        }

        if (!Roles.TryParse(body.Role, out var role))
        {
            return AccessProblems.BadRequest("role", $"\"{body.Role}\" is not a role");
        }

        var store = await database.GetAsync();
        var user = new StoredUser(name, Blank(body.DisplayName) ?? name, Blank(body.Email), Roles.Name(role),
            role == Role.CustomerContact ? body.Customer!.Trim() : null,
            body.Password is null ? null : hasher.Hash(body.Password), false, default, default);
        if (await store.Access.CreateUserAsync(user, cancellationToken) is not { } created)
        {
            return AccessProblems.Conflict($"user {name} exists already");
        }

        await store.Audit.RecordAsync(caller.Actor, "user.create", $"user/{name}", $"role {created.Role}" + (created.Customer is { } c ? $", customer {c}" : string.Empty), cancellationToken);
        return TypedResults.Created($"/api/v1/users/{name}", UserBody.Of(created));
    }

    private static async Task<IResult> UpdateAsync(string name, UserUpdate? body, Caller caller, PledgeDatabase database, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return AccessProblems.BadRequest("body", "send the fields to change: {\"role\": \"agent\"}, {\"disabled\": true}, …");
        }

        var store = await database.GetAsync();
        if (await FindAsync(store, name, cancellationToken) is not { } user)
        {
            return AccessProblems.NotFound($"user {name}");
        }

        var roleName = body.Role ?? user.Role;
        var customer = body.Customer ?? user.Customer;
        if (Validate(body.DisplayName ?? user.DisplayName, body.Email ?? user.Email, roleName, customer) is { } invalid)
        {
            return invalid;
        }

        if (!Roles.TryParse(roleName, out var role))
        {
            return AccessProblems.BadRequest("role", $"\"{roleName}\" is not a role");
        }

        var changed = user with
        {
            DisplayName = Blank(body.DisplayName) ?? user.DisplayName,
            Email = body.Email is null ? user.Email : Blank(body.Email),
            Role = Roles.Name(role),
            Customer = role == Role.CustomerContact ? customer!.Trim() : null,
            Disabled = body.Disabled ?? user.Disabled,
        };
        if (user.Role == Roles.Name(Role.Admin) && !user.Disabled && (changed.Role != user.Role || changed.Disabled)
            && (await store.Access.ListUsersAsync(cancellationToken)).Count(u => u.Role == user.Role && !u.Disabled) == 1)
        {
            return AccessProblems.Conflict($"{user.Name} is the last enabled admin: make another admin first");
        }

        var updated = (await store.Access.UpdateUserAsync(changed, cancellationToken))!;
        if (updated.Disabled)
        {
            await store.Access.DeleteSessionsOfAsync(updated.Name, cancellationToken);
        }

        await store.Audit.RecordAsync(caller.Actor, "user.update", $"user/{updated.Name}", Describe(user, updated), cancellationToken);
        return TypedResults.Ok(UserBody.Of(updated));
    }

    private static async Task<IResult> SetPasswordAsync(string name, PasswordSet? body, Caller caller, PledgeDatabase database, PasswordHasher hasher, CancellationToken cancellationToken)
    {
        if (body?.Password is not { } password)
        {
            return AccessProblems.BadRequest("password", "is required");
        }

        if (PasswordProblem(password) is { } weak)
        {
            return weak;
        }

        var store = await database.GetAsync();
        if (await FindAsync(store, name, cancellationToken) is not { } user)
        {
            return AccessProblems.NotFound($"user {name}");
        }

        await store.Access.UpdateUserAsync(user with { PasswordHash = hasher.Hash(password) }, cancellationToken);
        await store.Access.DeleteSessionsOfAsync(user.Name, cancellationToken);
        await store.Audit.RecordAsync(caller.Actor, "user.password", $"user/{user.Name}", null, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListKeysAsync(string name, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        if (await FindAsync(store, name, cancellationToken) is not { } user)
        {
            return AccessProblems.NotFound($"user {name}");
        }

        return TypedResults.Ok((await store.Access.ListKeysAsync(user.Name, cancellationToken)).Select(KeyBody.Of).ToList());
    }

    private static async Task<IResult> CreateKeyAsync(string name, KeyCreate? body, Caller caller, PledgeDatabase database, TimeProvider time, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        return await FindAsync(store, name, cancellationToken) is { } user
            ? await ApiKeys.CreateAsync(store, time, caller, user, body, cancellationToken)
            : AccessProblems.NotFound($"user {name}");
    }

    private static async Task<IResult> RevokeKeyAsync(string name, string id, Caller caller, PledgeDatabase database, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        return ApiKeys.NormalizeName(name) is { } owner
            ? await ApiKeys.RevokeAsync(store, caller, owner, id, cancellationToken)
            : AccessProblems.NotFound($"user {name}");
    }

    /// <summary>The password's problem, or null when it is acceptable (long enough; no other rules: NIST SP 800-63B).</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? PasswordProblem(string password) =>
        password.Length is < PasswordHasher.MinPasswordLength or > PasswordHasher.MaxPasswordLength
            ? AccessProblems.BadRequest("password", $"is {PasswordHasher.MinPasswordLength} to {PasswordHasher.MaxPasswordLength} characters")
            : null;

    private static Task<StoredUser?> FindAsync(PledgeStore store, string name, CancellationToken cancellationToken) =>
        ApiKeys.NormalizeName(name) is { } normalized ? store.Access.GetUserAsync(normalized, cancellationToken) : Task.FromResult<StoredUser?>(null);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Validate(string? displayName, string? email, string? role, string? customer)
    {
        if (displayName is not null && (displayName.Length > 200 || displayName.Any(char.IsControl)))
        {
            return AccessProblems.BadRequest("displayName", "is at most 200 characters, without control characters");
        }

        if (!string.IsNullOrWhiteSpace(email) && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace)))
        {
            return AccessProblems.BadRequest("email", $"\"{email}\" is not an e-mail address");
        }

        if (!Roles.TryParse(role, out var parsed))
        {
            return AccessProblems.BadRequest("role", $"\"{role}\" is not a role: {string.Join(", ", Roles.All.Select(Roles.Name))}");
        }

        if (parsed == Role.CustomerContact && (string.IsNullOrWhiteSpace(customer) || customer.Trim().Length > 200 || customer.Any(char.IsControl)))
        {
            return AccessProblems.BadRequest("customer", "a customer contact names its customer (its id in customers.yaml)");
        }

        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Describe(StoredUser before, StoredUser after)
    {
        var changes = new List<string>();
        if (before.DisplayName != after.DisplayName)
        {
            changes.Add("displayName");
        }

        if (before.Email != after.Email)
        {
            changes.Add("email");
        }

        if (before.Role != after.Role)
        {
            changes.Add($"role {before.Role} -> {after.Role}");
        }

        if (before.Customer != after.Customer)
        {
            changes.Add($"customer {before.Customer ?? "-"} -> {after.Customer ?? "-"}");
        }

        if (before.Disabled != after.Disabled)
        {
            changes.Add(after.Disabled ? "disabled" : "enabled");
        }

        return changes.Count == 0 ? "no change" : string.Join(", ", changes);
    }
}
