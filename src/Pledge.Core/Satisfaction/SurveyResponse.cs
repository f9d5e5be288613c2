using NodaTime;

namespace Pledge.Satisfaction;

/// <summary>One answer to a satisfaction survey: a score on the agreement's declared scale, read from a <c>"type":"survey"</c> event.</summary>
/// <param name="Id">The event's id; breaks ties between responses at the same instant.</param>
/// <param name="Customer">Who answered.</param>
/// <param name="At">When it was answered.</param>
/// <param name="Score">The score given, on the scale of the target's <see cref="SatisfactionRules"/>.</param>
public sealed record SurveyResponse(string Id, string Customer, Instant At, double Score)
{
    /// <summary>The service the survey was about, if any.</summary>
    public string? Service { get; init; }

    /// <summary>The ticket the survey followed, if any.</summary>
    public string? Ticket { get; init; }

    /// <summary>What the customer wrote, if anything.</summary>
    public string? Comment { get; init; }
}
