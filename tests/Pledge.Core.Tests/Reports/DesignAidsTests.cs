using NodaTime;
using Pledge.Agreements;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Satisfaction;
using Pledge.Series;
using static Pledge.Tests.Reports.ServiceReportTests;

namespace Pledge.Tests.Reports;

/// <summary>
/// The design aids on the sample's history (September to November 2026, reported at midnight on 1 December in
/// Berlin): <see cref="TargetChange"/>, <see cref="DesignAids.Apply"/>, <see cref="DesignAids.WhatIf"/> and
/// <see cref="DesignAids.Suggest"/>.
/// </summary>
public sealed class DesignAidsTests
{
    private static ServiceLevelRepository Repository => SampleMonth.Repository;

    private static IReadOnlyList<ReportPeriod> LastThree => SampleMonth.November.LastPeriods(3);

    private static TargetChange Change(string text)
    {
        Assert.True(TargetChange.TryParse(text, out var change, out var error), error);
        return change;
    }

    private static WhatIfRow[] WhatIf(params string[] changes) =>
        [.. DesignAids.WhatIf(Repository, SampleMonth.Tickets, SampleMonth.Events, LastThree, SampleMonth.AsOf, [.. changes.Select(Change)])];

    private static Suggestion Suggest(string target, string? priority, double attainment) =>
        DesignAids.Suggest(Repository, SampleMonth.Tickets, SampleMonth.Events, LastThree, SampleMonth.AsOf, target, priority, attainment);

    private static Target TargetOf(ServiceLevelRepository repository, string agreement, string id) =>
        repository.Agreements[agreement].Versions.Single(v => v.Status == AgreementStatus.Active).Targets.Single(t => t.Id == id);

    [Theory]
    [InlineData("acme-gold/resolution.P1=2h", "acme-gold", "resolution", "P1", "2h")]
    [InlineData("acme-gold/availability=99.5%", "acme-gold", "availability", null, "99.5%")]
    [InlineData("globex-drinks/juice-temperature=<= 9", "globex-drinks", "juice-temperature", null, "<= 9")]
    [InlineData(" corporate/security = 80% ", "corporate", "security", null, "80%")]
    [InlineData("acme-gold/resolution . P1 = 2h", "acme-gold", "resolution", "P1", "2h")]
    [InlineData(" acme-gold / resolution.\tP1=2h", "acme-gold", "resolution", "P1", "2h")]
    public void A_change_reads_agreement_target_priority_and_value(string text, string agreement, string target, string? priority, string value)
    {
        Assert.True(TargetChange.TryParse(text, out var change, out var error));

        Assert.Equal(new TargetChange(agreement, target, priority, value), change);
        Assert.Equal(string.Empty, error);
        Assert.Equal($"{agreement}/{target}", change.QualifiedTarget);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("acme-gold/resolution=")]
    [InlineData("acme-gold/resolution= ")]
    [InlineData("acme-gold=99%")]
    [InlineData("/resolution=2h")]
    [InlineData("x=a/b")]
    [InlineData(" /resolution=2h")]
    [InlineData("acme-gold/ .P1=2h")]
    [InlineData("acme-gold/resolution. =2h")]
    [InlineData("")]
    public void A_change_without_agreement_target_and_value_is_refused_with_the_form_expected(string text)
    {
        Assert.False(TargetChange.TryParse(text, out _, out var error));

        Assert.Equal($"\"{text}\" is not TARGET=VALUE, such as acme-gold/resolution.P1=2h or acme-gold/availability=99.5%", error);
    }

    [Fact]
    public void Applying_a_threshold_changes_that_priority_in_every_version_with_the_target_and_nothing_else()
    {
        var changed = DesignAids.Apply(Repository, Change("acme-gold/resolution.P1=2h"));

        Assert.Equal(Duration.FromHours(2), TargetOf(changed, "acme-gold", "resolution").Thresholds["P1"]);
        Assert.Equal(Duration.FromHours(6), TargetOf(changed, "acme-gold", "resolution").Thresholds["P2"]);
        // The repository given is not changed.
        Assert.Equal(Duration.FromHours(3), TargetOf(Repository, "acme-gold", "resolution").Thresholds["P1"]);
        Assert.Equal(TargetOf(Repository, "corporate", "resolution"), TargetOf(changed, "corporate", "resolution"));
    }

    [Fact]
    public void Applying_a_threshold_for_a_new_priority_adds_it()
    {
        var changed = DesignAids.Apply(Repository, Change("acme-gold/resolution.P3=1d"));

        Assert.Equal(Duration.FromDays(1), TargetOf(changed, "acme-gold", "resolution").Thresholds["P3"]);
    }

    [Fact]
    public void Applying_an_objective_changes_the_target_and_its_rules()
    {
        var availability = TargetOf(DesignAids.Apply(Repository, Change("acme-gold/availability=99.6%")), "acme-gold", "availability");
        var security = TargetOf(DesignAids.Apply(Repository, Change("corporate/security=0.8")), "corporate", "security");
        var delivery = TargetOf(DesignAids.Apply(Repository, Change("globex-drinks/delivery=85%")), "globex-drinks", "delivery");
        var csat = TargetOf(DesignAids.Apply(Repository, Change("acme-gold/satisfaction=60%")), "acme-gold", "satisfaction");

        Assert.Equal((0.996, 0.996), (availability.Objective, availability.Availability!.Objective));
        Assert.Equal((0.8, 0.8), (security.Objective, security.Compliance!.Objective));
        Assert.Equal((0.85, 0.85), (delivery.Objective, delivery.Delivery!.Objective));
        Assert.Equal((0.6, 0.6), (csat.Objective, csat.Satisfaction!.Objective));
    }

    [Fact]
    public void A_custom_threshold_takes_a_comparison_or_a_number_that_keeps_the_comparison()
    {
        var comparison = TargetOf(DesignAids.Apply(Repository, Change("globex-drinks/juice-temperature=< 10")), "globex-drinks", "juice-temperature").Series!;
        var number = TargetOf(DesignAids.Apply(Repository, Change("globex-drinks/juice-temperature=9.5")), "globex-drinks", "juice-temperature").Series!;

        Assert.Equal((Comparison.Below, 10.0), (comparison.Comparison, comparison.Threshold));
        Assert.Equal((Comparison.AtMost, 9.5), (number.Comparison, number.Threshold));
    }

    [Theory]
    [InlineData("<= 9.6 °C", Comparison.AtMost, 9.6)]
    [InlineData("< 10°C", Comparison.Below, 10.0)]
    [InlineData("9.5 °C", Comparison.AtMost, 9.5)]
    public void A_custom_threshold_may_carry_the_unit_of_its_series_as_suggest_prints_it(string value, Comparison expected, double threshold)
    {
        var series = TargetOf(DesignAids.Apply(Repository, Change($"globex-drinks/juice-temperature={value}")), "globex-drinks", "juice-temperature").Series!;

        Assert.Equal((expected, threshold, "°C"), (series.Comparison, series.Threshold, series.Unit));
    }

    [Theory]
    [InlineData("nope/resolution.P1=2h", "nope/resolution: there is no agreement \"nope\"")]
    [InlineData("acme-gold/nothing=2h", "acme-gold/nothing: agreement acme-gold has no target \"nothing\"")]
    [InlineData("acme-gold/availability.P1=2h", "acme-gold/availability is an availability target: it has no thresholds per priority (set its objective: acme-gold/availability=VALUE)")]
    [InlineData("acme-gold/delivery.P1=2h", "acme-gold/delivery is a delivery target: it has no thresholds per priority (set its objective: acme-gold/delivery=VALUE)")]
    [InlineData("acme-gold/resolution.P1=2x", "acme-gold/resolution.P1: \"2x\" is not a positive duration (such as 30m, 4h, 1h30m)")]
    [InlineData("acme-gold/resolution.P1=0m", "acme-gold/resolution.P1: \"0m\" is not a positive duration (such as 30m, 4h, 1h30m)")]
    [InlineData("acme-gold/availability=120%", "acme-gold/availability: \"120%\" is not a share (such as 97% or 0.97)")]
    [InlineData("acme-gold/availability=0%", "acme-gold/availability: \"0%\" is not a share (such as 97% or 0.97)")]
    [InlineData("acme-gold/resolution=95", "acme-gold/resolution: \"95\" is not a share (such as 97% or 0.97)")]
    [InlineData("acme-gold/juice-temperature=warm", "acme-gold/juice-temperature: \"warm\" is not a threshold (a number, or a comparison such as \"<= 9\")")]
    [InlineData("acme-gold/juice-temperature=<= 9 °F", "acme-gold/juice-temperature: \"<= 9 °F\" is not a threshold (a number, or a comparison such as \"<= 9\")")]
    [InlineData("acme-gold/juice-temperature=°C", "acme-gold/juice-temperature: \"°C\" is not a threshold (a number, or a comparison such as \"<= 9\")")]
    [InlineData("corporate/satisfaction=lots", "corporate/satisfaction: \"lots\" is not a share (such as 97% or 0.97)")]
    public void A_change_that_does_not_fit_the_repository_is_refused_naming_it(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => DesignAids.Apply(Repository, Change(text)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void What_if_acme_gold_resolution_p1_were_two_hours_in_the_last_three_months()
    {
        // September and October hold no ticket: only November has a row. Two of the acme-gold P1 resolutions took
        // between 2h and 3h.
        Assert.Equal(
            [
                new WhatIfRow("2026-11", "acme-gold/resolution", "resolution", "*", "*", "90%, P1 3h", "90.91% (50/55)", Verdict.Met, "90%, P1 2h", "87.27% (48/55)", Verdict.Missed),
            ],
            WhatIf("acme-gold/resolution.P1=2h"));
    }

    [Fact]
    public void What_if_shows_the_threshold_of_the_version_in_force_not_of_a_version_still_negotiated()
    {
        // globex-drinks v1 (active) has P2 45m; v2 (negotiating, from 2027) has P2 30m.
        Assert.Equal(
            [
                new WhatIfRow("2026-11", "globex-drinks/response", "response", "*", "*", "95%, P2 45m", "95.65% (66/69)", Verdict.Met, "95%, P2 40m", "95.65% (66/69)", Verdict.Met),
            ],
            WhatIf("globex-drinks/response.P2=40m"));
    }

    [Fact]
    public void What_if_acme_gold_availability_were_99_6_percent_shows_every_service_and_month()
    {
        var rows = WhatIf("acme-gold/availability=99.6%");

        Assert.Equal(
            [
                // No outage or check was recorded before November: the months before have no data.
                "2026-09 coffee n/a not enough data -> n/a not enough data",
                "2026-09 juice n/a not enough data -> n/a not enough data",
                "2026-09 machine-support n/a not enough data -> n/a not enough data",
                "2026-09 tea n/a not enough data -> n/a not enough data",
                "2026-10 coffee n/a not enough data -> n/a not enough data",
                "2026-10 juice n/a not enough data -> n/a not enough data",
                "2026-10 machine-support n/a not enough data -> n/a not enough data",
                "2026-10 tea n/a not enough data -> n/a not enough data",
                "2026-11 coffee 99.59% met -> 99.59% missed",
                "2026-11 juice 99.82% met -> 99.82% met",
                "2026-11 machine-support 99.84% met -> 99.84% met",
                "2026-11 tea 99.8% met -> 99.8% met",
            ],
            rows.Select(r => $"{r.Period} {r.Service} {r.CurrentValue} {Pledge.Reports.Formats.ReportText.Verdict(r.CurrentVerdict)} -> {r.ProposedValue} {Pledge.Reports.Formats.ReportText.Verdict(r.ProposedVerdict)}"));
        Assert.All(rows, r => Assert.Equal(("acme-gold/availability", "availability", "acme", "99.5%", "99.6%"), (r.Target, r.Kind, r.Customer, r.CurrentObjective, r.ProposedObjective)));
    }

    [Fact]
    public void What_if_two_changes_at_once_lists_each_target_per_customer()
    {
        var rows = WhatIf("globex-drinks/juice-temperature=<= 10", "corporate/security=80%").Where(r => r.Period == "2026-11");

        Assert.Equal(
            [
                new WhatIfRow("2026-11", "corporate/security", "compliance", "acme", "*", "100%", "85%", Verdict.Missed, "80%", "85%", Verdict.Met),
                new WhatIfRow("2026-11", "corporate/security", "compliance", "globex", "*", "100%", "85%", Verdict.Missed, "80%", "85%", Verdict.Met),
                new WhatIfRow("2026-11", "globex-drinks/juice-temperature", "custom", "globex", "*", "<= 8 °C", "9.6 °C", Verdict.Missed, "<= 10 °C", "9.6 °C", Verdict.Met),
                new WhatIfRow("2026-11", "corporate/security", "compliance", "initech", "*", "100%", "85%", Verdict.Missed, "80%", "85%", Verdict.Met),
            ],
            rows);
    }

    [Fact]
    public void A_threshold_for_the_acme_gold_p2_resolution_that_95_percent_of_history_kept()
    {
        var suggestion = Suggest("acme-gold/resolution", "P2", 0.95);

        // 36 ended P2 measurements; the 35th shortest (rank ⌈0.95 × 36⌉) took 4h21m, rounded up to the minute.
        Assert.Equal(
            new Suggestion("acme-gold/resolution", "P2", 0.95, "4h21m", "6h", 36,
                "36 ended P2 measurements in 2026-09, 2026-10, 2026-11; 35 of them took at most 4h21m; the current 6h was kept by 35 (97.22%)"),
            suggestion);
    }

    [Fact]
    public void A_threshold_suggestion_compares_with_the_version_in_force_not_with_a_version_still_negotiated()
    {
        var suggestion = Suggest("globex-drinks/response", "P2", 0.95);

        Assert.Equal(
            new Suggestion("globex-drinks/response", "P2", 0.95, "34m", "45m", 24,
                "24 ended P2 measurements in 2026-09, 2026-10, 2026-11; 23 of them took at most 34m; the current 45m was kept by 24 (100%)"),
            suggestion);
    }

    [Fact]
    public void A_clock_suggestion_needs_a_priority()
    {
        var error = Assert.Throws<ArgumentException>(() => Suggest("acme-gold/resolution", null, 0.95));

        Assert.Equal("acme-gold/resolution is a ticket clock: give the priority whose threshold to suggest", error.Message);
    }

    [Fact]
    public void A_priority_without_measurements_suggests_nothing()
    {
        var suggestion = Suggest("acme-gold/resolution", "P4", 0.95);

        Assert.Equal(new Suggestion("acme-gold/resolution", "P4", 0.95, "n/a", "none", 0, "no ended P4 measurement of acme-gold/resolution in the periods"), suggestion);
    }

    [Fact]
    public void An_availability_objective_that_95_percent_of_the_period_values_reached()
    {
        var suggestion = Suggest("acme-gold/availability", null, 0.95);

        // 4 values (4 services in November; no outage or check before it); rank ⌈3.8⌉ = 4 is the lowest, acme
        // coffee's 99.591%, rounded down so that it was reached.
        Assert.Equal(
            new Suggestion("acme-gold/availability", null, 0.95, "99.59%", "99.5%", 4,
                "4 period values (per customer and service) in 2026-09, 2026-10, 2026-11; 4 of them reached 99.59%"),
            suggestion);
    }

    [Fact]
    public void A_custom_threshold_bounded_from_above_is_suggested_from_the_lowest_values()
    {
        var suggestion = Suggest("globex-drinks/juice-temperature", null, 1);

        // In the unit of the series, as the report writes thresholds.
        Assert.Equal(
            new Suggestion("globex-drinks/juice-temperature", null, 1, "<= 9.6 °C", "<= 8 °C", 1,
                "1 period values (per customer) in 2026-09, 2026-10, 2026-11; 1 of them reached <= 9.6 °C"),
            suggestion);
    }

    [Fact]
    public void A_custom_threshold_suggested_from_months_without_samples_shows_the_current_one_in_its_unit()
    {
        // Every juice-temperature sample is from November.
        var suggestion = DesignAids.Suggest(Repository, SampleMonth.Tickets, SampleMonth.Events, SampleMonth.November.Previous().LastPeriods(2), SampleMonth.AsOf, "globex-drinks/juice-temperature", null, 1);

        Assert.Equal(
            new Suggestion("globex-drinks/juice-temperature", null, 1, "n/a", "<= 8 °C", 0, "no measured value of globex-drinks/juice-temperature in the periods"),
            suggestion);
    }

    [Fact]
    public void An_average_satisfaction_suggested_from_months_without_responses_shows_the_current_score_not_a_share()
    {
        // acme-gold/satisfaction asked as an average score of 4.2 instead of a CSAT share; its v3 starts in September,
        // so June has no value.
        var agreement = Repository.Agreements["acme-gold"];
        var average = agreement with
        {
            Versions = [.. agreement.Versions.Select(v => v with
            {
                Targets = [.. v.Targets.Select(t => t.Kind == TargetKind.Satisfaction
                    ? t with { Objective = 4.2, Satisfaction = t.Satisfaction! with { Metric = SatisfactionMetric.Average, Objective = 4.2 } }
                    : t)],
            })],
        };
        var repository = new ServiceLevelRepository(Repository.Services.Values, Repository.Customers.Values, Repository.Calendars,
            Repository.Agreements.SetItem("acme-gold", average).Values, Repository.Teams, Repository.Suppliers);
        Assert.True(ReportPeriod.TryParse("2026-06", out var june));

        var suggestion = DesignAids.Suggest(repository, SampleMonth.Tickets, SampleMonth.Events, [june], SampleMonth.AsOf, "acme-gold/satisfaction", null, 0.95);

        Assert.Equal(
            new Suggestion("acme-gold/satisfaction", null, 0.95, "n/a", "4.2", 0, "no measured value of acme-gold/satisfaction in the periods"),
            suggestion);
    }

    [Fact]
    public void What_if_a_suggested_custom_threshold_with_its_unit_were_the_objective()
    {
        var suggested = Suggest("globex-drinks/juice-temperature", null, 1).Value;

        var row = Assert.Single(WhatIf($"globex-drinks/juice-temperature={suggested}"), r => r.Period == "2026-11");

        Assert.Equal(
            new WhatIfRow("2026-11", "globex-drinks/juice-temperature", "custom", "globex", "*", "<= 8 °C", "9.6 °C", Verdict.Missed, "<= 9.6 °C", "9.6 °C", Verdict.Met),
            row);
    }

    [Fact]
    public void A_satisfaction_suggestion_leaves_out_months_with_too_few_responses()
    {
        // corporate/satisfaction is Globex's and Initech's (ACME has its own): Globex 10/11 in September, 12/14 in
        // October and 11/12 in November (machine-support responses included: customers.yaml lists no services for
        // Globex, so it receives the whole catalogue); Initech's 3 November responses are not enough data and must
        // not drag the suggestion down to 66.66%. The lowest, 85.714%, is rounded down so that it was reached.
        var suggestion = Suggest("corporate/satisfaction", null, 1);

        Assert.Equal(
            new Suggestion("corporate/satisfaction", null, 1, "85.71%", "80%", 3,
                "3 period values (per customer) in 2026-09, 2026-10, 2026-11; 3 of them reached 85.71%"),
            suggestion);
    }

    [Fact]
    public void An_unknown_target_or_attainment_out_of_range_is_refused()
    {
        Assert.Equal("acme-gold/nothing is not a target (agreement-id/target-id)", Assert.Throws<ArgumentException>(() => Suggest("acme-gold/nothing", null, 0.95)).Message);
        Assert.Equal("nothing is not a target (agreement-id/target-id)", Assert.Throws<ArgumentException>(() => Suggest("nothing", null, 0.95)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Suggest("acme-gold/availability", null, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Suggest("acme-gold/availability", null, 1.01));
    }
}
