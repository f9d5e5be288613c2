using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>Several documents in one transaction: all or nothing, deletes as tombstone versions, the audit entry with them.</summary>
public abstract class DocumentBatchTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task A_batch_creates_updates_keeps_and_deletes_in_one_go_and_says_what_it_did_to_each_path()
    {
        var store = await OpenAsync();
        await store.Documents.PutAsync("a.yaml", "agreement", "a: 1", "alice");
        await store.Documents.PutAsync("b.yaml", "agreement", "b: 1", "alice");
        await store.Documents.PutAsync("c.yaml", "calendar", "c: 1", "alice");
        Time.Advance(TimeSpan.FromMinutes(5));

        var outcomes = await store.Documents.PutManyAsync(
            new DocumentBatch([new("b.yaml", "agreement", "b: 2"), new("a.yaml", "agreement", "a: 1"), new("d.yaml", "file", "d")], ["c.yaml", "gone.yaml"]),
            "bob");

        Assert.Equal(
            [
                new DocumentOutcome("a.yaml", DocumentChange.Unchanged, 1),
                new DocumentOutcome("b.yaml", DocumentChange.Updated, 2),
                new DocumentOutcome("d.yaml", DocumentChange.Created, 1),
                new DocumentOutcome("c.yaml", DocumentChange.Deleted, 2),
                new DocumentOutcome("gone.yaml", DocumentChange.Absent, 0),
            ],
            outcomes);
        Assert.Equal(["a.yaml", "b.yaml", "d.yaml"], (await store.Documents.ListAsync()).Select(d => d.Path));
        Assert.Null(await store.Documents.GetAsync("c.yaml"));
        Assert.Equal(new StoredDocument("b.yaml", "agreement", "b: 2", 2, Ticks(Start.AddMinutes(5)), "bob"), await store.Documents.GetAsync("b.yaml"));
    }

    [Fact]
    public async Task A_delete_is_a_tombstone_version_and_a_path_put_again_goes_on_counting()
    {
        var store = await OpenAsync();
        await store.Documents.PutAsync("c.yaml", "calendar", "c: 1", "alice");
        Time.Advance(TimeSpan.FromHours(1));
        await store.Documents.PutManyAsync(new DocumentBatch([], ["c.yaml"]), "bob");
        Time.Advance(TimeSpan.FromHours(1));

        var again = await store.Documents.PutAsync("c.yaml", "calendar", "c: 1", "carol");

        Assert.Equal(new DocumentPut(new StoredDocument("c.yaml", "calendar", "c: 1", 3, Ticks(Start.AddHours(2)), "carol"), Changed: true), again);
        Assert.Equal(
            [
                new DocumentRevision("c.yaml", 1, "calendar", "c: 1", Ticks(Start), "alice"),
                new DocumentRevision("c.yaml", 2, "calendar", string.Empty, Ticks(Start.AddHours(1)), "bob") { Deleted = true },
                new DocumentRevision("c.yaml", 3, "calendar", "c: 1", Ticks(Start.AddHours(2)), "carol"),
            ],
            await store.Documents.HistoryAsync("c.yaml"));
    }

    [Fact]
    public async Task A_batch_with_one_bad_document_stores_none_of_them()
    {
        var store = await OpenAsync();
        await store.Documents.PutAsync("a.yaml", "agreement", "a: 1", "alice");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.Documents.PutManyAsync(
            new DocumentBatch([new("a.yaml", "agreement", "a: 2"), new("b.yaml", "agreement", "nul \0 here")], ["a.yaml"]), "bob"));

        Assert.Contains("writes[1].content", refused.Message, StringComparison.Ordinal);
        Assert.Equal("a: 1", (await store.Documents.GetAsync("a.yaml"))!.Content);
        Assert.Null(await store.Documents.GetAsync("b.yaml"));
    }

    [Fact]
    public async Task A_path_both_written_and_deleted_is_refused()
    {
        var store = await OpenAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.Documents.PutManyAsync(new DocumentBatch([new("a.yaml", "agreement", "a")], ["a.yaml"]), "bob"));

        Assert.Contains("named twice", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await store.Documents.HistoryAsync("a.yaml"));
    }

    [Fact]
    public async Task The_audit_entry_is_recorded_with_the_change_naming_every_version_made()
    {
        var store = await OpenAsync();
        await store.Documents.PutAsync("c.yaml", "calendar", "c: 1", "alice");

        await store.Documents.PutManyAsync(
            new DocumentBatch([new("a.yaml", "agreement", "a: 1")], ["c.yaml"], new DocumentAudit("repository.put", "repository", "pledge apply")), "bob");
        await store.Documents.PutManyAsync(
            new DocumentBatch([new("a.yaml", "agreement", "a: 1")], [], new DocumentAudit("repository.put", "repository")), "carol");

        var entries = new List<AuditEntry>();
        await foreach (var entry in store.Audit.ReadAsync("repository"))
        {
            entries.Add(entry);
        }

        var only = Assert.Single(entries);
        Assert.Equal(("bob", "repository.put", "pledge apply; a.yaml v1 created, c.yaml v2 deleted"), (only.Actor, only.Action, only.Detail));
    }

    [Fact]
    public async Task A_plan_sees_the_live_documents_and_a_refused_plan_stores_nothing()
    {
        var store = await OpenAsync();
        await store.Documents.PutAsync("a.yaml", "agreement", "a: 1", "alice");
        await store.Documents.PutAsync("c.yaml", "calendar", "c: 1", "alice");
        await store.Documents.PutManyAsync(new DocumentBatch([], ["c.yaml"]), "alice");
        IReadOnlyCollection<string>? seen = null;

        var refused = await store.Documents.ChangeAsync(
            live =>
            {
                seen = [.. live.Keys];
                return null;
            },
            "bob");

        Assert.Null(refused);
        Assert.Equal(["a.yaml"], seen);
        Assert.Equal(1, (await store.Documents.GetAsync("a.yaml"))!.Version);
    }

    [Fact]
    public async Task A_dry_run_says_what_would_change_and_stores_nothing()
    {
        var store = await OpenAsync();
        await store.Documents.PutAsync("a.yaml", "agreement", "a: 1", "alice");

        var outcomes = await store.Documents.ChangeAsync(
            _ => new DocumentBatch([new("a.yaml", "agreement", "a: 2"), new("b.yaml", "file", "b")], [], new DocumentAudit("repository.put", "repository")),
            "bob",
            dryRun: true);

        Assert.Equal([DocumentChange.Updated, DocumentChange.Created], outcomes!.Select(o => o.Change));
        Assert.Equal(["a.yaml"], (await store.Documents.ListAsync()).Select(d => d.Path));
        Assert.Single(await store.Documents.HistoryAsync("a.yaml"));
        await foreach (var entry in store.Audit.ReadAsync())
        {
            Assert.Fail($"a dry run audited {entry}");
        }
    }

    [Fact]
    public async Task Concurrent_batches_on_the_same_paths_are_serialised_without_gaps()
    {
        var store = await OpenAsync();
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(() => store.Documents.PutManyAsync(
            new DocumentBatch([new("a.yaml", "agreement", $"a: {i}"), new("b.yaml", "agreement", $"b: {i}")], []), $"writer{i}"))).ToList();

        await Task.WhenAll(tasks);

        foreach (var path in new[] { "a.yaml", "b.yaml" })
        {
            Assert.Equal(Enumerable.Range(1, 8), (await store.Documents.HistoryAsync(path)).Select(r => r.Version));
        }
    }
}
