namespace Pledge.Budgets;

/// <summary>
/// What a window held: bad amount and total amount, in the source's unit (minutes of business time for
/// downtime, events for outcomes).
/// </summary>
/// <param name="Bad">Bad minutes (weighted downtime) or bad events.</param>
/// <param name="Total">Service minutes or events judged.</param>
public readonly record struct BadCount(double Bad, double Total)
{
    /// <summary><see cref="Bad"/> / <see cref="Total"/>; null when the window holds no service time or no events.</summary>
    public double? Fraction => Total > 0 ? Bad / Total : null;
}
