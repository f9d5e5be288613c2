using System.Data.Common;
using System.Globalization;
using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>The schema is created on first open, migrated once, and a newer one is refused.</summary>
public abstract class MigrationTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Opening_a_new_database_applies_every_migration_once_at_the_clocks_time()
    {
        var store = await OpenAsync();

        Assert.Equal(PledgeStore.LatestSchemaVersion, store.SchemaVersion);
        Assert.Equal(Database.Kind, store.Kind);
        var rows = await RowsAsync(store, "SELECT version, applied_at FROM schema_migrations ORDER BY version");
        var expected = Enumerable.Range(1, PledgeStore.LatestSchemaVersion)
            .Select(v => new object?[] { v.ToString(CultureInfo.InvariantCulture), Ticks(Start).ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(expected, rows);
        foreach (var table in new[] { "events", "documents", "document_history", "audit", "users", "api_keys", "sessions" })
        {
            Assert.Equal(0, await CountAsync(store, table));
        }
    }

    [Fact]
    public async Task Opening_again_applies_nothing_and_keeps_the_data()
    {
        var first = await OpenAsync();
        await first.Events.AppendAsync([Event("e1")]);
        await first.Documents.PutAsync("agreements/acme.yaml", "agreement", "id: acme", "alice");
        var before = await RowsAsync(first, "SELECT version, description, applied_at FROM schema_migrations ORDER BY version");
        await first.DisposeAsync();
        Time.Advance(TimeSpan.FromDays(1));

        var again = await OpenAsync();
        var third = await OpenAsync();

        Assert.Equal(before, await RowsAsync(again, "SELECT version, description, applied_at FROM schema_migrations ORDER BY version"));
        Assert.Equal(PledgeStore.LatestSchemaVersion, third.SchemaVersion);
        Assert.Equal(["e1"], (await ReadAllAsync(again)).Select(e => e.Id));
        Assert.Equal(1, (await again.Documents.GetAsync("agreements/acme.yaml"))!.Version);
    }

    [Fact]
    public async Task Several_stores_opening_a_new_database_at_once_migrate_it_once()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(OpenAsync)));

        Assert.All(stores, s => Assert.Equal(PledgeStore.LatestSchemaVersion, s.SchemaVersion));
        Assert.Equal(PledgeStore.LatestSchemaVersion, await CountAsync(stores[0], "schema_migrations"));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_Pledge_is_refused_with_both_versions_named()
    {
        var store = await OpenAsync();
        var newer = PledgeStore.LatestSchemaVersion + 1;
        await ExecuteAsync(store, $"INSERT INTO schema_migrations (version, description, applied_at) VALUES ({newer}, 'from the future', 0)");
        await store.DisposeAsync();

        var refused = await Assert.ThrowsAsync<SchemaVersionException>(OpenAsync);

        Assert.Equal(newer, refused.Found);
        Assert.Equal(PledgeStore.LatestSchemaVersion, refused.Known);
        Assert.Contains($"schema version {newer}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"versions up to {PledgeStore.LatestSchemaVersion}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_history_and_audit_rows_cannot_be_updated_or_deleted()
    {
        var store = await OpenAsync();
        await store.Events.AppendAsync([Event("e1")]);
        await store.Documents.PutAsync("a.yaml", "agreement", "x", "alice");
        await store.Audit.RecordAsync("alice", "agreement.activated", "a");

        foreach (var sql in new[]
        {
            "UPDATE events SET body = 'changed'", "DELETE FROM events",
            "UPDATE document_history SET content = 'changed'", "DELETE FROM document_history",
            "UPDATE audit SET actor = 'mallory'", "DELETE FROM audit",
        })
        {
            var refused = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(store, sql));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["e1"], (await ReadAllAsync(store)).Select(e => e.Id));
        Assert.Equal(1, await CountAsync(store, "document_history"));
        Assert.Equal(1, await CountAsync(store, "audit"));
    }
}
