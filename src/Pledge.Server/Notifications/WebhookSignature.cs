using System.Security.Cryptography;
using System.Text;

namespace Pledge.Server.Notifications;

/// <summary>
/// The webhook signature: <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed with the channel's secret, of
/// <c>"{timestamp}.{body}"</c> (the <c>X-Pledge-Timestamp</c> value, a dot, the exact body bytes). Signing the
/// timestamp with the body lets a receiver refuse replays older than its window.
/// </summary>
internal static class WebhookSignature
{
    public const string SignatureHeader = "X-Pledge-Signature";
    public const string TimestampHeader = "X-Pledge-Timestamp";
    public const string DeliveryHeader = "X-Pledge-Delivery";
    public const string AttemptHeader = "X-Pledge-Attempt";

    /// <summary>The <c>X-Pledge-Signature</c> value for <paramref name="body"/> sent at <paramref name="timestamp"/> (unix seconds).</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
