using Npgsql;
using Pledge.Storage;

namespace Pledge.Testing;

/// <summary>
/// A database of its own on the PostgreSQL server named by <c>PLEDGE_TEST_POSTGRES</c> (./test.sh starts a
/// throw-away server and sets it). Without it the tests fail: a PostgreSQL test must never pass by not running.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "PLEDGE_TEST_POSTGRES";

    private readonly string _name = "pledge_test_" + Guid.NewGuid().ToString("N");
    private string? _server;

    public override StoreKind Kind => StoreKind.PostgreSql;

    public override IReadOnlyList<string> PoisonEvents { get; } =
    [
        """
        CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.id = 'poison' THEN RAISE EXCEPTION 'poisoned event'; END IF;
            RETURN NEW;
        END
        $$
        """,
        "CREATE TRIGGER poison BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION poison()",
    ];

    public override async Task<string> CreateAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            // Thrown, not skipped: the test fails and says why.
            throw new InvalidOperationException($"{Variable} is not set, so the PostgreSQL tests cannot run: run ./test.sh, which starts a throw-away PostgreSQL on 127.0.0.1 and sets it (or set it to a server where this user may create databases).");
        }

        await ExecuteOnServerAsync($"CREATE DATABASE \"{_name}\"");
        return new NpgsqlConnectionStringBuilder(_server) { Database = _name, Pooling = true }.ToString();
    }

    public override async Task DropAsync()
    {
        if (_server is not null)
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        }
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        // Not pooled: the server's maintenance database should not keep idle connections from every test.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
