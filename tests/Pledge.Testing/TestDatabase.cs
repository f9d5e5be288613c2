using Pledge.Storage;

namespace Pledge.Testing;

/// <summary>
/// A fresh, empty database for one test, dropped afterwards. The storage and server tests are written once
/// against this and run on each kind (see their <c>OnBothDatabases.cs</c>).
/// </summary>
public abstract class TestDatabase
{
    public abstract StoreKind Kind { get; }

    /// <summary>Creates the database; returns what <see cref="PledgeStore.OpenAsync"/> takes to open it.</summary>
    public abstract Task<string> CreateAsync();

    /// <summary>Drops it and everything in it.</summary>
    public abstract Task DropAsync();

    /// <summary>
    /// Statements that make the database itself fail an insert into <c>events</c> whose id is <c>poison</c>: a
    /// failure inside the database, in the middle of a batch.
    /// </summary>
    public abstract IReadOnlyList<string> PoisonEvents { get; }
}
