using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Budgets;

/// <summary>Burn rates of one target over several windows that end at the same instant.</summary>
/// <param name="AsOf">The instant every window ends at (exclusive).</param>
/// <param name="Objective">The objective the rates are relative to.</param>
/// <param name="Windows">One entry per window, in the order asked for.</param>
public sealed record BurnReport(Instant AsOf, double Objective, ImmutableArray<WindowBurn> Windows)
{
    /// <summary>Burn rates over <see cref="BurnWindows.Standard"/> (1 h, 6 h, 1 d, 3 d) ending at <paramref name="asOf"/>.</summary>
    public static BurnReport At(IBadFractionSource source, double objective, Instant asOf) =>
        At(source, objective, asOf, BurnWindows.Standard);

    /// <summary>Burn rates over <paramref name="windows"/> ending at <paramref name="asOf"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A window is not positive, or the objective is outside 0 to 1.</exception>
    public static BurnReport At(IBadFractionSource source, double objective, Instant asOf, IEnumerable<Duration> windows)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(windows);
        _ = Objectives.ErrorShare(objective);
        var result = ImmutableArray.CreateBuilder<WindowBurn>();
        foreach (var window in windows)
        {
            if (window <= Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(windows), window, "A burn window must be longer than zero.");
            }

            var span = new Interval(asOf - window, asOf);
            var count = source.Count(span);
            result.Add(new WindowBurn(window, span, count, BurnRate.Of(count, objective)));
        }

        return new BurnReport(asOf, objective, result.ToImmutable());
    }
}
