using NodaTime;
using Pledge.Compliance;
using Pledge.Measures;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Compliance;

/// <summary>Corporate security terms checked against evidence, worked out by hand.</summary>
public sealed class ComplianceEvaluatorTests
{
    private static readonly ComplianceRules Security = new()
    {
        Terms = ["password-length", "password-age", "access-card"],
        EvidenceValidFor = Duration.FromDays(90),
    };

    /// <summary>
    /// Alice's password age was last checked on 1 January (stale from 1 April); Bob's short password was fixed on
    /// 10 April; Carol's card expired; Dave's card was checked on 14 April, and found expired on 16 April.
    /// </summary>
    private static readonly Evidence[] Evidence =
    [
        E("e01", "password-length", "alice", "2026-02-10T09:00Z", true),
        E("e02", "password-age", "alice", "2026-01-01T00:00Z", true),
        E("e03", "password-length", "bob", "2026-03-01T09:00Z", false, "8 characters"),
        E("e04", "password-length", "bob", "2026-04-10T09:00Z", true, "16 characters"),
        E("e05", "password-age", "bob", "2026-03-20T09:00Z", true),
        E("e06", "access-card", "carol", "2026-02-01T09:00Z", false, "card expired"),
        E("e07", "access-card", "dave", "2026-04-14T09:00Z", true),
        E("e08", "access-card", "dave", "2026-04-16T09:00Z", false, "card expired"),
    ];

    private static Evidence E(string id, string term, string subject, string at, bool compliant, string? detail = null) =>
        new(id, term, subject, Iso.Instant(at), compliant) { Detail = detail };

    private static string[] Show(ComplianceResult result) =>
        [.. result.NonCompliant.Select(n => $"{n.Subject} {n.Term} {n.Reason} {Iso.InZone(n.EvidenceAt, DateTimeZone.Utc)} {n.Detail}")];

    [Fact]
    public void At_mid_april_stale_evidence_fails_a_subject_and_a_later_fix_passes_another()
    {
        var result = ComplianceEvaluator.Measure(Evidence, Iso.Instant("2026-04-15T00:00Z"), Security);

        Assert.Equal(4, result.Subjects);
        Assert.Equal(2, result.Compliant);
        Assert.Equal(0.5, result.Attainment);
        Assert.Equal(Verdict.Missed, result.Verdict);
        Assert.Equal(
            [new TermCompliance("password-length", 2, 2), new TermCompliance("password-age", 2, 1), new TermCompliance("access-card", 2, 1)],
            result.Terms.ToArray());
        Assert.Equal(
            [
                "alice password-age stale 2026-01-01T00:00:00Z ",
                "carol access-card failed 2026-02-01T09:00:00Z card expired",
            ],
            Show(result));
    }

    [Fact]
    public void Before_the_fix_the_old_failure_still_decides_and_later_evidence_is_not_seen()
    {
        var result = ComplianceEvaluator.Measure(Evidence, Iso.Instant("2026-04-05T00:00Z"), Security);

        // Dave has no evidence yet; Bob's fix comes on 10 April.
        Assert.Equal(3, result.Subjects);
        Assert.Equal(0, result.Compliant);
        Assert.Equal(0.0, result.Attainment);
        Assert.Equal(
            [
                "alice password-age stale 2026-01-01T00:00:00Z ",
                "bob password-length failed 2026-03-01T09:00:00Z 8 characters",
                "carol access-card failed 2026-02-01T09:00:00Z card expired",
            ],
            Show(result));
    }

    [Fact]
    public void Evidence_is_current_until_just_before_its_validity_ends_and_stale_from_then()
    {
        // e02 was taken at 2026-01-01T00:00Z and is valid for 90 days: until 2026-04-01T00:00Z, exclusive.
        var expiry = Iso.Instant("2026-04-01T00:00Z");
        var alice = Evidence.Where(e => e.Subject == "alice").ToArray();

        var before = ComplianceEvaluator.Measure(alice, expiry - Duration.Epsilon, Security);
        var at = ComplianceEvaluator.Measure(alice, expiry, Security);

        Assert.Equal(1, before.Compliant);
        Assert.Equal(0, at.Compliant);
        Assert.Equal(NonCompliance.Stale, at.NonCompliant[0].Reason);
    }

    [Fact]
    public void Without_a_validity_evidence_never_goes_stale()
    {
        var result = ComplianceEvaluator.Measure(Evidence, Iso.Instant("2030-01-01T00:00Z"), Security with { EvidenceValidFor = null });

        // Alice and Bob comply; Carol's card and Dave's (16 April) are expired.
        Assert.Equal(4, result.Subjects);
        Assert.Equal(2, result.Compliant);
        Assert.Equal(["carol", "dave"], result.NonCompliant.Select(n => n.Subject).ToArray());
    }

    [Fact]
    public void A_failure_is_reported_as_failed_however_old_it_is()
    {
        var result = ComplianceEvaluator.Measure([E("old", "access-card", "carol", "2025-01-01T00:00Z", false)], Iso.Instant("2026-06-01T00:00Z"), Security);

        Assert.Equal(NonCompliance.Failed, result.NonCompliant[0].Reason);
    }

    [Fact]
    public void Evidence_taken_exactly_at_the_instant_judged_counts()
    {
        var at = Iso.Instant("2026-05-01T12:00Z");
        var evidence = new[] { E("fail", "access-card", "erin", "2026-04-01T00:00Z", false), E("fix", "access-card", "erin", "2026-05-01T12:00Z", true) };

        var result = ComplianceEvaluator.Measure(evidence, at, Security);

        Assert.Equal(1, result.Compliant);
    }

    [Theory]
    [InlineData("e10", "e09", true)]
    [InlineData("e09", "e10", false)]
    public void Of_two_pieces_of_evidence_at_the_same_instant_the_one_whose_id_sorts_last_decides(string compliantId, string failingId, bool compliant)
    {
        var evidence = new[] { E(compliantId, "access-card", "frank", "2026-04-01T09:00Z", true), E(failingId, "access-card", "frank", "2026-04-01T09:00Z", false) };

        var forward = ComplianceEvaluator.Measure(evidence, Iso.Instant("2026-04-02T00:00Z"), Security);
        var backward = ComplianceEvaluator.Measure(evidence.Reverse(), Iso.Instant("2026-04-02T00:00Z"), Security);

        Assert.Equal(compliant ? 1 : 0, forward.Compliant);
        Assert.Equal(forward.Compliant, backward.Compliant);
    }

    [Fact]
    public void Only_the_declared_terms_are_judged_and_a_declared_term_without_evidence_shows_with_no_subjects()
    {
        var rules = new ComplianceRules { Terms = ["access-card", "mfa"] };
        var evidence = new[]
        {
            E("1", "access-card", "carol", "2026-04-01T00:00Z", true),
            E("2", "password-length", "carol", "2026-04-01T00:00Z", false),
            E("3", "password-length", "gina", "2026-04-01T00:00Z", false),
        };

        var result = ComplianceEvaluator.Measure(evidence, Iso.Instant("2026-04-02T00:00Z"), rules);

        Assert.Equal(1, result.Subjects);
        Assert.Equal(1, result.Compliant);
        Assert.Equal([new TermCompliance("access-card", 1, 1), new TermCompliance("mfa", 0, 0)], result.Terms.ToArray());
        Assert.Equal(Verdict.Met, result.Verdict);
    }

    [Fact]
    public void Without_declared_terms_every_term_seen_is_judged_in_ordinal_order()
    {
        var result = ComplianceEvaluator.Measure(Evidence, Iso.Instant("2026-04-15T00:00Z"), new ComplianceRules { Objective = 0.5 });

        Assert.Equal(["access-card", "password-age", "password-length"], result.Terms.Select(t => t.Term).ToArray());
        // No validity: Alice complies too; only Carol fails.
        Assert.Equal(3, result.Compliant);
        Assert.Equal(0.75, result.Attainment);
        Assert.Equal(Verdict.Met, result.Verdict);
    }

    [Fact]
    public void A_subject_failing_two_terms_is_listed_twice_and_counted_once()
    {
        var evidence = new[]
        {
            E("1", "password-length", "hank", "2026-04-01T00:00Z", false),
            E("2", "password-age", "hank", "2026-04-01T00:00Z", false),
            E("3", "password-age", "ida", "2026-04-01T00:00Z", true),
        };

        var result = ComplianceEvaluator.Measure(evidence, Iso.Instant("2026-04-02T00:00Z"), Security);

        Assert.Equal(2, result.Subjects);
        Assert.Equal(1, result.Compliant);
        // By subject, then term in declared order.
        Assert.Equal(["hank password-length", "hank password-age"], result.NonCompliant.Select(n => $"{n.Subject} {n.Term}").ToArray());
    }

    [Fact]
    public void No_subject_is_not_enough_data_with_attainment_one()
    {
        var result = ComplianceEvaluator.Measure(Evidence, Iso.Instant("2025-12-31T00:00Z"), Security);

        Assert.Equal(0, result.Subjects);
        Assert.Equal(1.0, result.Attainment);
        Assert.Equal(Verdict.NotEnoughData, result.Verdict);
        Assert.Equal([0, 0, 0], result.Terms.Select(t => t.Subjects).ToArray());
    }

    [Fact]
    public void All_subjects_compliant_meets_an_objective_of_one()
    {
        var result = ComplianceEvaluator.Measure(Evidence.Where(e => e.Subject is "bob"), Iso.Instant("2026-04-15T00:00Z"), Security);

        Assert.Equal(1.0, result.Attainment);
        Assert.Equal(Verdict.Met, result.Verdict);
    }

    [Fact]
    public void A_validity_that_is_not_positive_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ComplianceEvaluator.Measure([], Instant.FromUtc(2026, 1, 1, 0, 0), new ComplianceRules { EvidenceValidFor = Duration.Zero }));

        Assert.Contains("positive", error.Message, StringComparison.Ordinal);
    }
}
