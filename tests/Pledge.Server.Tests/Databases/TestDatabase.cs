using Pledge.Storage;

namespace Pledge.Server.Tests.Databases;

/// <summary>
/// A fresh, empty database for one test, dropped afterwards. The server tests are written once against this and
/// run on each kind (see <c>OnBothDatabases.cs</c>).
/// </summary>
public abstract class TestDatabase
{
    public abstract StoreKind Kind { get; }

    /// <summary>Creates the database; returns what <see cref="PledgeStore.OpenAsync"/> takes to open it.</summary>
    public abstract Task<string> CreateAsync();

    /// <summary>Drops it and everything in it.</summary>
    public abstract Task DropAsync();
}
