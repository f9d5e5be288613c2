using System.Collections.Immutable;
using NodaTime;
using Pledge.Measures;

namespace Pledge.Satisfaction;

/// <summary>Measures survey responses over a period: CSAT, average and NPS, judged by the rules' metric.</summary>
/// <remarks>
/// <para>A response counts in the period whose half-open interval holds its instant. A score outside
/// [<see cref="SatisfactionRules.ScaleMin"/>, <see cref="SatisfactionRules.ScaleMax"/>] (or not a number) is left
/// out of every metric and counted in <see cref="SatisfactionResult.OutOfScale"/>; it is neither clamped nor
/// rounded.</para>
/// <list type="bullet">
/// <item>CSAT: responses scoring at least <see cref="SatisfactionRules.SatisfiedThreshold"/> over all responses, a share 0..1.</item>
/// <item>Average: the mean score.</item>
/// <item>NPS, only on the 0-10 scale: 100 × (promoters − detractors) / responses, promoters scoring 9 or more,
/// detractors 6 or less (a fractional score between is passive).</item>
/// </list>
/// <para>The metrics are computed whenever the period has a response, even under
/// <see cref="SatisfactionRules.MinimumResponses"/> (a report can show them); the verdict is then
/// <see cref="Verdict.NotEnoughData"/>, and so it is with no response at all. Otherwise the target is met when the
/// rules' metric reaches the objective (≥).</para>
/// </remarks>
public static class SatisfactionCalculator
{
    /// <summary>Measures <paramref name="responses"/> inside <paramref name="period"/>.</summary>
    /// <param name="responses">The responses (already filtered to the customer and service), in any order.</param>
    /// <param name="period">The period measured.</param>
    /// <param name="rules">The scale, metric, objective and minimum.</param>
    /// <exception cref="ArgumentException">The scale is empty, the satisfied threshold lies outside it, the minimum is negative, or the metric is NPS on a scale other than 0-10.</exception>
    public static SatisfactionResult Measure(IEnumerable<SurveyResponse> responses, Interval period, SatisfactionRules rules)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(rules);
        Validate(rules);

        var satisfiedFrom = rules.SatisfiedThreshold;
        var inPeriod = new List<SurveyResponse>();
        var outOfScale = 0;
        foreach (var response in responses)
        {
            if (response is null || !period.Contains(response.At))
            {
                continue;
            }

            // NaN fails both comparisons, so it is out of scale too.
            if (response.Score >= rules.ScaleMin && response.Score <= rules.ScaleMax)
            {
                inPeriod.Add(response);
            }
            else
            {
                outOfScale++;
            }
        }

        // A fixed order makes the floating-point sum, and the list of unsatisfied responses, independent of input order.
        inPeriod.Sort(static (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Id != b.Id ? string.CompareOrdinal(a.Id, b.Id) : a.Score.CompareTo(b.Score));

        var count = inPeriod.Count;
        var satisfied = 0;
        var promoters = 0;
        var detractors = 0;
        var sum = 0.0;
        var unsatisfied = ImmutableArray.CreateBuilder<SurveyResponse>();
        foreach (var response in inPeriod)
        {
            var score = response.Score;
            sum += score;
            if (score >= satisfiedFrom)
            {
                satisfied++;
            }
            else
            {
                unsatisfied.Add(response);
            }

            if (score >= 9)
            {
                promoters++;
            }
            else if (score <= 6)
            {
                detractors++;
            }
        }

        double? csat = count == 0 ? null : (double)satisfied / count;
        double? average = count == 0 ? null : sum / count;
        double? nps = count == 0 || !rules.IsNpsScale ? null : 100.0 * (promoters - detractors) / count;
        var value = rules.Metric switch
        {
            SatisfactionMetric.Csat => csat,
            SatisfactionMetric.Average => average,
            _ => nps,
        };
        var verdict = value is not { } v || count < rules.MinimumResponses
            ? Verdict.NotEnoughData
            : v >= rules.Objective ? Verdict.Met : Verdict.Missed;
        return new SatisfactionResult(count, csat, average, nps, value, verdict, unsatisfied.ToImmutable()) { OutOfScale = outOfScale };
    }

    private static void Validate(SatisfactionRules rules)
    {
        if (!(rules.ScaleMin < rules.ScaleMax))
        {
            throw new ArgumentException($"A satisfaction scale must go up ({rules.ScaleMin}-{rules.ScaleMax}).", nameof(rules));
        }

        var from = rules.SatisfiedThreshold;
        if (!(from >= rules.ScaleMin && from <= rules.ScaleMax))
        {
            throw new ArgumentException($"The satisfied threshold {from} lies outside the scale {rules.ScaleMin}-{rules.ScaleMax}.", nameof(rules));
        }

        if (rules.MinimumResponses < 0)
        {
            throw new ArgumentException($"A minimum response count cannot be negative ({rules.MinimumResponses}).", nameof(rules));
        }

        if (rules.Metric == SatisfactionMetric.Nps && !rules.IsNpsScale)
        {
            throw new ArgumentException($"NPS is defined on the scale 0-10, not {rules.ScaleMin}-{rules.ScaleMax}.", nameof(rules));
        }
    }
}
