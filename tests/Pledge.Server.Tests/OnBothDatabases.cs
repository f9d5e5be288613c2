using Pledge.Server.Tests.Databases;

namespace Pledge.Server.Tests;

// Every server test runs on both databases: the bodies are the generic classes, these only pick the database.
public sealed class ServerBasicsTestsOnSqlite : ServerBasicsTests<SqliteTestDatabase>;

public sealed class ServerBasicsTestsOnPostgres : ServerBasicsTests<PostgresTestDatabase>;

public sealed class EventsApiTestsOnSqlite : EventsApiTests<SqliteTestDatabase>;

public sealed class EventsApiTestsOnPostgres : EventsApiTests<PostgresTestDatabase>;

public sealed class RepositoryApiTestsOnSqlite : RepositoryApiTests<SqliteTestDatabase>;

public sealed class RepositoryApiTestsOnPostgres : RepositoryApiTests<PostgresTestDatabase>;

public sealed class ReportApiTestsOnSqlite : ReportApiTests<SqliteTestDatabase>;

public sealed class ReportApiTestsOnPostgres : ReportApiTests<PostgresTestDatabase>;

public sealed class IsolationTestsOnSqlite : Security.IsolationTests<SqliteTestDatabase>;

public sealed class IsolationTestsOnPostgres : Security.IsolationTests<PostgresTestDatabase>;
