namespace Pledge.Storage;

/// <summary>One step of the schema, written once per dialect where the SQL must differ.</summary>
/// <param name="Version">Its version: 1, 2, … with no gaps; the database's version is the highest applied.</param>
/// <param name="Description">What it changes, kept in <c>schema_migrations</c>.</param>
/// <param name="Sqlite">Its statements for SQLite, run in order in one transaction.</param>
/// <param name="PostgreSql">Its statements for PostgreSQL, run in order in one transaction.</param>
internal sealed record Migration(int Version, string Description, IReadOnlyList<string> Sqlite, IReadOnlyList<string> PostgreSql);
