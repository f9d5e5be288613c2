using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>Repository documents: a version per change, every version kept.</summary>
public abstract class DocumentStoreTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Putting_a_new_document_creates_version_1_with_its_history_row()
    {
        var store = await OpenAsync();

        var put = await store.Documents.PutAsync("agreements/acme-sla.yaml", "agreement", "id: acme-sla\n", "alice");

        var expected = new StoredDocument("agreements/acme-sla.yaml", "agreement", "id: acme-sla\n", 1, Ticks(Start), "alice");
        Assert.Equal(new DocumentPut(expected, Changed: true), put);
        Assert.Equal(expected, await store.Documents.GetAsync("agreements/acme-sla.yaml"));
        var revision = Assert.Single(await store.Documents.HistoryAsync("agreements/acme-sla.yaml"));
        Assert.Equal(new DocumentRevision("agreements/acme-sla.yaml", 1, "agreement", "id: acme-sla\n", Ticks(Start), "alice"), revision);
    }

    [Fact]
    public async Task Each_change_makes_the_next_version_and_the_history_keeps_every_one()
    {
        var store = await OpenAsync();
        await store.Documents.PutAsync("a.yaml", "agreement", "v: 1", "alice");
        Time.Advance(TimeSpan.FromHours(1));
        await store.Documents.PutAsync("a.yaml", "agreement", "v: 2", "bob");
        Time.Advance(TimeSpan.FromHours(1));
        var third = await store.Documents.PutAsync("a.yaml", "calendar", "v: 2", "carol");

        Assert.True(third.Changed);
        Assert.Equal(new StoredDocument("a.yaml", "calendar", "v: 2", 3, Ticks(Start.AddHours(2)), "carol"), await store.Documents.GetAsync("a.yaml"));
        Assert.Equal(
            [
                new DocumentRevision("a.yaml", 1, "agreement", "v: 1", Ticks(Start), "alice"),
                new DocumentRevision("a.yaml", 2, "agreement", "v: 2", Ticks(Start.AddHours(1)), "bob"),
                new DocumentRevision("a.yaml", 3, "calendar", "v: 2", Ticks(Start.AddHours(2)), "carol"),
            ],
            await store.Documents.HistoryAsync("a.yaml"));
    }

    [Fact]
    public async Task Putting_the_same_content_again_makes_no_version()
    {
        var store = await OpenAsync();
        var first = await store.Documents.PutAsync("a.yaml", "agreement", "v: 1", "alice");
        Time.Advance(TimeSpan.FromHours(1));

        var again = await store.Documents.PutAsync("a.yaml", "agreement", "v: 1", "bob");

        Assert.Equal(new DocumentPut(first.Document, Changed: false), again);
        Assert.Single(await store.Documents.HistoryAsync("a.yaml"));
    }

    [Fact]
    public async Task A_change_only_in_white_space_is_a_change()
    {
        var store = await OpenAsync();
        await store.Documents.PutAsync("a.yaml", "agreement", "v: 1", "alice");

        var put = await store.Documents.PutAsync("a.yaml", "agreement", "v: 1\n", "alice");

        Assert.True(put.Changed);
        Assert.Equal(2, put.Document.Version);
    }

    [Fact]
    public async Task Listing_gives_every_document_or_one_kind_in_code_point_order()
    {
        var store = await OpenAsync();
        foreach (var (path, kind) in new[] { ("calendars/b.yaml", "calendar"), ("agreements/Z.yaml", "agreement"), ("agreements/a.yaml", "agreement"), ("catalogue.yaml", "catalogue") })
        {
            await store.Documents.PutAsync(path, kind, path, "alice");
        }

        Assert.Equal(["agreements/Z.yaml", "agreements/a.yaml", "calendars/b.yaml", "catalogue.yaml"], (await store.Documents.ListAsync()).Select(d => d.Path));
        Assert.Equal(["agreements/Z.yaml", "agreements/a.yaml"], (await store.Documents.ListAsync("agreement")).Select(d => d.Path));
        Assert.Empty(await store.Documents.ListAsync("customer"));
    }

    [Fact]
    public async Task A_missing_document_has_no_current_version_and_no_history()
    {
        var store = await OpenAsync();

        Assert.Null(await store.Documents.GetAsync("nothing.yaml"));
        Assert.Empty(await store.Documents.HistoryAsync("nothing.yaml"));
    }

    [Theory]
    [InlineData("", "agreement", "x", "alice", "path")]
    [InlineData("a.yaml", " ", "x", "alice", "kind")]
    [InlineData("a.yaml", "agreement", null, "alice", "content")]
    [InlineData("a.yaml", "agreement", "x", "", "changedBy")]
    [InlineData("a.yaml", "agreement", "a\0b", "alice", "content")]
    public async Task Bad_input_is_refused_naming_the_field_and_stores_nothing(string path, string kind, string? content, string changedBy, string field)
    {
        var store = await OpenAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.Documents.PutAsync(path, kind, content!, changedBy));

        Assert.Equal(field, refused.ParamName);
        Assert.StartsWith(field, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await store.Documents.ListAsync());
    }

    [Fact]
    public async Task Concurrent_puts_of_one_new_path_each_make_a_version_without_gaps()
    {
        var store = await OpenAsync();

        var puts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.Documents.PutAsync("a.yaml", "agreement", "v: " + i, "user" + i))));

        Assert.All(puts, p => Assert.True(p.Changed));
        Assert.Equal(Enumerable.Range(1, 8), puts.Select(p => p.Document.Version).Order());
        var history = await store.Documents.HistoryAsync("a.yaml");
        Assert.Equal(Enumerable.Range(1, 8), history.Select(r => r.Version));
        Assert.Equal(history[^1].Content, (await store.Documents.GetAsync("a.yaml"))!.Content);
    }
}
