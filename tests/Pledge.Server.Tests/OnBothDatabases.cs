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

public sealed class AccessTestsOnSqlite : Security.AccessTests<SqliteTestDatabase>;

public sealed class AccessTestsOnPostgres : Security.AccessTests<PostgresTestDatabase>;

public sealed class LoginTestsOnSqlite : Security.LoginTests<SqliteTestDatabase>;

public sealed class LoginTestsOnPostgres : Security.LoginTests<PostgresTestDatabase>;

public sealed class SecretsInLogsTestsOnSqlite : Security.SecretsInLogsTests<SqliteTestDatabase>;

public sealed class SecretsInLogsTestsOnPostgres : Security.SecretsInLogsTests<PostgresTestDatabase>;
