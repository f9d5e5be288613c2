using NodaTime;

namespace Pledge.Availability;

/// <summary>
/// The end of an outage recorded while it was ongoing: a <c>"type":"outage_end"</c> event naming the
/// <c>"type":"outage"</c> event it ends. Events arrive in any order, so an end may come before its outage (it waits
/// for it, changing nothing meanwhile); when an outage is given several ends (its own <c>end</c> included), the
/// earliest counts.
/// </summary>
/// <param name="Id">This event's own id.</param>
/// <param name="Outage">The id of the outage event it ends.</param>
/// <param name="End">When the outage ended (exclusive). An end before the outage's start is ignored.</param>
public sealed record OutageEnd(string Id, string Outage, Instant End);
