using System.Data.Common;
using System.Globalization;
using System.Text;
using NodaTime;

namespace Pledge.Storage;

/// <summary>
/// The transactional outbox of notifications and their delivery log. Notifications are queued in the transaction
/// that records their alert (<see cref="EnqueueAsync"/>), so an alert is never stored without its notifications nor
/// the other way round; a dispatcher then claims due ones (<see cref="ClaimAsync"/>), tries them and records each
/// attempt (<see cref="RecordAttemptAsync"/>).
/// </summary>
/// <remarks>
/// Claiming pushes a notification's due time one lease ahead instead of locking it, so a dispatcher that dies
/// mid-delivery only delays it by the lease: delivery is at least once, and receivers dedupe on the notification id.
/// Two dispatchers (two server instances) never claim the same attempt: the claim is a compare-and-set on the due
/// time. Thread-safe.
/// </remarks>
public sealed class NotificationStore
{
    private const string Columns = """
        SELECT sequence, id, alert_id, address_key, alert_kind, agreement, customer, channel, channel_type, recipient, reason, payload,
               status, attempts, next_attempt_at, created_at, updated_at, last_error
        FROM notifications
        """;

    private const string Open = "status IN ('pending', 'failed')";

    private readonly StoreDialect _dialect;
    private readonly TimeProvider _time;

    internal NotificationStore(StoreDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    /// <summary>
    /// Queues <paramref name="entries"/> in the caller's transaction, due at once; an entry whose alert and address
    /// are already queued is skipped (an alert recorded twice notifies once).
    /// </summary>
    /// <returns>How many were queued.</returns>
    /// <exception cref="ArgumentException">A blank key or text the databases cannot store; nothing is queued by this call
    /// (the caller's transaction decides the rest).</exception>
    public async Task<int> EnqueueAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            StoredText.RequireKey(e.Id, "id", nameof(entries));
            StoredText.RequireKey(e.AlertId, "alertId", nameof(entries));
            StoredText.RequireKey(e.AddressKey, "addressKey", nameof(entries));
            StoredText.RequireKey(e.Recipient, "recipient", nameof(entries));
            StoredText.RequireText(e.Reason, "reason", nameof(entries));
            StoredText.RequireText(e.Payload, "payload", nameof(entries));
        }

        var now = StoreTime.NowTicks(_time);
        var queued = 0;
        foreach (var e in entries)
        {
            await using var command = Sql.Command(connection, transaction, """
                INSERT INTO notifications (id, alert_id, address_key, alert_kind, agreement, customer, channel, channel_type, recipient, reason, payload,
                                           status, attempts, next_attempt_at, created_at, updated_at)
                VALUES (@id, @alert, @key, @kind, @agreement, @customer, @channel, @type, @recipient, @reason, @payload, 'pending', 0, @now, @now, @now)
                ON CONFLICT (alert_id, address_key) DO NOTHING
                """);
            Sql.Add(command, "@id", e.Id);
            Sql.Add(command, "@alert", e.AlertId);
            Sql.Add(command, "@key", e.AddressKey);
            Sql.Add(command, "@kind", e.AlertKind);
            Sql.Add(command, "@agreement", e.Agreement);
            Sql.Add(command, "@customer", e.Customer);
            Sql.Add(command, "@channel", e.Channel);
            Sql.Add(command, "@type", e.ChannelType);
            Sql.Add(command, "@recipient", e.Recipient);
            Sql.Add(command, "@reason", e.Reason);
            Sql.Add(command, "@payload", e.Payload);
            Sql.Add(command, "@now", now);
            queued += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return queued;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> notifications due at the clock's current instant for delivery: their due
    /// time moves to <paramref name="lease"/> from now, so no other dispatcher tries them meanwhile.
    /// </summary>
    public async Task<IReadOnlyList<StoredNotification>> ClaimAsync(int limit, Duration lease, CancellationToken cancellationToken = default)
    {
        var now = StoreTime.NowTicks(_time);
        var leaseUntil = now + lease.BclCompatibleTicks;
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<StoredNotification>();
        await using (var select = Sql.Command(connection, null, Columns + $" WHERE {Open} AND next_attempt_at <= @now ORDER BY next_attempt_at, sequence LIMIT @limit"))
        {
            Sql.Add(select, "@now", now);
            Sql.Add(select, "@limit", limit);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                due.Add(Read(reader));
            }
        }

        var claimed = new List<StoredNotification>(due.Count);
        foreach (var notification in due)
        {
            await using var update = Sql.Command(connection, null, $"UPDATE notifications SET next_attempt_at = @lease WHERE id = @id AND {Open} AND next_attempt_at = @seen");
            Sql.Add(update, "@lease", leaseUntil);
            Sql.Add(update, "@id", notification.Entry.Id);
            Sql.Add(update, "@seen", notification.NextAttemptAt!.Value.ToUnixTimeTicks());
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                claimed.Add(notification with { NextAttemptAt = StoreTime.FromTicks(leaseUntil) });
            }
        }

        return claimed;
    }

    /// <summary>When the next notification is due (leases included), or null when none is waiting.</summary>
    public async Task<Instant?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, $"SELECT MIN(next_attempt_at) FROM notifications WHERE {Open}");
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : StoreTime.FromTicks(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Logs <paramref name="attempt"/> and moves its notification to <paramref name="status"/> (sent, failed with
    /// <paramref name="nextAttemptAt"/>, or dead), in one transaction.
    /// </summary>
    /// <param name="attempt">The attempt; its number must be the notification's attempts so far plus one.</param>
    /// <param name="status">The notification's new status.</param>
    /// <param name="nextAttemptAt">When to try again (status failed only).</param>
    /// <param name="channelType">The channel's type as found at delivery.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is recorded then.</param>
    public async Task RecordAttemptAsync(DeliveryAttempt attempt, string status, Instant? nextAttemptAt, string channelType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.Error is not null)
        {
            StoredText.RequireText(attempt.Error, "error", nameof(attempt));
        }

        if (attempt.Reply is not null)
        {
            StoredText.RequireText(attempt.Reply, "reply", nameof(attempt));
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var write = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var transaction = write.Transaction;
        await using (var insert = Sql.Command(connection, transaction, """
            INSERT INTO notification_attempts (notification_id, attempt, at, outcome, status_code, reply, error, duration_ms)
            VALUES (@id, @attempt, @at, @outcome, @status_code, @reply, @error, @duration)
            """))
        {
            Sql.Add(insert, "@id", attempt.NotificationId);
            Sql.Add(insert, "@attempt", attempt.Attempt);
            Sql.Add(insert, "@at", attempt.At.ToUnixTimeTicks());
            Sql.Add(insert, "@outcome", attempt.Outcome);
            Sql.Add(insert, "@status_code", attempt.StatusCode);
            Sql.Add(insert, "@reply", attempt.Reply);
            Sql.Add(insert, "@error", attempt.Error);
            Sql.Add(insert, "@duration", (long)attempt.Duration.TotalMilliseconds);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var update = Sql.Command(connection, transaction, """
            UPDATE notifications SET status = @status, attempts = @attempt, next_attempt_at = @next, updated_at = @now, last_error = @error, channel_type = @type
            WHERE id = @id
            """))
        {
            Sql.Add(update, "@status", status);
            Sql.Add(update, "@attempt", attempt.Attempt);
            Sql.Add(update, "@next", nextAttemptAt?.ToUnixTimeTicks());
            Sql.Add(update, "@now", StoreTime.NowTicks(_time));
            Sql.Add(update, "@error", attempt.Error);
            Sql.Add(update, "@type", channelType);
            Sql.Add(update, "@id", attempt.NotificationId);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The notification <paramref name="id"/>, or null.</summary>
    public async Task<StoredNotification?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, Columns + " WHERE id = @id");
        Sql.Add(command, "@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>The notifications that match <paramref name="query"/>, in the order queued.</summary>
    public async Task<IReadOnlyList<StoredNotification>> ListAsync(NotificationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, string.Empty);
        var sql = new StringBuilder(Columns).Append(" WHERE sequence > @after");
        Sql.Add(command, "@after", query.After);
        foreach (var (column, value) in new[] { ("status", query.Status), ("alert_id", query.AlertId), ("agreement", query.Agreement), ("customer", query.Customer), ("channel", query.Channel) })
        {
            if (value is not null)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND {column} = @{column}");
                Sql.Add(command, "@" + column, value);
            }
        }

        sql.Append(" ORDER BY sequence LIMIT @limit");
        Sql.Add(command, "@limit", Math.Clamp(query.Limit, 1, 1000));
#pragma warning disable CA2100 // Built from this class's constants; values are parameters.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var notifications = new List<StoredNotification>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            notifications.Add(Read(reader));
        }

        return notifications;
    }

    /// <summary>The delivery log of notification <paramref name="id"/>: every attempt, first first.</summary>
    public async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            null,
            "SELECT notification_id, attempt, at, outcome, status_code, reply, error, duration_ms FROM notification_attempts WHERE notification_id = @id ORDER BY attempt");
        Sql.Add(command, "@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var attempts = new List<DeliveryAttempt>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            attempts.Add(new DeliveryAttempt(
                reader.GetString(0),
                reader.GetInt32(1),
                StoreTime.FromTicks(reader.GetInt64(2)),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                Duration.FromMilliseconds(reader.GetInt64(7))));
        }

        return attempts;
    }

    private static StoredNotification Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        new OutboxEntry(
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9),
            reader.GetString(10),
            reader.GetString(11)),
        reader.GetString(12),
        reader.GetInt32(13),
        reader.IsDBNull(14) ? null : StoreTime.FromTicks(reader.GetInt64(14)),
        StoreTime.FromTicks(reader.GetInt64(15)),
        StoreTime.FromTicks(reader.GetInt64(16)),
        reader.IsDBNull(17) ? null : reader.GetString(17));
}
