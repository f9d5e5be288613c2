namespace Pledge.Storage;

/// <summary>One notification to queue in the outbox, written in the same transaction as the alert it is about.</summary>
/// <param name="Id">The notification's id: the idempotency id its deliveries carry (webhook <c>X-Pledge-Delivery</c>, e-mail Message-Id).</param>
/// <param name="AlertId">The alert it notifies.</param>
/// <param name="AddressKey">Where it goes (<c>channel:ops</c>, <c>email:ann@acme.example</c>): one notification per alert and address.</param>
/// <param name="AlertKind"><c>warning</c>, <c>breach</c> or <c>budget</c>.</param>
/// <param name="Agreement">The agreement whose rule fired it.</param>
/// <param name="Customer">The alert's customer, if any (for filters and customer isolation).</param>
/// <param name="Channel">The channel's name, or null for an e-mail address.</param>
/// <param name="ChannelType"><c>webhook</c>, <c>email</c>, or <c>unknown</c> (a channel that does not exist yet).</param>
/// <param name="Recipient">The channel's name or the e-mail address.</param>
/// <param name="Reason">The rule and recipient that produced it.</param>
/// <param name="Payload">The JSON document delivered (a webhook's body; an e-mail is written from it).</param>
public sealed record OutboxEntry(
    string Id,
    string AlertId,
    string AddressKey,
    string AlertKind,
    string Agreement,
    string? Customer,
    string? Channel,
    string ChannelType,
    string Recipient,
    string Reason,
    string Payload);
