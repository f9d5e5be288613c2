namespace Pledge.Server.Notifications;

/// <summary>
/// Wakes the dispatcher when notifications are queued, so a fresh one is delivered at once instead of at the next
/// poll. A wake that comes while the dispatcher is busy is not lost: it takes <see cref="Next"/> before it looks at
/// the outbox, and a wake completes that task.
/// </summary>
internal sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that completes at the next <see cref="Wake"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Wakes the dispatcher (cheap; safe from any thread).</summary>
    public void Wake() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
