namespace Pledge.Storage;

/// <summary>Where a notification is in its delivery, as stored and as the API shows it.</summary>
public static class NotificationStatus
{
    /// <summary>Queued, never tried yet.</summary>
    public const string Pending = "pending";

    /// <summary>Delivered (the receiver accepted it).</summary>
    public const string Sent = "sent";

    /// <summary>The last attempt failed; another is due at <c>next_attempt_at</c>.</summary>
    public const string Failed = "failed";

    /// <summary>Every attempt failed: given up.</summary>
    public const string Dead = "dead";

    /// <summary>Every status, in delivery order.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Sent, Failed, Dead];
}
