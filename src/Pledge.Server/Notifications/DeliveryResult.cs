namespace Pledge.Server.Notifications;

/// <summary>How one delivery attempt went.</summary>
/// <param name="Delivered">Whether the receiver accepted it.</param>
/// <param name="StatusCode">The webhook receiver's HTTP status, if it answered.</param>
/// <param name="Reply">The SMTP server's reply, or the start of the webhook receiver's answer.</param>
/// <param name="Error">Why it failed.</param>
internal sealed record DeliveryResult(bool Delivered, int? StatusCode, string? Reply, string? Error)
{
    public static DeliveryResult Failure(string error, int? statusCode = null, string? reply = null) => new(false, statusCode, reply, error);
}
