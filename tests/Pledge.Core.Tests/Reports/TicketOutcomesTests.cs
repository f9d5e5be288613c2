using NodaTime;
using Pledge.Agreements;
using Pledge.Clocks;
using Pledge.Reports;
using Pledge.Tests.Calendars;
using Pledge.Tickets;

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

    [Theory]
    [InlineData("2026-11", "2026-12-01T00:00:00+01:00", 3, true)]
    [InlineData("2026-12", "2027-01-01T00:00:00+01:00", 3, false)]
    // Tickets opened after the week still count in the burn windows before asOf: the report measures their clocks for the outcomes only.
    [InlineData("2026-W46", "2026-11-25T00:00:00+01:00", 4, true)]
    [InlineData("2026-W47", "2026-11-25T13:00:00+01:00", 2, true)]
    public void Outcomes_the_report_feeds_from_its_own_measurements_equal_outcomes_that_measure_on_their_own(string periodName, string at, int trend, bool burns)
    {
        var repository = ServiceReportTests.SampleMonth.Repository;
        var period = ServiceReportTests.SampleMonth.Period(periodName);
        var asOf = Iso.Instant(at);
        var alone = new TicketOutcomes(repository, period.LastPeriods(trend), asOf);
        var fed = new TicketOutcomes(repository, period.LastPeriods(trend), asOf);

        var observed = AttainmentReport.Build(repository, alone.Observe(ServiceReportTests.SampleMonth.Tickets), period, asOf);
        var report = AttainmentReport.Build(repository, ServiceReportTests.SampleMonth.Tickets, period, asOf, fed);

        AssertSameReport(observed, report);
        var burning = AssertSameOutcomes(repository, alone, fed);
        Assert.Contains(fed.Reports(), r => r.Rows.Length > 0);
        Assert.Equal(burns, burning > 0);
    }

    [Fact]
    public void Rows_and_outcomes_do_not_depend_on_the_readers_sharing_strings()
    {
        var repository = ServiceReportTests.SampleMonth.Repository;
        var period = ServiceReportTests.SampleMonth.Period("2026-W46");
        var asOf = Iso.Instant("2026-11-25T00:00:00+01:00");
        var shared = new TicketOutcomes(repository, period.LastPeriods(3), asOf);
        var unshared = new TicketOutcomes(repository, period.LastPeriods(3), asOf);

        var expected = AttainmentReport.Build(repository, ServiceReportTests.SampleMonth.Tickets, period, asOf, shared);
        var actual = AttainmentReport.Build(repository, ServiceReportTests.SampleMonth.Tickets.Select(Unshared), period, asOf, unshared);

        AssertSameReport(expected, actual);
        Assert.True(AssertSameOutcomes(repository, shared, unshared) > 0, "no burn window held any outcome: the comparison would prove nothing");
    }

    /// <summary>The history with every customer, service and priority string a fresh copy, as readers that share nothing would give.</summary>
    private static TicketHistory Unshared(TicketHistory history) =>
        TicketHistory.Of(history.Events.Select(e => e switch
        {
            TicketCreated c => c with { Customer = Copy(c.Customer), Service = Copy(c.Service), Priority = Copy(c.Priority) },
            TicketPriorityChanged p => p with { Priority = Copy(p.Priority) },
            _ => e,
        }));

    private static string Copy(string text) => new(text.AsSpan());

    private static void AssertSameReport(AttainmentReport expected, AttainmentReport actual)
    {
        Assert.Equal(expected.Tickets, actual.Tickets);
        Assert.Equal(expected.Rows.ToArray(), actual.Rows.ToArray());
        Assert.Equal(expected.Breaches.ToArray(), actual.Breaches.ToArray());
        Assert.Equal(expected.AtRisk.ToArray(), actual.AtRisk.ToArray());
    }

    /// <summary>Asserts the same trend and burn rates; returns how many of the customers' targets had outcomes in a burn window.</summary>
    private static int AssertSameOutcomes(ServiceLevelRepository repository, TicketOutcomes expected, TicketOutcomes actual)
    {
        var (before, after) = (expected.Reports(), actual.Reports());
        Assert.Equal(before.Select(r => (r.Period, r.Tickets)).ToArray(), after.Select(r => (r.Period, r.Tickets)).ToArray());
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i].Rows.ToArray(), after[i].Rows.ToArray());
        }

        var burning = 0;
        foreach (var customer in repository.Customers.Keys)
        {
            foreach (var agreement in repository.Agreements.Values)
            {
                foreach (var target in agreement.Versions.SelectMany(v => v.Targets).Select(t => t.Id).Distinct())
                {
                    var burn = expected.Burn(customer, agreement.Id, target, 0.9);
                    Assert.Equal(burn.ToArray(), actual.Burn(customer, agreement.Id, target, 0.9).ToArray());
                    Assert.Equal(expected.BurnAlert(customer, agreement.Id, target, 0.9), actual.BurnAlert(customer, agreement.Id, target, 0.9));
                    burning += burn.Any(w => w.Count.Total > 0) ? 1 : 0;
                }
            }
        }

        return burning;
    }
}
