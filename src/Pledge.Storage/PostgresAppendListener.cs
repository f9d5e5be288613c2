using Npgsql;

namespace Pledge.Storage;

/// <summary>
/// Listens on channel <c>pledge_events</c>, which the <c>events_appended</c> trigger (migration 7) notifies when a
/// transaction that appended events commits (and <c>documents_changed</c> when the repository changes), on a
/// connection of its own kept for that.
/// </summary>
internal static class PostgresAppendListener
{
    /// <summary>How long it waits before listening again after the connection failed.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(NpgsqlDataSource dataSource, Action<FeedNotice> notified, Action<Exception> failed, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, e) => notified(FeedNotice.Parse(e.Payload));
                await using (var listen = new NpgsqlCommand("LISTEN pledge_events", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // Whatever was committed before the LISTEN took effect is told once, as anything.
                notified(FeedNotice.Anything);
                while (true)
                {
                    await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                failed(e);
            }

            try
            {
                await Task.Delay(RetryAfter, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
