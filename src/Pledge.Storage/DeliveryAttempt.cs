using NodaTime;

namespace Pledge.Storage;

/// <summary>One attempt to deliver a notification, as the delivery log keeps it (append-only).</summary>
/// <param name="NotificationId">The notification.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, ….</param>
/// <param name="At">When the attempt started.</param>
/// <param name="Outcome"><c>sent</c> or <c>failed</c>.</param>
/// <param name="StatusCode">The webhook receiver's HTTP status, if it answered.</param>
/// <param name="Reply">The SMTP server's last reply, or the start of the webhook receiver's answer.</param>
/// <param name="Error">Why it failed (connection refused, timeout, non-2xx status, SMTP rejection).</param>
/// <param name="Duration">How long it took.</param>
public sealed record DeliveryAttempt(string NotificationId, int Attempt, Instant At, string Outcome, int? StatusCode, string? Reply, string? Error, Duration Duration);
