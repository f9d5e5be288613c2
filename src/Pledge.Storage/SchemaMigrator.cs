using System.Data.Common;
using System.Globalization;

namespace Pledge.Storage;

/// <summary>
/// Brings a database to <see cref="Schema.Latest"/> when the store opens: each missing migration in its own
/// transaction, recorded in <c>schema_migrations</c> (version, description, applied_at). Opening an up-to-date
/// database changes nothing; opening a newer one is refused (<see cref="SchemaVersionException"/>).
/// </summary>
/// <remarks>
/// Safe when several processes open the same database at once: PostgreSQL serialises them on an advisory lock,
/// SQLite on its write lock, and each migration checks the version again inside its transaction.
/// </remarks>
internal static class SchemaMigrator
{
    /// <summary>Applies what is missing; returns the database's version.</summary>
    public static async Task<int> ApplyAsync(StoreDialect dialect, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var schemaLock = await dialect.LockSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
        await Sql.ExecuteAsync(connection, null, dialect.CreateMigrationsTable, cancellationToken).ConfigureAwait(false);

        var version = await VersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        Refuse(dialect, version);
        foreach (var migration in Schema.Migrations)
        {
            if (migration.Version <= version)
            {
                continue;
            }

            await using var write = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            var transaction = write.Transaction;
            version = await VersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            Refuse(dialect, version);
            if (migration.Version <= version)
            {
                // Another process applied it meanwhile.
                continue;
            }

            foreach (var statement in dialect.Statements(migration))
            {
                await Sql.ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }

            await using (var record = Sql.Command(connection, transaction, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@version, @description, @applied_at)"))
            {
                Sql.Add(record, "@version", migration.Version);
                Sql.Add(record, "@description", migration.Description);
                Sql.Add(record, "@applied_at", StoreTime.NowTicks(time));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await write.CommitAsync(cancellationToken).ConfigureAwait(false);
            version = migration.Version;
        }

        return version;
    }

    private static async Task<int> VersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static void Refuse(StoreDialect dialect, int version)
    {
        if (version > Schema.Latest)
        {
            throw new SchemaVersionException(dialect.Location, version, Schema.Latest);
        }
    }
}
