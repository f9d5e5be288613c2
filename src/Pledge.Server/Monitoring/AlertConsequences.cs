using System.Data.Common;
using System.Globalization;
using Pledge.Server.Actions;
using Pledge.Server.Notifications;
using Pledge.Storage;

namespace Pledge.Server.Monitoring;

/// <summary>
/// The notifications an alert calls for (its agreement version's escalation rules), queued in the outbox in the
/// transaction that records the alert: an alert is never stored without its notifications, nor they without it.
/// </summary>
internal sealed class NotificationsWithAlerts(NotificationOutbox outbox, RepositorySnapshot repository, PledgeDatabase database) : IAlertAlongside
{
    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, AlertRecord alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var store = await database.GetAsync();

        // The rules of the version in force when the alert falls due (a repository cached for a moment: a burst of
        // alerts reads it once).
        var current = await repository.GetAsync(store, cancellationToken);
        var version = current is not null && current.Agreements.TryGetValue(alert.Agreement, out var agreement) ? agreement.VersionAt(alert.DueAt)?.Number ?? 0 : 0;
        var notice = new AlertNotice(
            alert.Id, alert.Kind, Share(alert.Threshold), alert.DueAt, alert.FiredAt, alert.Agreement, version,
            alert.Target, alert.Customer, alert.Service, alert.Priority, alert.Ticket, alert.Text);
        await outbox.EnqueueAsync(connection, transaction, notice, cancellationToken);
    }

    /// <summary>The share of a warning at <c>75%</c> (0.75); null for a breach or an absolute warning (<c>1h before</c>).</summary>
    internal static double? Share(string threshold) =>
        threshold.EndsWith('%') && double.TryParse(threshold.AsSpan(0, threshold.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            ? percent / 100
            : null;
}

/// <summary>
/// The corrective action a breach calls for (its agreement's <c>corrective_actions</c> policy opens on
/// <c>breach</c>), opened in the transaction that records the breach: a process that dies between the two cannot
/// leave a breach without its action, and the action's open key (the breach) keeps it to one, whichever instance
/// raises the breach and however often.
/// </summary>
/// <remarks>The policy is read from the same cached repository as the notifications (<see cref="RepositorySnapshot"/>),
/// so an alert's notifications and action follow the same version of the repository.</remarks>
internal sealed class CorrectiveActionsWithAlerts(CorrectiveActionOpener opener, RepositorySnapshot repository, PledgeDatabase database) : IAlertAlongside
{
    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, AlertRecord alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Kind != AlertKinds.Breach || alert.Ticket is not { } ticket)
        {
            return;
        }

        var store = await database.GetAsync();
        if (await repository.GetAsync(store, cancellationToken) is not { } current)
        {
            return;
        }

        // The alert id is ticket|agreement/target|measurement|threshold: a reopened ticket's second measurement is a
        // new breach with an action of its own.
        var parts = alert.Id.Split('|');
        var measurement = parts.Length == 4 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 1;
        await opener.OpenForBreachAsync(
            connection,
            transaction,
            new BreachReference(ticket, alert.Agreement, alert.Target, alert.Customer, alert.Service, alert.DueAt) { Measurement = measurement, Priority = alert.Priority },
            current,
            cancellationToken);
    }
}

/// <summary>
/// Once alerts are committed, the dispatcher is woken for their notifications: it cannot see uncommitted rows.
/// (Their corrective actions are already open: <see cref="CorrectiveActionsWithAlerts"/>.)
/// </summary>
internal sealed class AlertFollowUps(NotificationOutbox outbox) : IAlertFollowUp
{
    public Task AfterAsync(IReadOnlyList<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        outbox.Wake();
        return Task.CompletedTask;
    }
}
