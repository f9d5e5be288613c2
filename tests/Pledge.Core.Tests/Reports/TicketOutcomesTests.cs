using NodaTime;
using Pledge.Clocks;
using Pledge.Reports;
using Pledge.Tests.Calendars;

namespace Pledge.Tests.Reports;

/// <summary>Ticket outcomes collected along the report's stream: the trend per period and the burn rates of ticket targets.</summary>
public sealed class TicketOutcomesTests
{
    [Fact]
    public void The_last_period_collected_has_exactly_the_rows_of_the_period_report()
    {
        var repository = ServiceReportTests.SampleMonth.Repository;
        var november = ServiceReportTests.SampleMonth.November;
        var asOf = ServiceReportTests.SampleMonth.AsOf;
        var outcomes = new TicketOutcomes(repository, november.LastPeriods(3), asOf);

        var report = AttainmentReport.Build(repository, outcomes.Observe(ServiceReportTests.SampleMonth.Tickets), november, asOf);
        var collected = outcomes.Reports();

        Assert.Equal(["2026-09", "2026-10", "2026-11"], collected.Select(r => r.Period).ToArray());
        Assert.Equal(report.Rows.ToArray(), collected[^1].Rows.ToArray());
        Assert.Empty(collected[0].Rows);
    }

    [Fact]
    public void A_ticket_targets_burn_rate_is_its_recent_breached_share_over_the_allowed_share()
    {
        var repository = ServiceReportTests.SampleMonth.Repository;
        var november = ServiceReportTests.SampleMonth.November;
        var asOf = Iso.Instant("2026-11-20T12:00:00+01:00");
        var outcomes = new TicketOutcomes(repository, [november], asOf);
        _ = AttainmentReport.Build(repository, outcomes.Observe(ServiceReportTests.SampleMonth.Tickets), november, asOf).Rows;

        // The naive count: every machine-support/resolution measurement of acme judged in the 3 days before asOf.
        var from = asOf - Duration.FromDays(3);
        var (bad, total) = (0, 0);
        foreach (var history in ServiceReportTests.SampleMonth.Tickets)
        {
            if (history.Created is not { Customer: "acme" } created)
            {
                continue;
            }

            foreach (var resolution in repository.Resolve(created.Customer, created.Service, created.Priority, created.At)
                .Where(r => r.Winner.QualifiedId == "machine-support/resolution"))
            {
                foreach (var m in ClockEvaluator.Evaluate(repository.ClockFor(resolution.Winner), history, asOf, explain: false).Measurements)
                {
                    if (!m.IsCancelled && (m.End ?? (m.IsBreached ? m.BreachedAt : null)) is { } at && at >= from && at < asOf)
                    {
                        total++;
                        bad += m.IsBreached ? 1 : 0;
                    }
                }
            }
        }

        var threeDays = outcomes.Burn("acme", "machine-support", "resolution", 0.95).Single(w => w.Window == Duration.FromDays(3));

        Assert.True(total > 0);
        Assert.Equal(total, threeDays.Count.Total);
        Assert.Equal(bad, threeDays.Count.Bad);
        Assert.Equal((double)bad / total / 0.05, threeDays.Rate!.Value, 9);
    }
}
