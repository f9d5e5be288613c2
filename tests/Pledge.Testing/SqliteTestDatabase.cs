using Pledge.Storage;

namespace Pledge.Testing;

/// <summary>A SQLite file in a folder of its own under the temp folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pledge-tests", Guid.NewGuid().ToString("N"));

    public override StoreKind Kind => StoreKind.Sqlite;

    /// <summary>The database file (created by the store: the folder does not exist yet either).</summary>
    public string File => Path.Combine(_folder, "data", "pledge.db");

    public override IReadOnlyList<string> PoisonEvents { get; } =
        ["CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.id = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned event'); END"];

    public override Task<string> CreateAsync() => Task.FromResult(File);

    public override Task DropAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
