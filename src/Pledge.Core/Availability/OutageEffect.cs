using NodaTime;

namespace Pledge.Availability;

/// <summary>How one outage counted in a period, for explanations.</summary>
/// <param name="Outage">The outage, as recorded or as derived from checks.</param>
/// <param name="Treatment">What the rules made of it.</param>
/// <param name="Weight">The share of its time its impact counts as downtime (from the rules), whatever the treatment.</param>
/// <param name="Counted">
/// The downtime charged to it: the service time in the period where it was the heaviest counted outage
/// (ties go to the one that started first), times <paramref name="Weight"/>. Overlapping outages split the
/// time, so the counted outages add up to the result's downtime apart from unknown time counted as down
/// (and rounding to the tick). Zero unless <see cref="OutageTreatment.Counted"/>.
/// </param>
public sealed record OutageEffect(Outage Outage, OutageTreatment Treatment, double Weight, Duration Counted);
