using Pledge.Storage;

namespace Pledge.Server.Security;

/// <summary>
/// At start-up, after the database is open and before requests are served: creates the first admin when there are
/// no users, and makes sure a configured <c>admin-key</c> works. A key the server generates is kept here only until
/// the start-up banner prints it once; it is never logged.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>No users: user <c>admin</c> (role admin) is created with one API key holding every scope: the
/// <c>admin-key</c> setting (<c>--admin-key</c>, <c>PLEDGE_ADMIN_KEY</c>) when given, else a random key printed once.</item>
/// <item>Users exist and <c>admin-key</c> is given but unknown: it is added as a key of <c>admin</c> (recreated if
/// missing), so an operator who lost every admin credential sets it and restarts. A revoked configured key stays revoked.</item>
/// <item><c>--demo</c>: when no key was generated or configured this start, a new key labelled <c>demo</c> replaces
/// the previous demo key, so the newcomer always has one to paste; the banner prints it.</item>
/// </list>
/// </remarks>
internal sealed class SecurityBootstrap(PledgeDatabase database, IConfiguration configuration) : IHostedService
{
    /// <summary>The first admin's name.</summary>
    public const string AdminName = "admin";

    /// <summary>The setting naming the admin's API key (<c>--admin-key</c>, <c>PLEDGE_ADMIN_KEY</c>).</summary>
    public const string AdminKeySetting = "admin-key";

    private string? _keyToPrint;

    /// <summary>The key to print on the banner (once: the next call answers null).</summary>
    public string? TakeKeyToPrint() => Interlocked.Exchange(ref _keyToPrint, null);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var store = await database.GetAsync().WaitAsync(cancellationToken);
        // Environment variables arrive as ADMIN_KEY (PLEDGE_ prefix removed): '_' cannot be '-' there.
        var configured = configuration[AdminKeySetting] ?? configuration["admin_key"];
        if (configured is not null)
        {
            configured = configured.Trim();
            if (configured.Length < SecretTokens.MinConfiguredKeyLength || configured.Length > BearerAuthenticator.MaxSecretLength || configured.Any(char.IsWhiteSpace)
                || configured.StartsWith(SecretTokens.SessionPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"{AdminKeySetting}: the admin key must be {SecretTokens.MinConfiguredKeyLength} to {BearerAuthenticator.MaxSecretLength} characters without spaces (generate one with: openssl rand -hex 32)");
            }
        }

        var demo = bool.TryParse(configuration[ServerOptions.DemoKey], out var d) && d;
        if (await store.Access.CountUsersAsync(cancellationToken) == 0)
        {
            await EnsureAdminAsync(store, cancellationToken);
            if (configured is null)
            {
                _keyToPrint = await AddGeneratedKeyAsync(store, "bootstrap", cancellationToken);
            }
            else
            {
                await AddKeyAsync(store, SecretTokens.NewApiKey().Id, configured, AdminKeySetting, cancellationToken);
                _keyToPrint = demo ? configured : null;
            }

            return;
        }

        if (configured is not null)
        {
            if (await store.Access.FindKeyAsync(SecretTokens.Hash(configured), cancellationToken) is null)
            {
                await EnsureAdminAsync(store, cancellationToken);
                await AddKeyAsync(store, SecretTokens.NewApiKey().Id, configured, AdminKeySetting, cancellationToken);
            }

            if (demo)
            {
                _keyToPrint = configured;
            }

            return;
        }

        if (demo)
        {
            await EnsureAdminAsync(store, cancellationToken);
            foreach (var old in (await store.Access.ListKeysAsync(AdminName, cancellationToken)).Where(k => k.Label == DemoLabel && k.RevokedAt is null))
            {
                await store.Access.RevokeKeyAsync(AdminName, old.Id, cancellationToken);
            }

            _keyToPrint = await AddGeneratedKeyAsync(store, DemoLabel, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private const string DemoLabel = "demo";

    private static async Task EnsureAdminAsync(PledgeStore store, CancellationToken cancellationToken)
    {
        if (await store.Access.GetUserAsync(AdminName, cancellationToken) is null)
        {
            var created = await store.Access.CreateUserAsync(
                new StoredUser(AdminName, "Administrator", null, Roles.Name(Role.Admin), null, null, false, default, default), cancellationToken);
            if (created is null)
            {
                return; // another instance created it first
            }

            await store.Audit.RecordAsync("pledge", "user.create", $"user/{AdminName}", "role admin (start-up: no users)", cancellationToken);
        }
    }

    private static async Task<string> AddGeneratedKeyAsync(PledgeStore store, string label, CancellationToken cancellationToken)
    {
        var (id, key) = SecretTokens.NewApiKey();
        await AddKeyAsync(store, id, key, label, cancellationToken);
        return key;
    }

    // A configured key is any text, so its id is a fresh random one, never a piece of the key. Several instances may
    // start at once on one database: the one that loses the race to store the same key finds it stored.
    private static async Task AddKeyAsync(PledgeStore store, string id, string key, string label, CancellationToken cancellationToken)
    {
        if (await store.Access.FindKeyAsync(SecretTokens.Hash(key), cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await store.Access.CreateKeyAsync(
                new StoredApiKey(id, AdminName, label, SecretTokens.Hash(key), [.. Scopes.All], default, null, null, null), cancellationToken);
        }
        catch (ArgumentException)
        {
            if (await store.Access.FindKeyAsync(SecretTokens.Hash(key), cancellationToken) is not null)
            {
                return;
            }

            throw;
        }

        await store.Audit.RecordAsync("pledge", "key.create", $"user/{AdminName}", $"{id} ({label}, every scope)", cancellationToken);
    }
}
