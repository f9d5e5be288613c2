using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Compliance;

/// <summary>A compliance target of an agreement: the terms checked, how long evidence stays current, and the objective.</summary>
public sealed record ComplianceRules
{
    /// <summary>The terms judged; empty: every term the evidence names.</summary>
    public ImmutableArray<string> Terms { get; init; } = [];

    /// <summary>The share of subjects (0..1) that must comply with every term.</summary>
    public double Objective { get; init; } = 1.0;

    /// <summary>How long a piece of evidence speaks for its subject; null: until newer evidence. Older evidence is stale, so the subject does not comply.</summary>
    public Duration? EvidenceValidFor { get; init; }
}
