using Microsoft.Extensions.Time.Testing;

namespace Pledge.Storage.Tests;

/// <summary>How the database string picks the database, and what it refuses before connecting.</summary>
public sealed class StoreAddressTests
{
    [Theory]
    [InlineData("pledge.db", StoreKind.Sqlite)]
    [InlineData("/var/lib/pledge/pledge.db", StoreKind.Sqlite)]
    [InlineData("Data Source=pledge.db", StoreKind.Sqlite)]
    [InlineData("data source=pledge.db;Cache=Shared", StoreKind.Sqlite)]
    [InlineData("Filename=pledge.db", StoreKind.Sqlite)]
    [InlineData("Host=db.example;Database=pledge;Username=pledge;Password=secret", StoreKind.PostgreSql)]
    [InlineData("host=10.0.0.5;port=5433;database=pledge", StoreKind.PostgreSql)]
    [InlineData("Server=db;Database=pledge", StoreKind.PostgreSql)]
    public async Task The_database_string_picks_the_database(string database, StoreKind kind)
    {
        await using var dialect = StoreDialect.Create(database);

        Assert.Equal(kind, dialect.Kind);
    }

    [Fact]
    public async Task A_SQLite_path_is_made_absolute_and_a_PostgreSQL_location_never_shows_the_password()
    {
        await using var sqlite = StoreDialect.Create("pledge.db");
        await using var postgres = StoreDialect.Create("Host=db.example;Port=5433;Database=pledge;Username=pledge;Password=hunter2");

        Assert.Equal(Path.GetFullPath("pledge.db"), sqlite.Location);
        Assert.Equal("postgresql db.example:5433/pledge", postgres.Location);
    }

    [Theory]
    [InlineData("", "the database is empty")]
    [InlineData("   ", "the database is empty")]
    [InlineData(":memory:", "an in-memory SQLite database is not supported")]
    [InlineData("Data Source=:memory:", "an in-memory SQLite database is not supported")]
    [InlineData("Data Source=x.db;Mode=Memory", "an in-memory SQLite database is not supported")]
    [InlineData("Data Source=x.db;Mode=ReadOnly", "a read-only SQLite database is not supported")]
    [InlineData("Data Source=", "the SQLite Data Source is empty")]
    [InlineData("Database=pledge;Username=x", "the database connection string names neither Host= (PostgreSQL) nor Data Source= (SQLite)")]
    [InlineData("Host=db", "the PostgreSQL connection string names no Database=")]
    [InlineData("Host=db;Database=pledge;Colour=blue", "the PostgreSQL connection string is not valid")]
    [InlineData("postgresql://u:p@db/pledge", "PostgreSQL URLs are not read")]
    public async Task A_database_string_that_cannot_work_is_refused_before_connecting(string database, string message)
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => PledgeStore.OpenAsync(database, new FakeTimeProvider()));

        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal("database", refused.ParamName);
    }
}
