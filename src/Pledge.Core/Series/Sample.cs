using NodaTime;

namespace Pledge.Series;

/// <summary>One value of a numeric series at one instant ("juice-temperature was 6.5 at 08:10"), read from a <c>"type":"sample"</c> event.</summary>
/// <param name="Id">The event's id; orders samples taken at the same instant.</param>
/// <param name="Series">The series it belongs to.</param>
/// <param name="At">When it was taken.</param>
/// <param name="Value">The value.</param>
public sealed record Sample(string Id, string Series, Instant At, double Value)
{
    /// <summary>The customer it concerns, if any.</summary>
    public string? Customer { get; init; }

    /// <summary>The service it concerns, if any.</summary>
    public string? Service { get; init; }
}
