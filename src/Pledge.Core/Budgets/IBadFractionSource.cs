using NodaTime;

namespace Pledge.Budgets;

/// <summary>
/// Bad and total amounts of one target over any window, for burn rates and alert rules.
/// Implementations are immutable and answer each window cheaply (<see cref="TimeSeriesBadness"/>,
/// <see cref="EventSeriesBadness"/>), since a report asks for several windows of many targets.
/// </summary>
public interface IBadFractionSource
{
    /// <summary>Bad and total amounts in the half-open <paramref name="window"/> [start, end).</summary>
    /// <exception cref="ArgumentException">The window has no start or no end.</exception>
    BadCount Count(Interval window);

    /// <summary>
    /// An instant at or after <paramref name="from"/> before which (from <paramref name="from"/> on) nothing bad
    /// happens; null when nothing bad happens at or after <paramref name="from"/>. An earlier answer than the
    /// exact one is allowed: it only lets a search skip less (<see cref="MultiWindowAlertRule.FirstFiring"/>).
    /// </summary>
    Instant? NextBad(Instant from);
}
