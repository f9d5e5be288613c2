using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Pledge.Storage;

/// <summary>
/// The alerts the live monitor raised, each id once: recording an alert already stored changes nothing, so an
/// alert raised again after a restart, or by a second evaluation, is never raised twice.
/// </summary>
/// <remarks>
/// <para>Append-only (the database refuses updates and deletes). Thread-safe; several processes may record at once,
/// and each id is still stored once.</para>
/// <para><see cref="RecordAsync"/> is the one way alerts are written. Whatever must happen exactly when an alert is
/// new (enqueueing its notifications in an outbox) runs inside the same transaction through its
/// <c>alongside</c> callback, so an alert and its consequences are stored together or not at all.</para>
/// </remarks>
public sealed class AlertStore
{
    // PostgreSQL takes a chunk of alerts per statement, as arrays (a round trip per row would cost more than the row).
    private const int RowsPerStatement = 5000;

    private const string InsertOne = """
        INSERT INTO alerts (id, kind, due_at, fired_at, agreement, target, customer, service, priority, ticket, threshold, text)
        VALUES (@id, @kind, @due_at, @fired_at, @agreement, @target, @customer, @service, @priority, @ticket, @threshold, @text)
        ON CONFLICT (id) DO NOTHING RETURNING sequence
        """;

    private const string InsertArrays = """
        INSERT INTO alerts (id, kind, due_at, fired_at, agreement, target, customer, service, priority, ticket, threshold, text)
        SELECT * FROM unnest(@ids::text[], @kinds::text[], @dues::bigint[], @fireds::bigint[], @agreements::text[], @targets::text[],
            @customers::text[], @services::text[], @priorities::text[], @tickets::text[], @thresholds::text[], @texts::text[])
        ON CONFLICT (id) DO NOTHING RETURNING id, sequence
        """;

    private const string Columns = "SELECT sequence, id, kind, due_at, fired_at, agreement, target, customer, service, priority, ticket, threshold, text FROM alerts";

    private readonly StoreDialect _dialect;

    internal AlertStore(StoreDialect dialect) => _dialect = dialect;

    /// <summary>
    /// Records the alerts whose id is not stored yet, in one transaction, and for each of those runs
    /// <paramref name="alongside"/> inside that transaction (in the order given). Alerts already stored, or repeated
    /// in <paramref name="alerts"/>, are skipped and <paramref name="alongside"/> is not run for them.
    /// </summary>
    /// <param name="alerts">The alerts; ids may repeat, the first copy counts.</param>
    /// <param name="alongside">Runs for each new alert on the transaction's connection, before the commit: what it
    /// writes is committed with the alert, and if it throws nothing is recorded. Null: nothing.</param>
    /// <param name="cancellationToken">Cancels recording (nothing is recorded).</param>
    /// <returns>The alerts recorded by this call, in the order given, with their <see cref="AlertRecord.Sequence"/>.</returns>
    /// <exception cref="ArgumentException">An alert is not valid (an empty key, a key over 512 characters, an unknown
    /// kind, text PostgreSQL cannot store); the message names it and nothing is recorded.</exception>
    public async Task<IReadOnlyList<AlertRecord>> RecordAsync(
        IReadOnlyList<AlertRecord> alerts,
        Func<DbConnection, DbTransaction, AlertRecord, CancellationToken, Task>? alongside = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var unique = new List<AlertRecord>(alerts.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < alerts.Count; i++)
        {
            var alert = alerts[i] ?? throw new ArgumentException($"alerts[{i}] is null", nameof(alerts));
            Validate(alert, $"alerts[{i}]", nameof(alerts));
            if (seen.Add(alert.Id))
            {
                unique.Add(alert);
            }
        }

        if (unique.Count == 0)
        {
            return [];
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var write = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var transaction = write.Transaction;

        // In id order, so two processes recording overlapping sets meet their common ids in the same order and one
        // waits for the other instead of deadlocking (PostgreSQL), as event batches do.
        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        var ordered = unique.OrderBy(a => a.Id, StringComparer.Ordinal);
        if (_dialect.Kind == StoreKind.PostgreSql)
        {
            foreach (var chunk in ordered.Chunk(RowsPerStatement))
            {
                await InsertArraysAsync(connection, transaction, chunk, sequences, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await InsertRowsAsync(connection, transaction, ordered, sequences, cancellationToken).ConfigureAwait(false);
        }

        var recorded = new List<AlertRecord>(sequences.Count);
        foreach (var alert in unique)
        {
            if (sequences.TryGetValue(alert.Id, out var sequence))
            {
                var stored = alert with { Sequence = sequence };
                recorded.Add(stored);
                if (alongside is not null)
                {
                    await alongside(connection, transaction, stored, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return recorded;
    }

    /// <summary>One page of the alerts <paramref name="query"/> selects, in the order recorded.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The query's limit is not 1 to <see cref="AlertQuery.MaxLimit"/>.</exception>
    public async Task<IReadOnlyList<AlertRecord>> ReadAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > AlertQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"the limit is 1 to {AlertQuery.MaxLimit}");
        }

        if (query.Customers is { Count: 0 })
        {
            return [];
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, Columns);
        var conditions = new List<string>();
        void Equal(string column, string? value)
        {
            if (value is not null)
            {
                conditions.Add($"{column} = @{column}");
                Sql.Add(command, "@" + column, value);
            }
        }

        Equal("kind", query.Kind);
        Equal("customer", query.Customer);
        Equal("agreement", query.Agreement);
        Equal("ticket", query.Ticket);
        if (query.Customers is { } customers)
        {
            var names = customers.Select((c, i) =>
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@customer{i}");
                Sql.Add(command, name, c);
                return name;
            }).ToList();
            conditions.Add($"customer IN ({string.Join(", ", names)})");
        }

        if (query.Since is { } since)
        {
            conditions.Add("fired_at >= @since");
            Sql.Add(command, "@since", since.ToUnixTimeTicks());
        }

        if (query.After is { } after)
        {
            conditions.Add("sequence > @after");
            Sql.Add(command, "@after", after);
        }

        var sql = new StringBuilder(Columns);
        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY sequence LIMIT {query.Limit}");
#pragma warning disable CA2100 // Built from constants of this class; values are parameters.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100

        var alerts = new List<AlertRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(Read(reader));
        }

        return alerts;
    }

    /// <summary>How many alerts are stored, per kind (kinds with none are absent).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByKindAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT kind, COUNT(*) FROM alerts GROUP BY kind");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>PostgreSQL: each chunk in one statement, its columns as arrays.</summary>
    private static async Task InsertArraysAsync(DbConnection connection, DbTransaction transaction, AlertRecord[] chunk, Dictionary<string, long> sequences, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, InsertArrays);
        Sql.Add(command, "@ids", chunk.Select(a => a.Id).ToArray());
        Sql.Add(command, "@kinds", chunk.Select(a => a.Kind).ToArray());
        Sql.Add(command, "@dues", chunk.Select(a => a.DueAt.ToUnixTimeTicks()).ToArray());
        Sql.Add(command, "@fireds", chunk.Select(a => a.FiredAt.ToUnixTimeTicks()).ToArray());
        Sql.Add(command, "@agreements", chunk.Select(a => a.Agreement).ToArray());
        Sql.Add(command, "@targets", chunk.Select(a => a.Target).ToArray());
        Sql.Add(command, "@customers", chunk.Select(a => a.Customer).ToArray());
        Sql.Add(command, "@services", chunk.Select(a => a.Service).ToArray());
        Sql.Add(command, "@priorities", chunk.Select(a => a.Priority).ToArray());
        Sql.Add(command, "@tickets", chunk.Select(a => a.Ticket).ToArray());
        Sql.Add(command, "@thresholds", chunk.Select(a => a.Threshold).ToArray());
        Sql.Add(command, "@texts", chunk.Select(a => a.Text).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sequences[reader.GetString(0)] = reader.GetInt64(1);
        }
    }

    /// <summary>SQLite: one prepared statement run per alert (in-process, so a row costs microseconds).</summary>
    private static async Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, IEnumerable<AlertRecord> alerts, Dictionary<string, long> sequences, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, InsertOne);
        string[] names = ["@id", "@kind", "@due_at", "@fired_at", "@agreement", "@target", "@customer", "@service", "@priority", "@ticket", "@threshold", "@text"];
        foreach (var name in names)
        {
            Sql.Add(command, name, null);
        }

        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var parameters = command.Parameters;
        foreach (var a in alerts)
        {
            object?[] values = [a.Id, a.Kind, a.DueAt.ToUnixTimeTicks(), a.FiredAt.ToUnixTimeTicks(), a.Agreement, a.Target, a.Customer, a.Service, a.Priority, a.Ticket, a.Threshold, a.Text];
            for (var c = 0; c < values.Length; c++)
            {
                parameters[c].Value = values[c] ?? DBNull.Value;
            }

            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } sequence and not DBNull)
            {
                sequences[a.Id] = Convert.ToInt64(sequence, CultureInfo.InvariantCulture);
            }
        }
    }

    private static void Validate(AlertRecord alert, string name, string parameter)
    {
        StoredText.RequireKey(alert.Id, $"{name}.id", parameter);
        if (!AlertKinds.All.Contains(alert.Kind, StringComparer.Ordinal))
        {
            throw new ArgumentException($"{name}.kind \"{alert.Kind}\" is not one of {string.Join(", ", AlertKinds.All)}", parameter);
        }

        StoredText.RequireKey(alert.Agreement, $"{name}.agreement", parameter);
        StoredText.RequireKey(alert.Target, $"{name}.target", parameter);
        StoredText.RequireKey(alert.Customer, $"{name}.customer", parameter);
        StoredText.RequireKey(alert.Service, $"{name}.service", parameter);
        StoredText.RequireKey(alert.Threshold, $"{name}.threshold", parameter);
        if (alert.Priority is not null)
        {
            StoredText.RequireKey(alert.Priority, $"{name}.priority", parameter);
        }

        if (alert.Ticket is not null)
        {
            StoredText.RequireKey(alert.Ticket, $"{name}.ticket", parameter);
        }

        StoredText.RequireText(alert.Text, $"{name}.text", parameter);
    }

    private static AlertRecord Read(DbDataReader reader) => new(
        reader.GetString(1),
        reader.GetString(2),
        StoreTime.FromTicks(reader.GetInt64(3)),
        StoreTime.FromTicks(reader.GetInt64(4)),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.GetString(11),
        reader.GetString(12),
        reader.GetInt64(0));
}
