using Pledge.Agreements;
using Pledge.Reports;
using Pledge.Tickets;

namespace Pledge.Server.Security;

/// <summary>
/// What of the repository, the tickets and the report a caller may see: everything for the provider's people; for
/// a customer contact, its own customer only. The report endpoint passes its inputs and its result through here,
/// so customer isolation of the report lives in this one place.
/// </summary>
/// <remarks>
/// A contact's repository keeps its customer, the SLAs that can cover it (corporate, service-level, and its own
/// customer-level ones: the corporate terms apply to every customer) and the calendars; other customers, OLAs
/// and UCs (internal and supplier terms) are left out. Its tickets are those created for its customer; a ticket
/// whose creation is unknown belongs to no one it may see. The finished report is filtered by customer again,
/// so nothing computed for another customer can slip through.
/// </remarks>
internal sealed class CustomerView(Caller caller)
{
    /// <summary>Whether this view shows everything (the caller is not a customer contact).</summary>
    public bool IsWhole => !caller.IsCustomerContact;

    /// <summary>The part of <paramref name="repository"/> the caller may see.</summary>
    public ServiceLevelRepository Repository(ServiceLevelRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (IsWhole)
        {
            return repository;
        }

        return new ServiceLevelRepository(
            repository.Services.Values,
            repository.Customers.Values.Where(c => caller.CanSee(c.Id)),
            repository.Calendars,
            repository.Agreements.Values.Where(a => a.Kind == AgreementKind.Sla && (a.Level != AgreementLevel.Customer || caller.CanSee(a.Customer))));
    }

    /// <summary>The tickets the caller may see.</summary>
    public IEnumerable<TicketHistory> Tickets(IEnumerable<TicketHistory> histories) =>
        IsWhole ? histories : histories.Where(h => caller.CanSee(h.Created?.Customer));

    /// <summary>The part of <paramref name="report"/> the caller may see.</summary>
    public ServiceReport Report(ServiceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (IsWhole)
        {
            return report;
        }

        return report with
        {
            Tickets = Attainment(report.Tickets),
            Measures = [.. report.Measures.Where(m => caller.CanSee(m.Customer))],
            Trend = [.. report.Trend.Where(m => caller.CanSee(m.Customer))],
            TicketTrend = [.. report.TicketTrend.Select(Attainment)],
            TicketBudgets = [.. report.TicketBudgets.Where(b => caller.CanSee(b.Customer))],
            Actions = [.. report.Actions.Where(a => caller.CanSee(a.Action.Customer))],
            Flags = [.. report.Flags.Where(f => caller.CanSee(f.Customer))],
        };
    }

    private AttainmentReport Attainment(AttainmentReport report) => report with
    {
        Rows = [.. report.Rows.Where(r => caller.CanSee(r.Customer))],
        Breaches = [.. report.Breaches.Where(b => caller.CanSee(b.Customer))],
        AtRisk = [.. report.AtRisk.Where(a => caller.CanSee(a.Customer))],
    };
}
