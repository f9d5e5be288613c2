using Pledge.Measures;

namespace Pledge.Availability;

/// <summary>The availability ratio and verdict, in one place so the calculator and the accumulator agree to the bit.</summary>
internal static class AvailabilityFormula
{
    /// <summary>
    /// Objectives are written as decimals (0.999); a ratio that equals one exactly may come out a few ulps
    /// below it after the weights' arithmetic, and must still meet it.
    /// </summary>
    private const double Tolerance = 1e-12;

    /// <param name="service">Service time in the period, ticks.</param>
    /// <param name="unknown">Unknown service time, ticks.</param>
    /// <param name="down">Weighted downtime, ticks; under <see cref="UnknownPolicy.Down"/> it includes the unknown time.</param>
    /// <param name="policy">What unknown time counts as.</param>
    public static double Ratio(long service, long unknown, double down, UnknownPolicy policy)
    {
        var denominator = policy == UnknownPolicy.Exclude ? service - unknown : service;
        return denominator <= 0 ? 1.0 : Math.Clamp((denominator - down) / denominator, 0.0, 1.0);
    }

    public static Verdict Judge(long service, long unknown, double availability, double objective) =>
        service - unknown <= 0 ? Verdict.NotEnoughData
        : availability >= objective - Tolerance ? Verdict.Met
        : Verdict.Missed;
}
