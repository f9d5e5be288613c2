using NodaTime;

namespace Pledge.Server.Notifications;

/// <summary>
/// What the outbox needs to know about one fired alert to plan and write its notifications: the live monitor builds
/// it from the alert it records (<c>NotificationOutbox.EnqueueAsync</c>).
/// </summary>
/// <param name="AlertId">The alert's id, unique: notifications are queued once per alert and address.</param>
/// <param name="Kind"><c>warning</c>, <c>breach</c> or <c>budget</c>.</param>
/// <param name="Share">The alert's level as a share: 0.75 for the 75% warning, 0.5 for half the error budget spent; null when it has none (a breach, a "1h before" warning).</param>
/// <param name="Due">The deadline the alert is about (the breach instant).</param>
/// <param name="FiredAt">When the monitor fired it.</param>
/// <param name="Agreement">The agreement's id.</param>
/// <param name="AgreementVersion">The version whose target and escalation rules apply.</param>
/// <param name="Target">The target: its id or <c>agreement/target</c>.</param>
/// <param name="Customer">The customer the alert is about, if any.</param>
/// <param name="Service">The service, if any.</param>
/// <param name="Priority">The ticket's priority, if a ticket's clock fired it.</param>
/// <param name="Ticket">The ticket's id, if a ticket's clock fired it.</param>
/// <param name="Text">What happened, in a sentence the monitor writes (shown in e-mails and webhook bodies).</param>
internal sealed record AlertNotice(
    string AlertId,
    string Kind,
    double? Share,
    Instant Due,
    Instant FiredAt,
    string Agreement,
    int AgreementVersion,
    string Target,
    string? Customer,
    string? Service,
    string? Priority,
    string? Ticket,
    string Text);
