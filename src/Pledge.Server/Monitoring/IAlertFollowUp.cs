using Pledge.Storage;

namespace Pledge.Server.Monitoring;

/// <summary>
/// What happens once new alerts are committed (waking the notification dispatcher):
/// work that needs the alert stored but need not share its transaction, because it is idempotent and can be redone.
/// </summary>
/// <remarks>Register implementations as singletons. A follow-up that fails is logged and does not undo the alerts.</remarks>
public interface IAlertFollowUp
{
    /// <summary>Acts on <paramref name="alerts"/>, each recorded for the first time a moment ago.</summary>
    Task AfterAsync(IReadOnlyList<AlertRecord> alerts, CancellationToken cancellationToken);
}
