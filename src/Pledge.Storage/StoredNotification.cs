using NodaTime;

namespace Pledge.Storage;

/// <summary>A notification in the outbox, with where its delivery stands.</summary>
/// <param name="Sequence">Its position in the order queued (paging cursor).</param>
/// <param name="Entry">What was queued.</param>
/// <param name="Status">One of <see cref="NotificationStatus"/>.</param>
/// <param name="Attempts">Delivery attempts made.</param>
/// <param name="NextAttemptAt">When the next attempt is due; null once sent or dead.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="UpdatedAt">When its status last changed.</param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
public sealed record StoredNotification(
    long Sequence,
    OutboxEntry Entry,
    string Status,
    int Attempts,
    Instant? NextAttemptAt,
    Instant CreatedAt,
    Instant UpdatedAt,
    string? LastError);
