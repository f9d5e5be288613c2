namespace Pledge.Reports;

/// <summary>
/// Attainment of one target for one (customer, service, priority) in the period: how many measurements
/// were judged, how many met the threshold, against the objective.
/// </summary>
public sealed record AttainmentRow(string Agreement, string Target, string Kind, string Customer, string Service, string Priority, int Met, int Total, double Objective)
{
    /// <summary>Met / total; 1 when nothing was judged (no measurement, no miss).</summary>
    public double Attainment => Total == 0 ? 1 : (double)Met / Total;

    /// <summary>Whether the attainment reaches the objective.</summary>
    public bool MeetsObjective => Attainment >= Objective;
}
