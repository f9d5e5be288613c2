using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>The audit trail: who did what, when, in the order recorded.</summary>
public abstract class AuditLogTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Entries_read_back_in_the_order_recorded_with_the_clocks_time()
    {
        var store = await OpenAsync();
        var first = await store.Audit.RecordAsync("alice", "agreement.agreed", "agreements/acme-sla", "v3");
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = await store.Audit.RecordAsync("bob", "key.created", "keys/ci");
        Time.Advance(TimeSpan.FromMinutes(1));
        var third = await store.Audit.RecordAsync("alice", "agreement.activated", "agreements/acme-sla", "{\"version\":3}");

        var all = new List<AuditEntry>();
        await foreach (var entry in store.Audit.ReadAsync())
        {
            all.Add(entry);
        }

        var acme = new List<AuditEntry>();
        await foreach (var entry in store.Audit.ReadAsync("agreements/acme-sla"))
        {
            acme.Add(entry);
        }

        Assert.Equal([first, second, third], all);
        Assert.Equal([first, third], acme);
        Assert.True(first.Id < second.Id && second.Id < third.Id);
        Assert.Equal(new AuditEntry(second.Id, Ticks(Start.AddMinutes(1)), "bob", "key.created", "keys/ci", null), second);
    }

    [Fact]
    public async Task An_entry_without_an_actor_is_refused()
    {
        var store = await OpenAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.Audit.RecordAsync(" ", "agreement.agreed", "a"));

        Assert.Equal("actor", refused.ParamName);
        Assert.Equal(0, await CountAsync(store, "audit"));
    }
}
