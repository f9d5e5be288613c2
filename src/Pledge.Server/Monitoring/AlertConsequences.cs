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
/// Once alerts are committed: the dispatcher is woken for their notifications (it cannot see uncommitted rows), and
/// each breach opens a corrective action where its agreement's policy says so (idempotent per breach, so a retry
/// or a restart opens none twice).
/// </summary>
internal sealed partial class AlertFollowUps(NotificationOutbox outbox, CorrectiveActionOpener opener, ILogger<AlertFollowUps> logger) : IAlertFollowUp
{
    public async Task AfterAsync(IReadOnlyList<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        outbox.Wake();
        foreach (var alert in alerts.Where(a => a.Kind == AlertKinds.Breach && a.Ticket is not null))
        {
            var parts = alert.Id.Split('|');
            var measurement = parts.Length == 4 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 1;
            try
            {
                await opener.OpenForBreachAsync(
                    new BreachReference(alert.Ticket!, alert.Agreement, alert.Target, alert.Customer, alert.Service, alert.DueAt) { Measurement = measurement, Priority = alert.Priority },
                    cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotOpened(e, alert.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No corrective action could be opened for breach {AlertId}: POST /api/v1/actions/evaluate or open it by hand")]
    private partial void LogNotOpened(Exception exception, string alertId);
}
