using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Pledge.Compliance;

namespace Pledge.Tests.Compliance;

/// <summary>Invariants of the compliance evaluator over generated evidence on three terms and five subjects.</summary>
public sealed class CompliancePropertyTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    private static readonly string[] Terms = ["password-length", "password-age", "access-card"];

    private static readonly string[] Subjects = ["alice", "bob", "carol", "dave", "erin"];

    private static readonly ComplianceRules Rules = new() { Terms = ["password-length", "password-age"], EvidenceValidFor = Duration.FromDays(30) };

    // Days 0-59 with ties on the day; judged on day 45.
    private static readonly Instant At = Start + Duration.FromDays(45);

    private static Arbitrary<Evidence[]> Evidence { get; } = Arb.From(
        Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(
            from term in Gen.Elements(Terms)
            from subject in Gen.Elements(Subjects)
            from day in Gen.Choose(0, 59)
            from compliant in Gen.Elements(true, true, false)
            select (term, subject, day, compliant), n))
        .Select(raw => raw.Select((r, i) => new Evidence($"e{i:00}", r.term, r.subject, Start + Duration.FromDays(r.day), r.compliant)).ToArray()));

    [Property(MaxTest = 300)]
    public Property Input_order_never_changes_the_result() =>
        Prop.ForAll(Evidence, evidence =>
        {
            var plain = ComplianceEvaluator.Measure(evidence, At, Rules);
            var reversed = ComplianceEvaluator.Measure(evidence.Reverse(), At, Rules);

            Assert.Equal(plain.Terms.ToArray(), reversed.Terms.ToArray());
            Assert.Equal(plain.NonCompliant.ToArray(), reversed.NonCompliant.ToArray());
            Assert.Equal((plain.Subjects, plain.Compliant, plain.Attainment, plain.Verdict), (reversed.Subjects, reversed.Compliant, reversed.Attainment, reversed.Verdict));
        });

    [Property(MaxTest = 300)]
    public Property The_non_compliant_list_names_exactly_the_subjects_that_fail() =>
        Prop.ForAll(Evidence, evidence =>
        {
            var result = ComplianceEvaluator.Measure(evidence, At, Rules);

            Assert.Equal(result.Subjects - result.Compliant, result.NonCompliant.Select(n => n.Subject).Distinct().Count());
            Assert.Equal(result.Terms.Sum(t => t.Subjects - t.Compliant), result.NonCompliant.Length);
            Assert.All(result.NonCompliant, n => Assert.True(n.EvidenceAt <= At));
            Assert.All(result.NonCompliant, n => Assert.Contains(n.Term, Rules.Terms));
            Assert.All(result.NonCompliant.Where(n => n.Reason == NonCompliance.Stale), n => Assert.True(n.EvidenceAt + Duration.FromDays(30) <= At));
        });
}
