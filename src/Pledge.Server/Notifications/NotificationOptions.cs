using System.Globalization;
using MailKit.Security;

namespace Pledge.Server.Notifications;

/// <summary>
/// Delivery settings, read once at start-up from the server's configuration (<c>--notify-max-attempts 5</c>,
/// <c>PLEDGE_SMTP_HOST</c>, …; docs/notifications.md lists them).
/// </summary>
internal sealed record NotificationOptions
{
    public const string MaxAttemptsKey = "notify-max-attempts";
    public const string FirstRetryKey = "notify-first-retry";
    public const string MaxRetryKey = "notify-max-retry";
    public const string WebhookTimeoutKey = "notify-timeout";
    public const string SmtpHostKey = "smtp-host";
    public const string SmtpPortKey = "smtp-port";
    public const string SmtpFromKey = "smtp-from";
    public const string SmtpUserKey = "smtp-user";
    public const string SmtpPasswordKey = "smtp-password";
    public const string SmtpTlsKey = "smtp-tls";

    /// <summary>Attempts before a notification is dead (the first one included).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The wait before the first retry; each later one doubles it, up to <see cref="MaxRetry"/>.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long one webhook call or SMTP conversation may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed notification is left to its dispatcher before another may try it (well above <see cref="Timeout"/>).</summary>
    public TimeSpan Lease => Timeout * 6 + TimeSpan.FromSeconds(30);

    /// <summary>How often the dispatcher looks for due notifications without being woken (other instances' rows, missed wakes).</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(30);

    public string? SmtpHost { get; init; }

    public int SmtpPort { get; init; } = 587;

    public string? SmtpFrom { get; init; }

    public string? SmtpUser { get; init; }

    /// <summary>Never logged nor shown.</summary>
    public string? SmtpPassword { get; init; }

    public SecureSocketOptions SmtpTls { get; init; } = SecureSocketOptions.Auto;

    /// <summary>Reads the settings; a malformed value stops the server at start-up with a message naming the setting.</summary>
    public static NotificationOptions From(IConfiguration configuration)
    {
        var defaults = new NotificationOptions();
        return new NotificationOptions
        {
            MaxAttempts = Integer(configuration, MaxAttemptsKey, defaults.MaxAttempts, 1, 100),
            FirstRetry = Seconds(configuration, FirstRetryKey, defaults.FirstRetry),
            MaxRetry = Seconds(configuration, MaxRetryKey, defaults.MaxRetry),
            Timeout = Seconds(configuration, WebhookTimeoutKey, defaults.Timeout),
            SmtpHost = Text(configuration, SmtpHostKey),
            SmtpPort = Integer(configuration, SmtpPortKey, defaults.SmtpPort, 1, 65535),
            SmtpFrom = Text(configuration, SmtpFromKey) is { } from && !MimeKit.MailboxAddress.TryParse(from, out _)
                ? throw new InvalidOperationException($"{SmtpFromKey} is \"{from}\": give an e-mail address such as pledge@provider.example")
                : Text(configuration, SmtpFromKey),
            SmtpUser = Text(configuration, SmtpUserKey),
            SmtpPassword = configuration[SmtpPasswordKey] ?? configuration[SmtpPasswordKey.Replace('-', '_')],
            SmtpTls = Text(configuration, SmtpTlsKey)?.ToLowerInvariant() switch
            {
                null or "auto" => SecureSocketOptions.Auto,
                "none" => SecureSocketOptions.None,
                "starttls" => SecureSocketOptions.StartTls,
                "tls" => SecureSocketOptions.SslOnConnect,
                var other => throw new InvalidOperationException($"{SmtpTlsKey} is \"{other}\": use auto, none, starttls or tls"),
            },
        };
    }

    // PLEDGE_SMTP_HOST arrives as SMTP_HOST: environment variable names cannot hold '-'.
    private static string? Text(IConfiguration configuration, string key) =>
        (configuration[key] ?? configuration[key.Replace('-', '_')]) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int Integer(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        if (Text(configuration, key) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{key} is \"{text}\": give a whole number from {min} to {max}");
    }

    private static TimeSpan Seconds(IConfiguration configuration, string key, TimeSpan fallback)
    {
        if (Text(configuration, key) is not { } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{key} is \"{text}\": give seconds, more than 0 and at most 86400");
    }
}
