using System.Net.Http.Headers;
using System.Text;
using Pledge.Storage;

namespace Pledge.Server.Notifications;

/// <summary>Posts a notification's payload to a webhook channel, signed (<see cref="WebhookSignature"/>).</summary>
internal sealed class WebhookSender(IHttpClientFactory httpClients, TimeProvider time)
{
    /// <summary>The named client: its timeout is <see cref="NotificationOptions.Timeout"/> and it follows no redirects.</summary>
    public const string ClientName = "pledge-webhooks";

    private const int MaxReply = 500;

    public async Task<DeliveryResult> SendAsync(StoredNotification notification, StoredChannel channel, int attempt, CancellationToken cancellationToken)
    {
        if (channel.Url is null || channel.Secret is null)
        {
            return DeliveryResult.Failure($"webhook channel {channel.Name} has no URL or secret");
        }

        var body = Encoding.UTF8.GetBytes(notification.Entry.Payload);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Pledge", "1.0"));
        request.Headers.Add(WebhookSignature.DeliveryHeader, notification.Entry.Id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(channel.Secret, timestamp, body));
        request.Headers.Add(WebhookSignature.AttemptHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var client = httpClients.CreateClient(ClientName);

        // The client's timeout ends at the headers; this one covers reading the answer too.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(client.Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

            // Only the start of the answer is kept for the delivery log: a receiver cannot make the server read megabytes.
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[MaxReply];
            var length = await reader.ReadBlockAsync(buffer.AsMemory(), timeout.Token);
            var reply = new string(buffer, 0, length);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new DeliveryResult(true, status, reply.Length == 0 ? null : reply, null)
                : DeliveryResult.Failure($"the receiver answered HTTP {status}", status, reply.Length == 0 ? null : reply);
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Failure($"could not reach the receiver: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Failure($"the receiver did not answer within {client.Timeout.TotalSeconds:0.#} s");
        }
    }
}
