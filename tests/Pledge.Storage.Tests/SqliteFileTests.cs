using System.Globalization;
using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>What only SQLite has: the file, its WAL mode and its connection settings.</summary>
public sealed class SqliteFileTests : StoreTest<SqliteTestDatabase>
{
    [Fact]
    public async Task The_file_and_its_folder_are_created_on_first_open_in_WAL_mode()
    {
        Assert.False(File.Exists(Database.File));

        var store = await OpenAsync();

        Assert.True(File.Exists(Database.File));
        Assert.Equal(Database.File, store.Location);
        Assert.Equal("wal", await ScalarAsync(store, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Every_connection_has_foreign_keys_on_and_a_busy_timeout()
    {
        var store = await OpenAsync();

        Assert.Equal(1L, await ScalarAsync(store, "PRAGMA foreign_keys"));
        Assert.Equal(30_000L, await ScalarAsync(store, "PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task A_connection_string_opens_the_same_file_as_its_path()
    {
        var byPath = await OpenAsync();
        await byPath.Events.AppendAsync([Event("e1")]);

        var byConnectionString = await PledgeStore.OpenAsync($"Data Source={Database.File};Cache=Shared", Time);
        await using (byConnectionString)
        {
            Assert.Equal(["e1"], (await ReadAllAsync(byConnectionString)).Select(e => e.Id));
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_not_overwritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Database.File)!);
        await File.WriteAllTextAsync(Database.File, string.Concat(Enumerable.Repeat("not a database. ", 100)));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(OpenAsync);

        Assert.StartsWith("not a database.", await File.ReadAllTextAsync(Database.File), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_see_a_snapshot_while_a_writer_appends()
    {
        var store = await OpenAsync();
        await store.Events.AppendAsync(Events(0, 100));

        var read = 0;
        await foreach (var e in store.Events.ReadAsync(EventQuery.All))
        {
            if (read++ == 0)
            {
                // WAL: the append does not wait for the open read, and the read does not see it.
                Assert.Equal(100, (await store.Events.AppendAsync(Events(1000, 100))).Inserted);
            }
        }

        Assert.Equal(100, read);
        Assert.Equal(200L, Convert.ToInt64(await ScalarAsync(store, "SELECT COUNT(*) FROM events"), CultureInfo.InvariantCulture));
    }
}
