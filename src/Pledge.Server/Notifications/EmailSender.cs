using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;
using Pledge.Storage;

namespace Pledge.Server.Notifications;

/// <summary>Sends a notification as a plain-text e-mail over SMTP (MailKit), with the notification id as its Message-Id.</summary>
internal sealed class EmailSender(NotificationOptions options)
{
    public async Task<DeliveryResult> SendAsync(StoredNotification notification, IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        if (options.SmtpHost is null || options.SmtpFrom is null)
        {
            return DeliveryResult.Failure($"no SMTP server is configured: set {NotificationOptions.SmtpHostKey} and {NotificationOptions.SmtpFromKey}");
        }

        if (addresses.Count == 0)
        {
            return DeliveryResult.Failure("the e-mail channel has no address");
        }

        var (subject, body) = NotificationPayload.Email(notification.Entry.Payload);
        using var message = new MimeMessage
        {
            Subject = subject,
            Body = new TextPart("plain") { Text = body },

            // Receivers and mail clients dedupe on Message-Id: every retry of one notification carries the same.
            MessageId = notification.Entry.Id + "@pledge",
        };
        message.From.Add(MailboxAddress.Parse(options.SmtpFrom));
        foreach (var address in addresses)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        message.Headers.Add(WebhookSignature.DeliveryHeader, notification.Entry.Id);

        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, options.SmtpTls, cancellationToken);
            if (options.SmtpUser is not null)
            {
                await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? string.Empty, cancellationToken);
            }

            var reply = await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            // MailKit returns the text of the server's 250 answer to the message (it throws on anything else).
            return new DeliveryResult(true, null, "250 " + reply, null);
        }
        catch (SmtpCommandException e)
        {
            return DeliveryResult.Failure($"the SMTP server refused it ({(int)e.StatusCode}): {e.Message}", reply: $"{(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or MailKit.Security.AuthenticationException or SocketException or IOException or TimeoutException or MailKit.Security.SslHandshakeException)
        {
            return DeliveryResult.Failure($"SMTP failed at {options.SmtpHost}:{options.SmtpPort}: {e.Message}");
        }
    }
}
