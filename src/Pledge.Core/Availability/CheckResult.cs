using NodaTime;

namespace Pledge.Availability;

/// <summary>
/// One monitoring check: the service was seen up or down at an instant. <see cref="CheckOutages"/> states
/// how long a result holds and how runs of down results become outages.
/// </summary>
/// <param name="Id">The event's id.</param>
/// <param name="Service">The service checked.</param>
/// <param name="At">When the check ran.</param>
/// <param name="Up">Whether the service answered as agreed.</param>
public sealed record CheckResult(string Id, string Service, Instant At, bool Up)
{
    /// <summary>The customer the check was made for; null when it checks the service for everyone.</summary>
    public string? Customer { get; init; }

    /// <summary>The site the check ran against (a monitoring location or a customer site); null when there is one.</summary>
    public string? Site { get; init; }
}
