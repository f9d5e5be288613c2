using System.Collections.Immutable;
using Pledge.Measures;

namespace Pledge.Satisfaction;

/// <summary>Satisfaction in a period: every metric that applies, the one judged, and the unhappy responses.</summary>
/// <param name="Responses">How many responses on the scale the period holds.</param>
/// <param name="Csat">Share (0..1) of responses scoring at least the satisfied threshold; null without responses.</param>
/// <param name="Average">The mean score; null without responses.</param>
/// <param name="Nps">Net promoter score (-100..100); null without responses or on a scale other than 0-10.</param>
/// <param name="Value">The rules' metric (one of the three above).</param>
/// <param name="Verdict">Met when <paramref name="Value"/> reaches the objective; not enough data under the minimum response count.</param>
/// <param name="Unsatisfied">Responses scoring below the satisfied threshold, by time then id: the ones to follow up.</param>
public sealed record SatisfactionResult(
    int Responses,
    double? Csat,
    double? Average,
    double? Nps,
    double? Value,
    Verdict Verdict,
    ImmutableArray<SurveyResponse> Unsatisfied)
{
    /// <summary>Responses of the period whose score lies outside the scale (or is not a number): left out of every metric.</summary>
    public int OutOfScale { get; init; }
}
