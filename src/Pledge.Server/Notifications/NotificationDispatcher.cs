using NodaTime;
using Pledge.Storage;

namespace Pledge.Server.Notifications;

/// <summary>
/// Delivers the outbox: claims due notifications, sends each through its channel, logs every attempt, retries a
/// failure with back-off (<see cref="RetrySchedule"/>) and gives up after <see cref="NotificationOptions.MaxAttempts"/>.
/// </summary>
/// <remarks>
/// It sleeps until the next retry is due (on the injected <see cref="TimeProvider"/>, so tests drive it), until
/// <see cref="OutboxSignal"/> wakes it for fresh rows, or at most <see cref="NotificationOptions.Poll"/>. Everything it
/// needs is in the database, so after a restart it picks up where the last process stopped.
/// </remarks>
internal sealed class NotificationDispatcher(
    PledgeDatabase database,
    OutboxSignal signal,
    WebhookSender webhooks,
    EmailSender email,
    NotificationOptions options,
    NotificationMetrics metrics,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 32;
    private const int Parallelism = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking, so a wake that comes while this round runs starts the next one at once.
            var woken = signal.Next;
            TimeSpan wait;
            try
            {
                var store = await database.GetAsync().WaitAsync(stoppingToken);
                await DeliverDueAsync(store, stoppingToken);
                var next = await store.Notifications.NextDueAsync(stoppingToken);
                wait = next is { } due ? due.ToDateTimeOffset() - time.GetUtcNow() : options.Poll;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable: keep the service alive and try again soon.
                logger.OutboxUnreadable(e);
                wait = TimeSpan.FromSeconds(5);
            }

            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > options.Poll ? options.Poll : wait;
            if (wait == TimeSpan.Zero)
            {
                continue;
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var timer = Task.Delay(wait, time, sleep.Token);
            await Task.WhenAny(woken, timer);
            await sleep.CancelAsync();
        }
    }

    private async Task DeliverDueAsync(PledgeStore store, CancellationToken cancellationToken)
    {
        while (true)
        {
            var claimed = await store.Notifications.ClaimAsync(BatchSize, Duration.FromTimeSpan(options.Lease), cancellationToken);
            if (claimed.Count == 0)
            {
                return;
            }

            await Parallel.ForEachAsync(
                claimed,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (notification, token) => await DeliverAsync(store, notification, token));
        }
    }

    private async Task DeliverAsync(PledgeStore store, StoredNotification notification, CancellationToken cancellationToken)
    {
        var attempt = notification.Attempts + 1;
        var at = Instant.FromDateTimeOffset(time.GetUtcNow());
        var started = time.GetTimestamp();
        var entry = notification.Entry;
        var channel = entry.Channel is { } name ? await store.Channels.GetAsync(name, cancellationToken) : null;
        var type = channel?.Type ?? (entry.Channel is null ? "email" : "unknown");
        DeliveryResult result;
        try
        {
            result = (entry.Channel, channel) switch
            {
                ({ } missing, null) => DeliveryResult.Failure($"channel {missing} is not defined (create it with POST /api/v1/channels)"),
                (_, { Type: "webhook" } hook) => await webhooks.SendAsync(notification, hook, attempt, cancellationToken),
                (_, { } list) => await email.SendAsync(notification, list.Addresses, cancellationToken),
                _ => await email.SendAsync(notification, [entry.Recipient], cancellationToken),
            };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong counts as a failed attempt: a notification that throws must still reach dead, not
            // come back after every lease for ever.
            result = DeliveryResult.Failure($"{e.GetType().Name}: {e.Message}");
        }
        var duration = Duration.FromTimeSpan(time.GetElapsedTime(started));

        string status;
        Instant? next = null;
        if (result.Delivered)
        {
            status = NotificationStatus.Sent;
            metrics.Sent(type);
            logger.Delivered(entry.Id, entry.AlertId, entry.Recipient, type, attempt);
        }
        else if (attempt >= options.MaxAttempts)
        {
            status = NotificationStatus.Dead;
            metrics.Failed(type);
            metrics.Dead(type);
            logger.Dead(entry.Id, entry.AlertId, entry.Recipient, type, attempt, result.Error);
        }
        else
        {
            status = NotificationStatus.Failed;
            next = at + Duration.FromTimeSpan(RetrySchedule.After(attempt, options, Random.Shared.NextDouble()));
            metrics.Failed(type);
            logger.Retrying(entry.Id, entry.AlertId, entry.Recipient, type, attempt, next.Value, result.Error);
        }

        var logged = new DeliveryAttempt(entry.Id, attempt, at, result.Delivered ? NotificationStatus.Sent : NotificationStatus.Failed, result.StatusCode, Clean(result.Reply), Clean(result.Error), duration);

        // Recorded even when the host is stopping: the receiver has it, and the log must say so.
        await store.Notifications.RecordAttemptAsync(logged, status, next, type, CancellationToken.None);
    }

    /// <summary>Receivers' answers may hold anything: keep what both databases can store.</summary>
    private static string? Clean(string? text) => text?.Replace('\0', ' ');
}
