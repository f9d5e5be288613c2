using NodaTime;
using Pledge.Actions;
using Pledge.Agreements;
using Pledge.Availability;
using Pledge.Budgets;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Satisfaction;
using Pledge.Series;
using Pledge.Tests.Agreements;
using Pledge.Tests.Calendars;
using Pledge.Tickets;

namespace Pledge.Tests.Reports;

/// <summary>
/// The whole report of the sample's November 2026 (samples/beverage-supplier/events/MEASURES.md has the figures):
/// availability, deliveries, satisfaction, compliance and custom series per customer, budgets, the trend over the
/// months before, corrective actions and the watermelon flags. Berlin office hours in November 2026: 21 days of
/// 10 hours, 12,600 minutes.
/// </summary>
public sealed class ServiceReportTests
{
    private const double ServiceMinutes = 12_600;

    private static ServiceReport Report => SampleMonth.Report;

    private static MeasureRow Row(string customer, string qualifiedTarget, string service = "*") =>
        Report.Measures.Single(r => r.Customer == customer && r.QualifiedTarget == qualifiedTarget && r.Service == service);

    /// <summary>A customer's measured satisfaction rows of the trend, then this period's row, as period, target, value and verdict.</summary>
    private static IEnumerable<(string Period, string QualifiedTarget, string Value, Verdict Verdict)> SatisfactionTrend(string customer, MeasureRow current) =>
        Report.Trend.Where(r => r.Customer == customer && r.Kind == TargetKind.Satisfaction && r.Value is not null)
            .Append(current)
            .Select(r => (r.Period, r.QualifiedTarget, ServiceReport.ValueText(r.Value, r), r.Verdict));

    [Theory]
    // customer, service, agreement, weighted minutes down, as printed.
    [InlineData("acme", "coffee", "acme-gold", 51.5, "99.59%")]
    [InlineData("acme", "tea", "acme-gold", 25, "99.8%")]
    [InlineData("acme", "juice", "acme-gold", 22.5, "99.82%")]
    [InlineData("acme", "machine-support", "acme-gold", 20, "99.84%")]
    [InlineData("globex", "coffee", "corporate", 28, "99.78%")]
    [InlineData("globex", "tea", "corporate", 37.5, "99.7%")]
    // customers.yaml lists no services for Globex: it receives machine-support too, though globex-drinks does not cover it.
    [InlineData("globex", "machine-support", "corporate", 20, "99.84%")]
    [InlineData("initech", "coffee", "corporate", 10, "99.92%")]
    [InlineData("initech", "tea", "corporate", 0, "100%")]
    [InlineData("initech", "juice", "corporate", 0, "100%")]
    [InlineData("initech", "machine-support", "corporate", 20, "99.84%")]
    public void Availability_over_business_hours_per_customer_and_service(string customer, string service, string agreement, double downMinutes, string printed)
    {
        var row = Row(customer, $"{agreement}/availability", service);
        var result = (AvailabilityResult)row.Detail!;

        Assert.Equal(ServiceMinutes, result.ServiceTime.TotalMinutes);
        Assert.Equal(downMinutes, result.Downtime.TotalMinutes, 9);
        Assert.Equal(Duration.Zero, result.Unknown);
        Assert.Equal(1 - (downMinutes / ServiceMinutes), row.Value!.Value, 12);
        Assert.Equal(printed, ServiceReport.ValueText(row.Value, row));
        Assert.Equal(Verdict.Met, row.Verdict);
        Assert.Equal(TargetKind.Availability, row.Kind);
    }

    [Fact]
    public void Acme_coffee_leaves_out_the_blip_and_the_maintenance_announced_a_day_ahead()
    {
        var row = Row("acme", "acme-gold/availability", "coffee");
        var result = (AvailabilityResult)row.Detail!;

        // o-002 full 28 min, o-003 partial outside the overlap 27 x 0.5, o-009 10 min; o-008 (1 min) is shorter than
        // minimum_outage 2m; o-006 and o-011 (announced exactly 1 day ahead, notice 1d) are planned and excluded;
        // o-004 is on a Sunday night.
        Assert.Equal(
            [
                ("o-002", OutageTreatment.Counted),
                ("o-003", OutageTreatment.Counted),
                ("o-004", OutageTreatment.OutsideServiceHours),
                ("o-006", OutageTreatment.ExcludedPlanned),
                ("o-008", OutageTreatment.IgnoredShort),
                ("o-009", OutageTreatment.Counted),
                ("o-011", OutageTreatment.ExcludedPlanned),
            ],
            result.Outages.Select(o => (o.Outage.Id, o.Treatment)));
        Assert.Equal(140, result.Excluded.TotalMinutes);
        Assert.Equal(0.995, row.Objective);
        Assert.Equal("51m30s down of 210h service time (berlin-office); 3 outage(s) counted; 2 planned excluded (2h20m)", row.Explanation);
        Assert.Equal("customer SLA acme-gold v3", row.Source);
    }

    [Fact]
    public void Acme_coffee_budget_allows_63_minutes_of_which_51_and_a_half_are_spent()
    {
        var budget = Row("acme", "acme-gold/availability", "coffee").Budget!;

        // 0.5% of 12,600 minutes.
        Assert.Equal(BudgetUnit.Minutes, budget.Unit);
        Assert.Equal(63, budget.Allowed, 9);
        Assert.Equal(51.5, budget.Spent, 9);
        Assert.Equal(11.5, budget.Remaining, 9);
        Assert.False(budget.Exhausted);
    }

    [Fact]
    public void Globex_juice_is_measured_from_its_checks_with_two_hours_unknown_left_out()
    {
        var row = Row("globex", "corporate/availability", "juice");
        var result = (AvailabilityResult)row.Detail!;

        // Down 9 Nov 13:05-13:25 and 23 Nov 15:25-16:10; no result from 13:45 to 15:45 on 25 Nov.
        Assert.Equal(65, result.Downtime.TotalMinutes, 9);
        Assert.Equal(120, result.Unknown.TotalMinutes);
        Assert.Equal(12_415.0 / 12_480, row.Value!.Value, 12);
        Assert.Equal("99.48%", ServiceReport.ValueText(row.Value, row));
        Assert.Equal(Verdict.Met, row.Verdict);
        Assert.Equal("1h5m down of 210h service time (berlin-office); 2 outage(s) counted; 2h without monitoring data (left out)", row.Explanation);
        Assert.Equal(
            [(Iso.Instant("2026-11-25T13:45:00+01:00"), Iso.Instant("2026-11-25T15:45:00+01:00"))],
            result.UnknownIntervals.Select(i => (i.Start, i.End)));
        // 1% of 12,600 minutes allowed (the budget is of the period's whole service time), 65 spent.
        Assert.Equal((126.0, 65.0), (Math.Round(row.Budget!.Allowed, 9), Math.Round(row.Budget.Spent, 9)));
    }

    [Fact]
    public void Acme_meets_its_delivery_objective_with_100_of_105_slots()
    {
        var row = Row("acme", "acme-gold/delivery");
        var result = (DeliveryResult)row.Detail!;

        Assert.Equal((105, 100, 3, 1, 1), (result.Scheduled, result.OnTime, result.Late, result.Count(DeliveryOutcome.Short), result.Missed));
        Assert.Equal(100.0 / 105, row.Value!.Value, 12);
        Assert.Equal(Verdict.Met, row.Verdict);
        Assert.Equal("100 of 105 slots on time; 3 late, 1 short, 1 missed; 1 unscheduled deliveries", row.Explanation);
        Assert.Equal(["d-100"], result.Unscheduled.Select(d => d.Id));
        // 5% of 105 slots: 5.25 misses allowed, 5 spent.
        Assert.Equal((BudgetUnit.Events, 5.25, 5.0), (row.Budget!.Unit, Math.Round(row.Budget.Allowed, 9), row.Budget.Spent));
        Assert.Equal(
            [
                "2026-11-06 coffee-before-lunch Late 10",
                "2026-11-17 tea-morning Missed 0",
                "2026-11-18 tea-morning Short 0",
                "2026-11-19 tea-evening Late 36",
                "2026-11-24 coffee-before-lunch Late 41",
            ],
            result.Slots.Where(s => s.Outcome != DeliveryOutcome.OnTime).Select(s => $"{s.Date:yyyy-MM-dd} {s.Slot} {s.Outcome} {s.Late.TotalMinutes}"));
    }

    [Fact]
    public void Globex_misses_its_delivery_objective_with_93_of_105_slots()
    {
        var row = Row("globex", "globex-drinks/delivery");
        var result = (DeliveryResult)row.Detail!;

        Assert.Equal((105, 93, 8, 2, 2), (result.Scheduled, result.OnTime, result.Late, result.Count(DeliveryOutcome.Short), result.Missed));
        Assert.Equal(Verdict.Missed, row.Verdict);
        Assert.Equal("93 of 105 slots on time; 8 late, 2 short, 2 missed; 1 unscheduled deliveries", row.Explanation);
        Assert.Equal([5.0, 6, 7, 11, 23, 32, 42, 44], result.Slots.Where(s => s.Outcome == DeliveryOutcome.Late).Select(s => s.Late.TotalMinutes).Order());
        Assert.Equal(["d-128"], result.Unscheduled.Select(d => d.Id));
    }

    [Fact]
    public void Acme_csat_falls_to_two_thirds_and_misses()
    {
        var row = Row("acme", "acme-gold/satisfaction");
        var result = (SatisfactionResult)row.Detail!;

        Assert.Equal(10.0 / 15, row.Value!.Value, 12);
        Assert.Equal("66.67%", ServiceReport.ValueText(row.Value, row));
        Assert.Equal(Verdict.Missed, row.Verdict);
        Assert.Equal("CSAT 66.67% from 15 responses; 5 unsatisfied", row.Explanation);
        // The unhappy ones with a ticket are the breached ones.
        Assert.Equal(["T-7-000049", "T-7-000163", "T-7-000279"], result.Unsatisfied.Select(s => s.Ticket).OfType<string>().Order(StringComparer.Ordinal));
        // 20% of 15 responses may be unsatisfied: 3, and 5 are.
        Assert.Equal((3.0, 5.0), (Math.Round(row.Budget!.Allowed, 9), row.Budget.Spent));
    }

    [Fact]
    public void Acme_csat_over_the_trend_is_93_then_81_then_67_percent()
    {
        var values = SatisfactionTrend("acme", Row("acme", "acme-gold/satisfaction"));

        Assert.Equal(
            [
                ("2026-09", "acme-gold/satisfaction", "93.33%", Verdict.Met),
                ("2026-10", "acme-gold/satisfaction", "81.25%", Verdict.Met),
                ("2026-11", "acme-gold/satisfaction", "66.67%", Verdict.Missed),
            ],
            values);
    }

    [Fact]
    public void Globex_csat_counts_its_machine_support_responses_11_of_12_in_november_and_12_of_14_in_october()
    {
        // Globex receives every service (customers.yaml lists none for it), so corporate/satisfaction counts its
        // machine-support responses: 2 satisfied in November, 1 in October.
        var row = Row("globex", "corporate/satisfaction");
        var result = (SatisfactionResult)row.Detail!;
        var values = SatisfactionTrend("globex", row);

        Assert.Equal(12, result.Responses);
        Assert.Equal(11.0 / 12, row.Value!.Value, 12);
        Assert.Equal("CSAT 91.67% from 12 responses; 1 unsatisfied", row.Explanation);
        // 20% of 12 responses may be unsatisfied: 2.4, and 1 is.
        Assert.Equal((2.4, 1.0), (Math.Round(row.Budget!.Allowed, 9), row.Budget.Spent));
        Assert.Equal(
            [
                ("2026-09", "corporate/satisfaction", "90.91%", Verdict.Met),
                ("2026-10", "corporate/satisfaction", "85.71%", Verdict.Met),
                ("2026-11", "corporate/satisfaction", "91.67%", Verdict.Met),
            ],
            values);
    }

    [Fact]
    public void Initech_has_too_few_survey_responses_to_judge()
    {
        var row = Row("initech", "corporate/satisfaction");

        Assert.Equal(Verdict.NotEnoughData, row.Verdict);
        Assert.Equal("3 response(s), fewer than the 5 needed: not enough data", row.Explanation);
        Assert.Null(row.Budget);
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("globex")]
    [InlineData("initech")]
    public void Compliance_is_17_of_20_subjects_at_the_end_of_november_for_every_customer(string customer)
    {
        var row = Row(customer, "corporate/security");
        var result = (ComplianceResult)row.Detail!;

        Assert.Equal((20, 17), (result.Subjects, result.Compliant));
        Assert.Equal(0.85, row.Value!.Value, 12);
        Assert.Equal(Verdict.Missed, row.Verdict);
        Assert.Equal(
            [
                ("password-age", "account:jonas.schulz", NonCompliance.Failed),
                ("access-card", "staff:felix.wagner", NonCompliance.Failed),
                ("access-card", "staff:lea.koch", NonCompliance.Stale),
            ],
            result.NonCompliant.Select(n => (n.Term, n.Subject, n.Reason)));
        Assert.Equal(
            "17 of 20 subjects compliant at the period end; not: account:jonas.schulz (password-age, failed), staff:felix.wagner (access-card, failed), staff:lea.koch (access-card, stale)",
            row.Explanation);
        Assert.Equal(
            [("password-length", 12, 12), ("password-age", 12, 11), ("access-card", 8, 6)],
            result.Terms.Select(t => (t.Term, t.Subjects, t.Compliant)));
    }

    [Fact]
    public void Juice_temperature_is_met_at_acme_and_missed_at_globex()
    {
        var acme = Row("acme", "acme-gold/juice-temperature");
        var globex = Row("globex", "globex-drinks/juice-temperature");

        Assert.Equal((7.0, Verdict.Met, 21), (acme.Value, acme.Verdict, ((SeriesResult)acme.Detail!).Samples));
        Assert.Equal((9.6, Verdict.Missed, 22), (globex.Value, globex.Verdict, ((SeriesResult)globex.Detail!).Samples));
        Assert.Equal("p95 of 21 juice-temperature samples = 7 °C, threshold <= 8 °C; 0 sample(s) beyond it", acme.Explanation);
        Assert.Equal("p95 of 22 juice-temperature samples = 9.6 °C, threshold <= 8 °C; 3 sample(s) beyond it", globex.Explanation);
        Assert.Equal(("<= 8 °C", "°C", false, 8.0), (globex.ThresholdText, globex.Unit, globex.ValueIsShare, globex.Objective));
        Assert.Null(globex.Budget);
    }

    [Fact]
    public void Every_measure_row_of_november_in_report_order()
    {
        Assert.Equal(
            [
                "acme acme-gold/availability coffee met",
                "acme acme-gold/availability juice met",
                "acme acme-gold/availability machine-support met",
                "acme acme-gold/availability tea met",
                "acme acme-gold/delivery * met",
                "acme acme-gold/satisfaction * missed",
                "acme acme-gold/juice-temperature * met",
                "acme corporate/security * missed",
                "globex corporate/availability coffee met",
                "globex corporate/availability juice met",
                "globex corporate/availability machine-support met",
                "globex corporate/availability tea met",
                "globex corporate/satisfaction * met",
                "globex corporate/security * missed",
                "globex globex-drinks/delivery * missed",
                "globex globex-drinks/juice-temperature * missed",
                "initech corporate/availability coffee met",
                "initech corporate/availability juice met",
                "initech corporate/availability machine-support met",
                "initech corporate/availability tea met",
                "initech corporate/satisfaction * not enough data",
                "initech corporate/security * missed",
            ],
            Report.Measures.Select(r => $"{r.Customer} {r.QualifiedTarget} {r.Service} {Pledge.Reports.Formats.ReportText.Verdict(r.Verdict)}"));
        Assert.All(Report.Measures, r => Assert.Equal("2026-11", r.Period));
    }

    [Fact]
    public void The_acme_watermelon_names_acme_gold_and_its_falling_satisfaction()
    {
        var flag = Assert.Single(Report.Flags, f => f.Kind == WatermelonKind.GreenButUnsatisfied);

        // Its 8 operational targets: availability of 4 services, delivery, juice temperature, response, resolution.
        Assert.Equal(
            new WatermelonFlag("acme", "acme-gold", WatermelonKind.GreenButUnsatisfied,
                "all 8 operational targets of acme-gold met, but acme-gold/satisfaction missed (CSAT 66.67% from 15 responses; 5 unsatisfied); satisfaction over the last periods: 93.33% → 81.25% → 66.67%"),
            flag);
    }

    [Fact]
    public void Globex_and_initech_have_many_breaches_and_no_corrective_action()
    {
        var flags = Report.Flags.Where(f => f.Kind == WatermelonKind.BreachesWithoutAction).ToList();

        Assert.Equal(["globex", "initech"], flags.Select(f => f.Customer));
        Assert.All(flags, f => Assert.Null(f.Agreement));
        foreach (var flag in flags)
        {
            // Ticket breaches plus missed measure targets: globex misses delivery, juice temperature and security,
            // initech security only.
            var misses = Report.Measures.Count(m => m.Customer == flag.Customer && m.Verdict == Verdict.Missed);
            Assert.Equal(flag.Customer == "globex" ? 3 : 1, misses);
            var breaches = Report.Tickets.Breaches.Count(b => b.Customer == flag.Customer) + misses;
            Assert.True(breaches >= ServiceReport.ManyBreaches);
            Assert.Equal($"{breaches} breaches in 2026-11 and no corrective action recorded", flag.Message);
        }
    }

    [Fact]
    public void Corrective_actions_are_listed_open_first_with_a_002_overdue()
    {
        Assert.Equal(
            [
                ("a-002", ActionStatus.Open, true, Iso.Instant("2026-11-20T10:00:00+01:00")),
                ("a-003", ActionStatus.InProgress, false, Iso.Instant("2026-11-23T14:00:00+01:00")),
                ("a-001", ActionStatus.Verified, false, Iso.Instant("2026-11-11T09:30:00+01:00")),
            ],
            Report.Actions.Select(a => (a.Action.Action, a.Action.Status, a.Overdue, a.Opened)));
        Assert.Equal(["acme"], Report.Actions.Select(a => a.Action.Customer).Distinct());
    }

    [Fact]
    public void The_trend_takes_the_versions_in_force_in_each_month_in_the_agreements_zone()
    {
        // acme-gold v3 (with its measure targets) starts on 1 September, corporate v2 on 1 July, globex-drinks v1
        // on 1 March; midnight in Berlin is 22:00 or 23:00 UTC the day before, which must not pick next month's version.
        var byMonth = Report.Trend.Concat(Report.Measures)
            .GroupBy(r => (r.Period, r.Customer))
            .Select(g => $"{g.Key.Period} {g.Key.Customer}: {string.Join(", ", g.Select(r => r.QualifiedTarget).Distinct())}");

        Assert.Equal(
            [
                "2026-06 globex: globex-drinks/delivery, globex-drinks/juice-temperature",
                "2026-07 acme: corporate/availability, corporate/satisfaction, corporate/security",
                "2026-07 globex: corporate/availability, corporate/satisfaction, corporate/security, globex-drinks/delivery, globex-drinks/juice-temperature",
                "2026-07 initech: corporate/availability, corporate/satisfaction, corporate/security",
                "2026-08 acme: corporate/availability, corporate/satisfaction, corporate/security",
                "2026-08 globex: corporate/availability, corporate/satisfaction, corporate/security, globex-drinks/delivery, globex-drinks/juice-temperature",
                "2026-08 initech: corporate/availability, corporate/satisfaction, corporate/security",
                "2026-09 acme: acme-gold/availability, acme-gold/delivery, acme-gold/satisfaction, acme-gold/juice-temperature, corporate/security",
                "2026-09 globex: corporate/availability, corporate/satisfaction, corporate/security, globex-drinks/delivery, globex-drinks/juice-temperature",
                "2026-09 initech: corporate/availability, corporate/satisfaction, corporate/security",
                "2026-10 acme: acme-gold/availability, acme-gold/delivery, acme-gold/satisfaction, acme-gold/juice-temperature, corporate/security",
                "2026-10 globex: corporate/availability, corporate/satisfaction, corporate/security, globex-drinks/delivery, globex-drinks/juice-temperature",
                "2026-10 initech: corporate/availability, corporate/satisfaction, corporate/security",
                "2026-11 acme: acme-gold/availability, acme-gold/delivery, acme-gold/satisfaction, acme-gold/juice-temperature, corporate/security",
                "2026-11 globex: corporate/availability, corporate/satisfaction, corporate/security, globex-drinks/delivery, globex-drinks/juice-temperature",
                "2026-11 initech: corporate/availability, corporate/satisfaction, corporate/security",
            ],
            byMonth);
        Assert.Equal(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"], Report.TrendPeriods);
    }

    [Fact]
    public void Months_before_the_first_event_of_a_kind_have_no_data_rather_than_perfect_or_failed_service()
    {
        // Outages, checks and deliveries start in November, surveys in September.
        var october = Report.Trend.Where(r => r.Period == "2026-10" && r.Customer == "acme").ToList();

        Assert.All(october.Where(r => r.Kind is TargetKind.Availability or TargetKind.Delivery), r => Assert.Equal((null, Verdict.NotEnoughData), (r.Value, r.Verdict)));
        Assert.Equal((0.8125, Verdict.Met), (Math.Round(october.Single(r => r.Kind == TargetKind.Satisfaction).Value!.Value, 4), october.Single(r => r.Kind == TargetKind.Satisfaction).Verdict));
        Assert.Equal(5, october.Count(r => r.Kind is TargetKind.Availability or TargetKind.Delivery));
    }

    [Fact]
    public void A_report_at_the_first_instant_of_the_next_month_uses_the_version_that_ended_with_the_month()
    {
        var repository = RepositoryKit.Valid(RepositoryKit.Parties().With("agreements/corporate.yaml", """
            id: corporate
            kind: sla
            level: corporate
            timezone: Europe/Berlin
            versions:
              - version: 2
                status: agreed
                effective: { from: 2026-12-01 }
                targets:
                  - { kind: availability, calendar: office, objective: 99.9% }
              - version: 1
                status: active
                effective: { from: 2026-01-01, until: 2026-11-30 }
                targets:
                  - { kind: availability, calendar: office, objective: 99% }
            """));
        var november = SampleMonth.Period("2026-11");

        var rows = MeasureReport.Build(repository, MeasureEvents.Empty, november, Iso.Instant("2026-12-01T00:00:00+01:00"));

        Assert.Equal(12, rows.Length);
        Assert.All(rows, r => Assert.Equal(0.99, r.Objective));
        Assert.All(rows, r => Assert.Equal("corporate SLA corporate v1", r.Source));
    }

    [Fact]
    public void An_ongoing_outage_counts_up_to_the_report_instant_and_its_end_event_ends_it()
    {
        var repository = RepositoryKit.ValidCorporate("{ kind: availability, calendar: office, objective: 99% }");
        var november = SampleMonth.Period("2026-11");
        var builder = new MeasureEvents.Builder();
        // Monday 2 November from 09:00 in Berlin, still going on.
        builder.Add(new Outage("o", "tea", Iso.Instant("2026-11-02T09:00:00+01:00"), null));
        var ongoing = builder.Build();
        builder.Add(new OutageEnd("o-end", "o", Iso.Instant("2026-11-02T09:30:00+01:00")));
        var ended = builder.Build();

        double Spent(MeasureEvents events, string at) =>
            MeasureReport.Build(repository, events, november, Iso.Instant(at)).Single(r => r.Customer == "acme" && r.Service == "tea").Budget!.Spent;

        // Up to the report's instant; after the month, up to its end: every office hour from the first (21 days of 8 hours).
        Assert.Equal(75, Spent(ongoing, "2026-11-02T10:15:00+01:00"), 9);
        Assert.Equal(21 * 8 * 60, Spent(ongoing, "2026-12-05T00:00:00+01:00"), 9);
        Assert.Equal(30, Spent(ended, "2026-11-02T10:15:00+01:00"), 9);
    }

    [Fact]
    public void A_period_not_begun_at_the_report_instant_has_no_row_and_a_period_under_way_is_measured_up_to_it()
    {
        var repository = RepositoryKit.ValidCorporate("{ kind: availability, calendar: office, objective: 99% }");
        var november = SampleMonth.Period("2026-11");
        var builder = new MeasureEvents.Builder();
        // Monday 2 November 09:00-10:00 in Berlin: the whole first hour of the office's service that day.
        builder.Add(new Outage("o", "tea", Iso.Instant("2026-11-02T09:00:00+01:00"), Iso.Instant("2026-11-02T10:00:00+01:00")));

        var before = MeasureReport.Build(repository, builder.Build(), november, Iso.Instant("2026-10-31T23:00:00+01:00"));
        var during = MeasureReport.Build(repository, builder.Build(), november, Iso.Instant("2026-11-03T09:00:00+01:00"));

        Assert.Empty(before);
        var tea = Assert.Single(during, r => r.Customer == "acme" && r.Service == "tea");
        var result = (AvailabilityResult)tea.Detail!;
        // Measured up to Tuesday 09:00: Monday 09:00-17:00, 8 hours, one of them down.
        Assert.Equal(480, result.ServiceTime.TotalMinutes);
        Assert.Equal(60, result.Downtime.TotalMinutes);
        Assert.Equal(7.0 / 8, tea.Value!.Value, 12);
        Assert.Equal(Verdict.Missed, tea.Verdict);
        // The budget is of the whole month: 21 office days of 8 hours, 1% of 10,080 minutes.
        Assert.Equal(100.8, tea.Budget!.Allowed, 9);
        Assert.Equal(new Interval(Iso.Instant("2026-11-01T00:00:00+01:00"), Iso.Instant("2026-12-01T00:00:00+01:00")), tea.Interval);
    }

    [Fact]
    public void Satisfaction_that_falls_over_three_months_while_every_other_target_is_met_is_a_watermelon()
    {
        var report = Satisfied(("2026-09", 5, 5), ("2026-10", 4, 5), ("2026-11", 3, 5));

        Assert.Equal(
            [
                new WatermelonFlag("acme", "acme", WatermelonKind.GreenButUnsatisfied,
                    "all 4 operational targets of acme met, but acme/satisfaction falling over three periods; satisfaction over the last periods: 100% → 80% → 60%"),
            ],
            report.Flags.ToArray());
        Assert.Equal(Verdict.Met, report.Measures.Single(m => m.Kind == TargetKind.Satisfaction).Verdict);
    }

    [Fact]
    public void A_month_with_too_few_responses_is_no_step_of_a_falling_trend()
    {
        // September 5 of 5, October 3 of 4 (fewer than the 5 needed), November 3 of 5: two known values, no trend.
        var report = Satisfied(("2026-09", 5, 5), ("2026-10", 3, 4), ("2026-11", 3, 5));

        Assert.Empty(report.Flags);
        Assert.Equal(Verdict.NotEnoughData, report.Trend.Single(m => m.Period == "2026-10" && m.Kind == TargetKind.Satisfaction).Verdict);
    }

    [Fact]
    public void A_missed_operational_target_is_no_watermelon()
    {
        // A whole office day of tea down: 480 of 10,080 minutes, far below 99%.
        var report = Satisfied(
            [new Outage("o", "tea", Iso.Instant("2026-11-02T09:00:00+01:00"), Iso.Instant("2026-11-02T17:00:00+01:00"))],
            ("2026-09", 5, 5), ("2026-10", 4, 5), ("2026-11", 3, 5));

        Assert.Empty(report.Flags);
        Assert.Equal(Verdict.Missed, report.Measures.Single(m => m.Service == "tea").Verdict);
    }

    private static readonly ServiceLevelRepository SatisfiedRepository = RepositoryKit.Valid(RepositoryKit.Parties().With("agreements/acme.yaml", """
        id: acme
        kind: sla
        level: customer
        parties: { customer: acme }
        timezone: Europe/Berlin
        versions:
          - version: 1
            status: active
            effective: { from: 2026-01-01 }
            targets:
              - { kind: availability, calendar: office, objective: 99% }
              - { kind: satisfaction, objective: 50%, minimum_responses: 5 }
        """));

    /// <summary>For each month: how many responses score 5, out of how many (the others score 2), on the 10th at noon.</summary>
    private static IEnumerable<SurveyResponse> SurveysOf(params (string Month, int Satisfied, int Responses)[] months) =>
        months.SelectMany(m => Enumerable.Range(0, m.Responses).Select(i =>
            new SurveyResponse($"{m.Month}-{i}", "acme", Iso.Instant($"{m.Month}-10T12:00:00+01:00") + Duration.FromMinutes(i), i < m.Satisfied ? 5 : 2)));

    private static ServiceReport Satisfied(params (string Month, int Satisfied, int Responses)[] months) => Satisfied([], months);

    private static ServiceReport Satisfied(Outage[] outages, params (string Month, int Satisfied, int Responses)[] months)
    {
        var builder = new MeasureEvents.Builder();

        // Availability is known from the first outage or check on: one on a Sunday night in August, outside office hours.
        builder.Add(new Outage("o-0", "juice", Iso.Instant("2026-08-30T03:00:00+02:00"), Iso.Instant("2026-08-30T03:10:00+02:00")));
        foreach (var e in SurveysOf(months).Cast<object>().Concat(outages))
        {
            builder.Add(e);
        }

        var november = SampleMonth.Period("2026-11");
        var asOf = Iso.Instant("2026-12-01T00:00:00+01:00");
        var tickets = AttainmentReport.Build(SatisfiedRepository, [], november, asOf);
        return ServiceReport.Build(SatisfiedRepository, tickets, builder.Build(), november, asOf, 3);
    }

    /// <summary>The sample's November 2026, reported at midnight on 1 December in Berlin with a six-month trend, as the CLI does.</summary>
    internal static class SampleMonth
    {
        private static readonly Lazy<(ServiceLevelRepository Repository, List<TicketHistory> Tickets, MeasureEvents Events)> Loaded = new(Load);

        private static readonly Lazy<ServiceReport> Built = new(() =>
        {
            var tickets = AttainmentReport.Build(Repository, Tickets, November, AsOf);
            return ServiceReport.Build(Repository, tickets, Events, November, AsOf);
        });

        public static Instant AsOf => Iso.Instant("2026-12-01T00:00:00+01:00");

        public static ReportPeriod November => Period("2026-11");

        public static ServiceLevelRepository Repository => Loaded.Value.Repository;

        /// <summary>examples.jsonl, then tickets.jsonl: the ticket files of the events folder in name order.</summary>
        public static List<TicketHistory> Tickets => Loaded.Value.Tickets;

        public static MeasureEvents Events => Loaded.Value.Events;

        public static ServiceReport Report => Built.Value;

        public static ReportPeriod Period(string name)
        {
            Assert.True(ReportPeriod.TryParse(name, out var period), name);
            return period;
        }

        private static (ServiceLevelRepository, List<TicketHistory>, MeasureEvents) Load()
        {
            var repository = RepositoryKit.Read(RepositoryKit.Sample()).Repository ?? throw new InvalidOperationException("the sample is invalid");
            var folder = Path.Combine(Measures.MeasureEventReaderTests.SampleFolder(), "events");
            var events = new List<TicketEvent>();
            foreach (var file in new[] { "examples.jsonl", "tickets.jsonl" })
            {
                using var reader = new StreamReader(Path.Combine(folder, file));
                foreach (var record in TicketEventReader.ReadJsonLines(reader))
                {
                    if (record.IsEvent)
                    {
                        events.Add(record.Event);
                    }
                }
            }

            var histories = new TicketAssembler(Duration.FromDays(7)).Assemble(events).ToList();
            var builder = new MeasureEvents.Builder();
            foreach (var file in Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
            {
                var first = File.ReadLines(file).FirstOrDefault(l => l.Length > 0);
                if (first is null || !MeasureEventReader.IsMeasureType(MeasureEventReader.TypeOf(first)))
                {
                    continue;
                }

                using var reader = new StreamReader(file);
                foreach (var record in MeasureEventReader.ReadJsonLines(reader))
                {
                    builder.Add(record.Event ?? throw new InvalidOperationException($"{file}: {record.Problem}"));
                }
            }

            return (repository, histories, builder.Build());
        }
    }
}
