namespace Pledge.Storage;

/// <summary>The database behind a <see cref="PledgeStore"/>.</summary>
public enum StoreKind
{
    /// <summary>SQLite: one file, the embedded default.</summary>
    Sqlite,

    /// <summary>PostgreSQL: the production store, shareable by several server instances.</summary>
    PostgreSql,
}
