using System.Data.Common;

namespace Pledge.Storage;

/// <summary>
/// A transaction that writes, and this process's turn to write: ending it (committed, or disposed and so rolled
/// back) lets the next writer of the same store in.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time. Without a queue of our own, a second writer learns the file is locked only by
/// trying, and SQLite's busy handler then sleeps it in steps of up to 100 ms, long after the first one is done:
/// two concurrent batches of events ran at a third less than one alone, and single events waited tens of
/// milliseconds. Writers of one process therefore queue on a gate and are let in the moment the previous one ends;
/// the busy timeout still orders writers of other processes. PostgreSQL locks rows, so it has no gate.
/// </remarks>
internal sealed class WriteTransaction : IAsyncDisposable
{
    private readonly SemaphoreSlim? _gate;
    private bool _released;

    public WriteTransaction(DbTransaction transaction, SemaphoreSlim? gate)
    {
        Transaction = transaction;
        _gate = gate;
    }

    public DbTransaction Transaction { get; }

    /// <summary>Commits, and lets the next writer in at once.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        if (!_released)
        {
            _released = true;
            _gate?.Release();
        }
    }
}
