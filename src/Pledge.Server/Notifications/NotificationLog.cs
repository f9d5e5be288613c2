using NodaTime;

namespace Pledge.Server.Notifications;

/// <summary>
/// What notifications write to the log. Recipients are channel names and e-mail addresses; never a webhook's URL
/// (it may carry a token) nor its secret, nor the SMTP password.
/// </summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Notification {NotificationId} for alert {AlertId} delivered to {Recipient} ({ChannelType}) on attempt {Attempt}")]
    public static partial void Delivered(this ILogger logger, string notificationId, string alertId, string recipient, string channelType, int attempt);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Notification {NotificationId} for alert {AlertId} to {Recipient} ({ChannelType}) failed on attempt {Attempt}, next attempt at {Next}: {Error}")]
    public static partial void Retrying(this ILogger logger, string notificationId, string alertId, string recipient, string channelType, int attempt, Instant next, string? error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Notification {NotificationId} for alert {AlertId} to {Recipient} ({ChannelType}) is dead after {Attempt} attempts: {Error}")]
    public static partial void Dead(this ILogger logger, string notificationId, string alertId, string recipient, string channelType, int attempt, string? error);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "The notification dispatcher could not read the outbox; trying again in 5 s")]
    public static partial void OutboxUnreadable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Alert {AlertId}: agreement {Agreement} v{Version} is not in the stored repository, so no escalation rule applies")]
    public static partial void NoAgreement(this ILogger logger, string alertId, string agreement, int version);
}
