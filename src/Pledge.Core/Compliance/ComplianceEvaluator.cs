using System.Collections.Immutable;
using NodaTime;
using Pledge.Measures;

namespace Pledge.Compliance;

/// <summary>Judges compliance with terms at one instant from the evidence gathered up to it.</summary>
/// <remarks>
/// <para>For each (term, subject), the evidence that decides is the latest taken at or before the instant judged;
/// of two taken at the same instant, the one whose id sorts last (ordinal) decides, as if evidence were applied in
/// id order. Evidence after the instant is not seen, so a later fix does not help an earlier period.</para>
/// <para>The pair fails when that evidence says so (reason <see cref="NonCompliance.Failed"/>, however old), or when
/// <see cref="ComplianceRules.EvidenceValidFor"/> is set and the evidence is no longer current: it is valid over
/// [taken, taken + validity), so at exactly its expiry it is stale (reason <see cref="NonCompliance.Stale"/>).</para>
/// <para>Only the rules' terms are judged (all terms seen when the list is empty). A subject complies when it complies
/// with every judged term it has evidence on; a term it has no evidence on is not held against it. Attainment is
/// compliant subjects over subjects; with no subject it is 1 and the verdict is <see cref="Verdict.NotEnoughData"/>.
/// Terms and subjects are compared ordinally (case matters).</para>
/// </remarks>
public static class ComplianceEvaluator
{
    /// <summary>Judges <paramref name="evidence"/> at <paramref name="at"/>.</summary>
    /// <param name="evidence">The evidence (already filtered to the customer), in any order.</param>
    /// <param name="at">The instant judged, inclusive: evidence taken exactly then counts.</param>
    /// <param name="rules">The terms, validity and objective.</param>
    /// <exception cref="ArgumentException">The validity is not positive.</exception>
    public static ComplianceResult Measure(IEnumerable<Evidence> evidence, Instant at, ComplianceRules rules)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.EvidenceValidFor is { } validity && validity <= Duration.Zero)
        {
            throw new ArgumentException($"Evidence must stay valid for a positive time, not {validity}.", nameof(rules));
        }

        var declared = rules.Terms.IsDefaultOrEmpty ? [] : rules.Terms;
        var judged = declared.IsEmpty ? null : new HashSet<string>(declared, StringComparer.Ordinal);

        var latest = new Dictionary<(string Term, string Subject), Evidence>();
        foreach (var item in evidence)
        {
            if (item is null || item.At > at || (judged is not null && !judged.Contains(item.Term)))
            {
                continue;
            }

            var key = (item.Term, item.Subject);
            if (!latest.TryGetValue(key, out var current) || Supersedes(item, current))
            {
                latest[key] = item;
            }
        }

        // The terms in report order: declared order, or the seen ones sorted.
        var terms = declared.IsEmpty
            ? latest.Keys.Select(k => k.Term).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : declared.Distinct(StringComparer.Ordinal).ToList();
        var termIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            termIndex[terms[i]] = i;
        }

        var termSubjects = new int[terms.Count];
        var termCompliant = new int[terms.Count];
        var failing = new HashSet<string>(StringComparer.Ordinal);
        var subjects = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<(int TermIndex, NonCompliance Failure)>();
        foreach (var ((term, subject), decisive) in latest)
        {
            var index = termIndex[term];
            subjects.Add(subject);
            termSubjects[index]++;
            string? reason = !decisive.Compliant ? NonCompliance.Failed
                : rules.EvidenceValidFor is { } valid && at >= decisive.At + valid ? NonCompliance.Stale
                : null;
            if (reason is null)
            {
                termCompliant[index]++;
                continue;
            }

            failing.Add(subject);
            failures.Add((index, new NonCompliance(term, subject, decisive.At, reason, decisive.Detail)));
        }

        failures.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Failure.Subject, b.Failure.Subject);
            return c != 0 ? c : a.TermIndex.CompareTo(b.TermIndex);
        });

        var termResults = ImmutableArray.CreateBuilder<TermCompliance>(terms.Count);
        for (var i = 0; i < terms.Count; i++)
        {
            termResults.Add(new TermCompliance(terms[i], termSubjects[i], termCompliant[i]));
        }

        var total = subjects.Count;
        var compliant = total - failing.Count;
        var attainment = total == 0 ? 1.0 : (double)compliant / total;
        var verdict = total == 0 ? Verdict.NotEnoughData : attainment >= rules.Objective ? Verdict.Met : Verdict.Missed;
        return new ComplianceResult(at, total, compliant, attainment, verdict, termResults.MoveToImmutable(), [.. failures.Select(f => f.Failure)]);
    }

    /// <summary>Whether <paramref name="candidate"/> decides instead of <paramref name="current"/>: later, or as late with a later id (ordinal).</summary>
    private static bool Supersedes(Evidence candidate, Evidence current)
    {
        if (candidate.At != current.At)
        {
            return candidate.At > current.At;
        }

        var byId = string.CompareOrdinal(candidate.Id, current.Id);
        // Same instant and id: a duplicate; the failing reading wins so that duplicates never hide a failure.
        return byId != 0 ? byId > 0 : !candidate.Compliant && current.Compliant;
    }
}
