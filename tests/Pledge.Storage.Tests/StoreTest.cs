using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Text;
using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>
/// What every store test shares: a fresh database of kind <typeparamref name="TDatabase"/>, a fake clock, and
/// access to the raw database. xunit makes one instance per test, so each test has its own database.
/// </summary>
public abstract class StoreTest<TDatabase> : IAsyncLifetime
    where TDatabase : TestDatabase, new()
{
    /// <summary>Where the fake clock starts: 2026-03-02T09:00Z.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<PledgeStore> _stores = [];

    protected TDatabase Database { get; } = new();

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The string that opens this test's database.</summary>
    protected string Address { get; private set; } = string.Empty;

    public async Task InitializeAsync() => Address = await Database.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await Database.DropAsync();
    }

    /// <summary>Opens the test's database (closed when the test ends).</summary>
    protected async Task<PledgeStore> OpenAsync()
    {
        var store = await PledgeStore.OpenAsync(Address, Time);
        _stores.Add(store);
        return store;
    }

    protected static Instant At(string instant) => OffsetDateTimePattern.ExtendedIso.Parse(instant).GetValueOrThrow().ToInstant();

    protected static Instant Ticks(DateTimeOffset time) => Instant.FromDateTimeOffset(time);

    /// <summary>A ticket event; its body is a JSON line naming its id, so a test can tell copies apart.</summary>
    protected static IncomingEvent Event(string id, string at = "2026-03-02T10:00:00Z", string type = "created", string subject = "T-1", string body = "") =>
        new(id, type, subject, At(at), $$"""{"id":"{{id}}","ticket":"{{subject}}","type":"{{type}}","at":"{{at}}"{{body}}}""");

    /// <summary><paramref name="count"/> events with ids <c>{prefix}{first}</c> … one minute apart.</summary>
    protected static List<IncomingEvent> Events(int first, int count, string prefix = "e")
    {
        var events = new List<IncomingEvent>(count);
        for (var i = first; i < first + count; i++)
        {
            var at = At("2026-03-02T00:00:00Z").Plus(Duration.FromMinutes(i));
            events.Add(new IncomingEvent(prefix + i.ToString(CultureInfo.InvariantCulture), "created", "T-" + (i % 7).ToString(CultureInfo.InvariantCulture), at, "{}"));
        }

        return events;
    }

    protected static async Task<List<StoredEvent>> ReadAllAsync(PledgeStore store, EventQuery? query = null)
    {
        var events = new List<StoredEvent>();
        await foreach (var e in store.Events.ReadAsync(query ?? EventQuery.All))
        {
            events.Add(e);
        }

        return events;
    }

    protected static async Task<long> CountAsync(PledgeStore store, string table) =>
        Convert.ToInt64(await ScalarAsync(store, $"SELECT COUNT(*) FROM {table}"), CultureInfo.InvariantCulture);

    protected static async Task<object?> ScalarAsync(PledgeStore store, string sql)
    {
        await using var connection = await store.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    protected static async Task ExecuteAsync(PledgeStore store, params IReadOnlyList<string> statements)
    {
        await using var connection = await store.OpenConnectionAsync();
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    protected static async Task<List<object?[]>> RowsAsync(PledgeStore store, string sql)
    {
        await using var connection = await store.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }
}
