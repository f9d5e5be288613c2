using Pledge.Testing;

namespace Pledge.Storage.Tests;

// Every store test runs on both databases: the bodies are the generic classes, these only pick the database.
public sealed class MigrationTestsOnSqlite : MigrationTests<SqliteTestDatabase>;

public sealed class MigrationTestsOnPostgres : MigrationTests<PostgresTestDatabase>;

public sealed class EventStoreTestsOnSqlite : EventStoreTests<SqliteTestDatabase>;

public sealed class EventStoreTestsOnPostgres : EventStoreTests<PostgresTestDatabase>;

public sealed class DocumentStoreTestsOnSqlite : DocumentStoreTests<SqliteTestDatabase>;

public sealed class DocumentStoreTestsOnPostgres : DocumentStoreTests<PostgresTestDatabase>;

public sealed class AuditLogTestsOnSqlite : AuditLogTests<SqliteTestDatabase>;

public sealed class AuditLogTestsOnPostgres : AuditLogTests<PostgresTestDatabase>;

public sealed class ActionStoreTestsOnSqlite : ActionStoreTests<SqliteTestDatabase>;

public sealed class ActionStoreTestsOnPostgres : ActionStoreTests<PostgresTestDatabase>;
public sealed class DocumentBatchTestsOnSqlite : DocumentBatchTests<SqliteTestDatabase>;

public sealed class DocumentBatchTestsOnPostgres : DocumentBatchTests<PostgresTestDatabase>;
public sealed class AlertStoreTestsOnSqlite : AlertStoreTests<SqliteTestDatabase>;

public sealed class AlertStoreTestsOnPostgres : AlertStoreTests<PostgresTestDatabase>;
public sealed class NotificationStoreTestsOnSqlite : NotificationStoreTests<SqliteTestDatabase>;

public sealed class NotificationStoreTestsOnPostgres : NotificationStoreTests<PostgresTestDatabase>;
public sealed class AccessStoreTestsOnSqlite : AccessStoreTests<SqliteTestDatabase>;

public sealed class AccessStoreTestsOnPostgres : AccessStoreTests<PostgresTestDatabase>;

public sealed class LoginFailureStoreTestsOnSqlite : LoginFailureStoreTests<SqliteTestDatabase>;

public sealed class LoginFailureStoreTestsOnPostgres : LoginFailureStoreTests<PostgresTestDatabase>;

public sealed class EventFeedTestsOnSqlite : EventFeedTests<SqliteTestDatabase>;

public sealed class EventFeedTestsOnPostgres : EventFeedTests<PostgresTestDatabase>;
