using Pledge.Testing;

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

public sealed class ActionsApiTestsOnSqlite : ActionsApiTests<SqliteTestDatabase>;

public sealed class ActionsApiTestsOnPostgres : ActionsApiTests<PostgresTestDatabase>;

public sealed class ReadsApiTestsOnSqlite : ReadsApiTests<SqliteTestDatabase>;

public sealed class ReadsApiTestsOnPostgres : ReadsApiTests<PostgresTestDatabase>;

public sealed class BadInputTestsOnSqlite : BadInputTests<SqliteTestDatabase>;

public sealed class BadInputTestsOnPostgres : BadInputTests<PostgresTestDatabase>;
public sealed class DefinitionsApiTestsOnSqlite : DefinitionsApiTests<SqliteTestDatabase>;

public sealed class DefinitionsApiTestsOnPostgres : DefinitionsApiTests<PostgresTestDatabase>;

public sealed class CliApplyExportTestsOnSqlite : CliApplyExportTests<SqliteTestDatabase>;

public sealed class CliApplyExportTestsOnPostgres : CliApplyExportTests<PostgresTestDatabase>;
public sealed class LiveMonitorTestsOnSqlite : LiveMonitorTests<SqliteTestDatabase>;

public sealed class LiveMonitorTestsOnPostgres : LiveMonitorTests<PostgresTestDatabase>;

public sealed class MonitorScaleTestsOnSqlite : MonitorScaleTests<SqliteTestDatabase>;

public sealed class MonitorScaleTestsOnPostgres : MonitorScaleTests<PostgresTestDatabase>;

public sealed class AlertsApiTestsOnSqlite : AlertsApiTests<SqliteTestDatabase>;

public sealed class AlertsApiTestsOnPostgres : AlertsApiTests<PostgresTestDatabase>;
public sealed class ChannelsApiTestsOnSqlite : Notifications.ChannelsApiTests<SqliteTestDatabase>;

public sealed class ChannelsApiTestsOnPostgres : Notifications.ChannelsApiTests<PostgresTestDatabase>;

public sealed class NotificationDeliveryTestsOnSqlite : Notifications.NotificationDeliveryTests<SqliteTestDatabase>;

public sealed class NotificationDeliveryTestsOnPostgres : Notifications.NotificationDeliveryTests<PostgresTestDatabase>;

public sealed class OutboxTestsOnSqlite : Notifications.OutboxTests<SqliteTestDatabase>;

public sealed class OutboxTestsOnPostgres : Notifications.OutboxTests<PostgresTestDatabase>;
public sealed class IsolationTestsOnSqlite : Security.IsolationTests<SqliteTestDatabase>;

public sealed class IsolationTestsOnPostgres : Security.IsolationTests<PostgresTestDatabase>;

public sealed class AccessTestsOnSqlite : Security.AccessTests<SqliteTestDatabase>;

public sealed class AccessTestsOnPostgres : Security.AccessTests<PostgresTestDatabase>;

public sealed class LoginTestsOnSqlite : Security.LoginTests<SqliteTestDatabase>;

public sealed class LoginTestsOnPostgres : Security.LoginTests<PostgresTestDatabase>;

public sealed class SecretsInLogsTestsOnSqlite : Security.SecretsInLogsTests<SqliteTestDatabase>;

public sealed class SecretsInLogsTestsOnPostgres : Security.SecretsInLogsTests<PostgresTestDatabase>;

public sealed class BudgetAlertsTestsOnSqlite : BudgetAlertsTests<SqliteTestDatabase>;

public sealed class BudgetAlertsTestsOnPostgres : BudgetAlertsTests<PostgresTestDatabase>;

public sealed class LoginThrottleTestsOnSqlite : Security.LoginThrottleTests<SqliteTestDatabase>;

public sealed class LoginThrottleTestsOnPostgres : Security.LoginThrottleTests<PostgresTestDatabase>;
