using Pledge.Measures;

namespace Pledge.Availability;

/// <summary>
/// What <see cref="CheckAccumulator"/> counted in one period, as business ticks (100 ns) of the service hours.
/// </summary>
/// <param name="ServiceTicks">Service time in the period.</param>
/// <param name="UpTicks">Service time held by up results, or by down runs shorter than the minimum outage.</param>
/// <param name="DownTicks">Service time inside outages derived from the checks.</param>
/// <param name="UnknownTicks">Service time no result holds: <c>ServiceTicks − UpTicks − DownTicks</c>.</param>
public readonly record struct CheckTally(long ServiceTicks, long UpTicks, long DownTicks, long UnknownTicks)
{
    /// <summary>The availability <see cref="AvailabilityCalculator"/> gives for the same checks (bit for bit).</summary>
    public double Availability(UnknownPolicy policy) =>
        AvailabilityFormula.Ratio(ServiceTicks, UnknownTicks, policy == UnknownPolicy.Down ? DownTicks + UnknownTicks : DownTicks, policy);

    /// <summary>The verdict <see cref="AvailabilityCalculator"/> gives for the same checks.</summary>
    public Verdict Judge(AvailabilityRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return AvailabilityFormula.Judge(ServiceTicks, UnknownTicks, Availability(rules.Unknown), rules.Objective);
    }
}
