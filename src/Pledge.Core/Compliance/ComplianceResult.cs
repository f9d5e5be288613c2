using System.Collections.Immutable;
using NodaTime;
using Pledge.Measures;

namespace Pledge.Compliance;

/// <summary>Compliance at one instant: how many subjects comply with every term, per term, and the failures.</summary>
/// <param name="At">The instant judged (usually a period's end).</param>
/// <param name="Subjects">Subjects with evidence on at least one judged term.</param>
/// <param name="Compliant">Subjects that comply with every judged term they have evidence on.</param>
/// <param name="Attainment"><paramref name="Compliant"/> / <paramref name="Subjects"/>; 1 when there is no subject.</param>
/// <param name="Verdict">Met when the attainment reaches the objective; not enough data when there is no subject.</param>
/// <param name="Terms">Each judged term: the declared ones in their order (with zero subjects when nothing speaks of them), else those seen, ordinal order.</param>
/// <param name="NonCompliant">Every failing (term, subject), by subject (ordinal) then term in <paramref name="Terms"/> order.</param>
public sealed record ComplianceResult(
    Instant At,
    int Subjects,
    int Compliant,
    double Attainment,
    Verdict Verdict,
    ImmutableArray<TermCompliance> Terms,
    ImmutableArray<NonCompliance> NonCompliant);
