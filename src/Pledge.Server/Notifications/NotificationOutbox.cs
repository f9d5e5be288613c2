using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Pledge.Agreements;
using Pledge.Storage;

namespace Pledge.Server.Notifications;

/// <summary>
/// Plans the notifications of one alert from its agreement version's escalation rules and queues them in the outbox
/// in the caller's transaction, the one that records the alert: either both are stored or neither, so a crash
/// between the alert and its delivery loses nothing (the dispatcher finds the rows after a restart).
/// </summary>
/// <remarks>
/// The live monitor calls <c>EnqueueAsync(connection, transaction, notice, …)</c> from inside the transaction that records a new alert, then
/// <see cref="Wake"/> once that transaction has committed, so the dispatcher delivers at once: it cannot see rows
/// that are not committed yet. Thread-safe.
/// </remarks>
internal sealed class NotificationOutbox(PledgeDatabase database, RepositorySnapshot repository, OutboxSignal signal, ILogger<NotificationOutbox> logger)
{
    /// <summary>
    /// Queues the notifications <paramref name="notice"/> calls for, in <paramref name="transaction"/>: one per channel
    /// or e-mail address its agreement version's matching rules name (none when no rule matches). Queuing the same
    /// alert again adds nothing.
    /// </summary>
    /// <returns>How many notifications were queued.</returns>
    public async Task<int> EnqueueAsync(DbConnection connection, DbTransaction transaction, AlertNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (ParseKind(notice.Kind) is not { } alertEvent)
        {
            throw new ArgumentException($"alert kind \"{notice.Kind}\" is not warning, breach or budget", nameof(notice));
        }

        var store = await database.GetAsync();
        if (await repository.GetAsync(store, cancellationToken) is not { } current
            || !current.Agreements.TryGetValue(notice.Agreement, out var agreement)
            || agreement.Versions.FirstOrDefault(v => v.Number == notice.AgreementVersion) is not { } version)
        {
            logger.NoAgreement(notice.AlertId, notice.Agreement, notice.AgreementVersion);
            return 0;
        }

        var addresses = Escalations.Resolve(current, agreement, version, alertEvent, notice.Share, notice.Target, notice.Customer);
        if (addresses.IsEmpty)
        {
            return 0;
        }

        var entries = new List<OutboxEntry>(addresses.Length);
        foreach (var address in addresses)
        {
            var id = NotificationId(notice.AlertId, address.Key);
            var recipient = address.Channel?.ToLowerInvariant() ?? address.Email!;
            var type = address.Channel is null ? "email" : (await store.Channels.GetAsync(address.Channel, cancellationToken))?.Type ?? "unknown";
            entries.Add(new OutboxEntry(
                id,
                notice.AlertId,
                address.Key,
                notice.Kind,
                notice.Agreement,
                notice.Customer,
                address.Channel?.ToLowerInvariant(),
                type,
                recipient,
                address.Reason,
                NotificationPayload.Build(id, notice, recipient, address.Reason)));
        }

        return await store.Notifications.EnqueueAsync(connection, transaction, entries, cancellationToken);
    }

    /// <summary>Wakes the dispatcher: call it once the transaction that queued notifications has committed.</summary>
    public void Wake() => signal.Wake();

    /// <summary>Queues <paramref name="notice"/>'s notifications in a transaction of its own and wakes the dispatcher
    /// (for callers that record no alert row themselves).</summary>
    public async Task<int> EnqueueAsync(AlertNotice notice, CancellationToken cancellationToken)
    {
        var store = await database.GetAsync();
        var queued = 0;
        await store.RunInTransactionAsync(async (connection, transaction, token) => queued = await EnqueueAsync(connection, transaction, notice, token), cancellationToken);
        Wake();
        return queued;
    }

    /// <summary>The same id for the same alert and address, so a transaction replayed after a failure queues nothing new.</summary>
    private static string NotificationId(string alertId, string addressKey) =>
        "n-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alertId + "\n" + addressKey)))[..32];

    private static EscalationEvent? ParseKind(string kind) => kind switch
    {
        "warning" => EscalationEvent.Warning,
        "breach" => EscalationEvent.Breach,
        "budget" => EscalationEvent.Budget,
        _ => null,
    };
}
