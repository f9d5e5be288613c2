namespace Pledge.Storage;

/// <summary>Which notifications to list: every filter given must match; in the order queued, after a cursor.</summary>
/// <param name="Status">One of <see cref="NotificationStatus"/>.</param>
/// <param name="AlertId">The alert's id.</param>
/// <param name="Agreement">The agreement's id.</param>
/// <param name="Customer">The customer's id.</param>
/// <param name="Channel">The channel's name (lower case).</param>
/// <param name="After">Only notifications queued after this sequence (the previous page's <c>next</c>).</param>
/// <param name="Limit">At most this many (1-1000).</param>
public sealed record NotificationQuery(
    string? Status = null,
    string? AlertId = null,
    string? Agreement = null,
    string? Customer = null,
    string? Channel = null,
    long After = 0,
    int Limit = 100);
