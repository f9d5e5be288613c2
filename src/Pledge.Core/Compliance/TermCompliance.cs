namespace Pledge.Compliance;

/// <summary>How the subjects fare on one term.</summary>
/// <param name="Term">The term.</param>
/// <param name="Subjects">Subjects with evidence on the term.</param>
/// <param name="Compliant">Those whose current evidence says they comply.</param>
public sealed record TermCompliance(string Term, int Subjects, int Compliant)
{
    /// <summary>Compliant / subjects; 1 when no subject has evidence on the term.</summary>
    public double Attainment => Subjects == 0 ? 1 : (double)Compliant / Subjects;
}
