using NodaTime;

namespace Pledge.Clocks;

/// <summary>
/// A <see cref="Measurement"/> as the evaluator keeps it while folding: instants and durations as ticks, no
/// allocation. <see cref="ToMeasurement"/> gives the public record; reports read most measurements without it.
/// </summary>
internal readonly record struct MeasurementTicks(
    int Number,
    long Start,
    long? End,
    string Priority,
    long Threshold,
    long Consumed,
    long? BreachedAt,
    long? Deadline,
    bool IsCancelled)
{
    /// <summary>As <see cref="Measurement.IsOpen"/>.</summary>
    public bool IsOpen => End is null && !IsCancelled;

    /// <summary>As <see cref="Measurement.IsBreached"/>.</summary>
    public bool IsBreached => BreachedAt is not null && !IsCancelled;

    /// <summary>The measurement as evaluations hand it out.</summary>
    public Measurement ToMeasurement() => new(
        Number,
        Instant.FromUnixTimeTicks(Start),
        End is { } end ? Instant.FromUnixTimeTicks(end) : null,
        Priority,
        Duration.FromTicks(Threshold),
        Duration.FromTicks(Consumed),
        BreachedAt is { } breachedAt ? Instant.FromUnixTimeTicks(breachedAt) : null,
        Deadline is { } deadline ? Instant.FromUnixTimeTicks(deadline) : null,
        IsCancelled);
}
