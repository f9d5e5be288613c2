using System.Globalization;
using NodaTime;
using Pledge.Agreements;
using Pledge.Calendars;

namespace Pledge.Reports.Formats;

/// <summary>
/// What the HTML writer looks up while it writes one report: customer names, agreement zones, targets and
/// calendars, and ids unique in the page.
/// </summary>
internal sealed class HtmlContext(ServiceReport report, ServiceLevelRepository repository)
{
    private int _ids;

    public ServiceReport Report { get; } = report;

    public ServiceLevelRepository Repository { get; } = repository;

    /// <summary>An id unique in the page: "chart-3".</summary>
    public string NextId(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{++_ids}");

    /// <summary>The customer's name, or its id when the repository has none.</summary>
    public string CustomerName(string customer) =>
        Repository.Customers.TryGetValue(customer, out var found) && !string.IsNullOrWhiteSpace(found.Name) ? found.Name : customer;

    /// <summary>The zone of an agreement; UTC when unknown.</summary>
    public DateTimeZone ZoneOf(string? agreement) =>
        agreement is not null && Repository.Agreements.TryGetValue(agreement, out var found) ? found.Zone : DateTimeZone.Utc;

    /// <summary>Every agreement the report mentions for <paramref name="customer"/>, ordinal order.</summary>
    public IReadOnlyList<string> AgreementsOf(string customer) =>
    [
        .. Report.Measures.Where(m => m.Customer == customer).Select(m => m.Agreement)
            .Concat(Report.Tickets.Rows.Where(r => r.Customer == customer).Select(r => r.Agreement))
            .Concat(Report.Tickets.Breaches.Where(b => b.Customer == customer).Select(b => b.Agreement))
            .Concat(Report.Tickets.AtRisk.Where(a => a.Customer == customer).Select(a => a.Agreement))
            .Concat(Report.TicketBudgets.Where(b => b.Customer == customer).Select(b => b.Agreement))
            .Concat(Report.Actions.Where(a => a.Action.Customer == customer && a.Action.Agreement is not null).Select(a => a.Action.Agreement!))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The zone a customer's section reads instants in when nothing more specific applies: that of its first agreement.</summary>
    public DateTimeZone CustomerZone(string customer)
    {
        foreach (var agreement in AgreementsOf(customer))
        {
            if (Repository.Agreements.ContainsKey(agreement))
            {
                return ZoneOf(agreement);
            }
        }

        var own = Repository.Agreements.Values
            .Where(a => string.Equals(a.Customer, customer, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        return own?.Zone ?? DateTimeZone.Utc;
    }

    /// <summary>The zone of the whole report's header: the one zone every customer reads in, else UTC.</summary>
    public DateTimeZone ReportZone()
    {
        var zones = Report.Customers.Select(CustomerZone).Distinct().Take(2).ToList();
        return zones.Count == 1 ? zones[0] : DateTimeZone.Utc;
    }

    /// <summary>The target of a row as the version in force over the period defines it; null when the repository no longer has it.</summary>
    public Target? TargetOf(string agreementId, string targetId, Interval period)
    {
        if (!Repository.Agreements.TryGetValue(agreementId, out var agreement))
        {
            return null;
        }

        var candidates = new[] { agreement.VersionAt(period.End - Duration.Epsilon), agreement.VersionAt(period.Start) }
            .Concat(agreement.Versions);
        foreach (var version in candidates)
        {
            var target = version?.Targets.FirstOrDefault(t => string.Equals(t.Id, targetId, StringComparison.OrdinalIgnoreCase));
            if (target is not null)
            {
                return target;
            }
        }

        return null;
    }

    /// <summary>The calendar of a target; null without one.</summary>
    public BusinessCalendar? CalendarOf(Target? target) =>
        target is not null && !string.IsNullOrEmpty(target.CalendarId) && Repository.Calendars.TryGetValue(target.CalendarId, out var calendar) ? calendar : null;
}
