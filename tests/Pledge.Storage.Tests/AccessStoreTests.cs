using NodaTime;
using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>Users, API keys and sessions: stored and read back the same on both databases, secrets never in them.</summary>
public abstract class AccessStoreTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    private static StoredUser User(string name, string role = "agent", string? customer = null, string? hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA") =>
        new(name, name.ToUpperInvariant(), $"{name}@example.org", role, customer, hash, false, default, default);

    [Fact]
    public async Task A_user_is_created_once_read_listed_and_updated_with_the_clocks_times()
    {
        var store = await OpenAsync();

        var created = await store.Access.CreateUserAsync(User("lea"));
        var again = await store.Access.CreateUserAsync(User("lea", "admin"));
        await store.Access.CreateUserAsync(User("jana", "customer-contact", "acme", hash: null));
        Time.Advance(TimeSpan.FromMinutes(5));
        var updated = await store.Access.UpdateUserAsync(created! with { Role = "service-level-manager", Disabled = true });

        Assert.Null(again);
        Assert.Equal(Ticks(Start), created!.CreatedAt);
        Assert.Equal(("service-level-manager", true, Ticks(Start), Ticks(Start) + Duration.FromMinutes(5)),
            (updated!.Role, updated.Disabled, updated.CreatedAt, updated.UpdatedAt));
        Assert.Equal(updated, await store.Access.GetUserAsync("lea"));
        var jana = await store.Access.GetUserAsync("jana");
        Assert.Equal(("acme", (string?)null, false), (jana!.Customer, jana.PasswordHash, jana.Disabled));
        Assert.Equal(["jana", "lea"], (await store.Access.ListUsersAsync()).Select(u => u.Name));
        Assert.Equal(2, await store.Access.CountUsersAsync());
        Assert.Null(await store.Access.UpdateUserAsync(User("nobody")));
    }

    [Fact]
    public async Task A_key_is_found_by_its_hash_with_its_owner_revoked_once_and_touched_at_most_once_a_minute()
    {
        var store = await OpenAsync();
        await store.Access.CreateUserAsync(User("lea"));
        var key = await store.Access.CreateKeyAsync(new StoredApiKey("pk_1", "lea", "ci", "hash-1", ["events:write", "reports:read"], default, Ticks(Start) + Duration.FromDays(30), null, null));

        var found = await store.Access.FindKeyAsync("hash-1");
        // Scopes are an ImmutableArray, which records compare by reference: compare them apart.
        Assert.Equal(key with { Scopes = [] }, found!.Value.Key with { Scopes = [] });
        Assert.Equal(["events:write", "reports:read"], found.Value.Key.Scopes.ToArray());
        Assert.Equal("lea", found.Value.User.Name);
        Assert.Null(await store.Access.FindKeyAsync("hash-2"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Access.CreateKeyAsync(key with { Id = "pk_2" }));

        await store.Access.TouchKeyAsync("pk_1", Duration.FromMinutes(1));
        Time.Advance(TimeSpan.FromSeconds(30));
        await store.Access.TouchKeyAsync("pk_1", Duration.FromMinutes(1));
        Assert.Equal(Ticks(Start), (await store.Access.FindKeyAsync("hash-1"))!.Value.Key.LastUsedAt);

        Assert.False(await store.Access.RevokeKeyAsync("someone-else", "pk_1"));
        Assert.True(await store.Access.RevokeKeyAsync("lea", "pk_1"));
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await store.Access.RevokeKeyAsync("lea", "pk_1"));
        Assert.Equal(Ticks(Start) + Duration.FromSeconds(30), (await store.Access.ListKeysAsync("lea")).Single().RevokedAt);
    }

    [Fact]
    public async Task Sessions_are_found_by_hash_ended_one_by_one_or_all_for_a_user_and_expired_ones_pruned()
    {
        var store = await OpenAsync();
        await store.Access.CreateUserAsync(User("lea"));
        await store.Access.CreateSessionAsync("s-1", "lea", Ticks(Start) + Duration.FromHours(1));
        await store.Access.CreateSessionAsync("s-2", "lea", Ticks(Start) + Duration.FromHours(8));

        Assert.Equal("lea", (await store.Access.FindSessionAsync("s-1"))!.Value.User.Name);
        Assert.True(await store.Access.DeleteSessionAsync("s-1"));
        Assert.Null(await store.Access.FindSessionAsync("s-1"));

        Time.Advance(TimeSpan.FromHours(9));
        await store.Access.CreateSessionAsync("s-3", "lea", Ticks(Start) + Duration.FromHours(17));
        Assert.Null(await store.Access.FindSessionAsync("s-2"));
        Assert.Equal(1, await store.Access.DeleteSessionsOfAsync("lea"));
    }
}
