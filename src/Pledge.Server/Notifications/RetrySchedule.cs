namespace Pledge.Server.Notifications;

/// <summary>
/// When to try a failed notification again: exponential back-off (the first retry after
/// <see cref="NotificationOptions.FirstRetry"/>, each next one twice as long) with ±20% jitter, never more than
/// <see cref="NotificationOptions.MaxRetry"/>.
/// </summary>
/// <remarks>The jitter spreads the retries of many notifications that failed together (a receiver down for a
/// while) so they do not all hit it again at the same instant.</remarks>
internal static class RetrySchedule
{
    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1 for the first attempt).</summary>
    /// <param name="attempt">The attempt that just failed.</param>
    /// <param name="options">The back-off settings.</param>
    /// <param name="random">A number in [0, 1) that picks the jitter.</param>
    public static TimeSpan After(int attempt, NotificationOptions options, double random)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var seconds = options.FirstRetry.TotalSeconds * Math.Pow(2, exponent) * (0.8 + (0.4 * random));
        return TimeSpan.FromSeconds(Math.Min(seconds, options.MaxRetry.TotalSeconds));
    }
}
