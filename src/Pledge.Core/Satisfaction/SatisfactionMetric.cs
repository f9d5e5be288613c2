namespace Pledge.Satisfaction;

/// <summary>Which number a satisfaction target is judged by.</summary>
public enum SatisfactionMetric
{
    /// <summary>Customer satisfaction: the share (0..1) of responses scoring at least <see cref="SatisfactionRules.SatisfiedFrom"/>.</summary>
    Csat,

    /// <summary>The mean score, on the declared scale.</summary>
    Average,

    /// <summary>Net promoter score on a 0-10 scale: % promoters (9-10) minus % detractors (0-6), from -100 to 100.</summary>
    Nps,
}
