using System.Diagnostics.Metrics;

namespace Pledge.Server.Notifications;

/// <summary>
/// Delivery counters on the <c>Pledge.Server</c> meter, tagged with the channel type (<c>webhook</c>, <c>email</c>):
/// <c>pledge.notifications.sent</c> (delivered), <c>pledge.notifications.failed</c> (failed attempts, retries
/// included) and <c>pledge.notifications.dead</c> (given up).
/// </summary>
internal sealed class NotificationMetrics
{
    public const string MeterName = "Pledge.Server";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dead;

    public NotificationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _sent = meter.CreateCounter<long>("pledge.notifications.sent", "{notification}", "Notifications delivered");
        _failed = meter.CreateCounter<long>("pledge.notifications.failed", "{attempt}", "Delivery attempts that failed (each retry counts)");
        _dead = meter.CreateCounter<long>("pledge.notifications.dead", "{notification}", "Notifications given up after the last attempt");
    }

    public void Sent(string channelType) => _sent.Add(1, new KeyValuePair<string, object?>("channel_type", channelType));

    public void Failed(string channelType) => _failed.Add(1, new KeyValuePair<string, object?>("channel_type", channelType));

    public void Dead(string channelType) => _dead.Add(1, new KeyValuePair<string, object?>("channel_type", channelType));
}
