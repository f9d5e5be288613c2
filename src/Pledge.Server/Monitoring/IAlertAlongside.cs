using System.Data.Common;
using Pledge.Storage;

namespace Pledge.Server.Monitoring;

/// <summary>
/// What must be stored together with each new alert, in the very transaction that records it (notifications put
/// in an outbox, a breach's corrective action): so an alert and its consequences are committed together or not at all, and an alert
/// recorded before (after a restart, or by another evaluation) triggers nothing again.
/// </summary>
/// <remarks>Register implementations as singletons; the monitor runs every one, in registration order, through
/// <see cref="AlertStore.RecordAsync"/>'s <c>alongside</c>. They must only use the connection and transaction
/// given, and throw to refuse (nothing of the batch is then recorded, and the monitor retries).</remarks>
public interface IAlertAlongside
{
    /// <summary>Writes what goes with <paramref name="alert"/>, which is being recorded for the first time.</summary>
    Task WriteAsync(DbConnection connection, DbTransaction transaction, AlertRecord alert, CancellationToken cancellationToken);
}
