using System.Globalization;
using System.Text;
using Pledge.Agreements;
using Pledge.Budgets;

namespace Pledge.Reports.Formats;

/// <summary>
/// The report as one CSV table (RFC 4180): a row per ticket target, customer, service and priority, and a row per
/// measure target (availability per service), with value, objective, verdict, budget and explanation.
/// </summary>
public static class ReportCsv
{
    private const string Header = "customer,agreement,target,kind,service,priority,value,objective,verdict,met,total,budget_unit,budget_allowed,budget_spent,budget_remaining,explanation\n";

    /// <summary>The report as CSV text.</summary>
    public static string Write(ServiceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder(Header);
        var rows = report.Tickets.Rows.Select(r => (Key: (r.Customer, r.Agreement, r.Target), Row: (object)r))
            .Concat(report.Measures.Select(m => (Key: (m.Customer, m.Agreement, m.Target), Row: (object)m)))
            .OrderBy(r => r.Key.Customer, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Agreement, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Target, StringComparer.Ordinal);
        foreach (var (_, row) in rows)
        {
            if (row is AttainmentRow r)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{Cell(r.Customer)},{Cell(r.Agreement)},{Cell(r.Target)},{r.Kind},{Cell(r.Service)},{Cell(r.Priority)},{r.Attainment:0.####},{r.Objective:0.####},{(r.MeetsObjective ? "met" : "missed")},{r.Met},{r.Total},,,,,\n");
            }
            else if (row is MeasureRow m)
            {
                var budget = m.Budget;
                text.Append(CultureInfo.InvariantCulture,
                    $"{Cell(m.Customer)},{Cell(m.Agreement)},{Cell(m.Target)},{TargetKindNames.Of(m.Kind)},{Cell(m.Service)},,{Number(m.Value)},{m.Objective:0.####},{ReportText.Verdict(m.Verdict)},,,");
                text.Append(budget is null
                    ? ",,,"
                    : string.Create(CultureInfo.InvariantCulture, $"{(budget.Unit == BudgetUnit.Minutes ? "minutes" : "events")},{budget.Allowed:0.####},{budget.Spent:0.####},{budget.Remaining:0.####}"));
                text.Append(',').Append(Cell(m.Explanation)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;

    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
