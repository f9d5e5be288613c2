using System.Globalization;
using NodaTime;
using Pledge.Agreements;
using Pledge.Availability;
using Pledge.Deliveries;
using Pledge.Satisfaction;
using Pledge.Series;
using static Pledge.Tests.Agreements.RepositoryKit;

namespace Pledge.Tests.Agreements;

/// <summary>
/// The YAML of the measure targets (availability, delivery, satisfaction, compliance, custom): what a valid
/// target reads as, and for each field a bad value's error with file, line, column and field path. Lines and
/// columns are 1-based and counted by hand; a value's column is where the value starts, a missing field is
/// reported at the start of the target (its first key, column 9) or of the slot. Problems come in file order.
/// </summary>
public sealed class MeasureTargetFileTests
{
    private const string File = "agreements/a.yaml";

    private const string AvailabilityFields = "id, kind, calendar, objective, description, planned, notice, partial_weight, degraded_weight, minimum_outage, check_validity, unknown";

    // The base repository's corporate SLA is left out: two corporate SLAs at once are a warning.
    private static IReadOnlyList<RepositoryProblem> InvalidTargets(params string[] targetLines) =>
        Invalid(Parties().With(File, WithTargets(targetLines)));

    private static Target[] ValidTargets(params string[] targetLines) =>
        [.. Valid(Parties().With(File, WithTargets(targetLines))).Agreements["a"].Versions.Single().Targets];

    private static Duration Minutes(int minutes) => Duration.FromMinutes(minutes);

    private static string Slot(DeliverySlot slot) =>
        string.Create(CultureInfo.InvariantCulture, $"{slot.Name} {slot.From:HH:mm}-{slot.To:HH:mm} {slot.Quantity}");

    [Fact]
    public void Every_measure_kind_reads_with_its_rules()
    {
        var targets = ValidTargets(
            "      - id: availability",                // 9
            "        kind: availability",
            "        calendar: office",
            "        objective: 99.5%",
            "        notice: 1d",
            "        partial_weight: 30%",
            "        degraded_weight: 0.1",
            "        minimum_outage: 2m",
            "        check_validity: 10m",
            "        unknown: down",
            "      - kind: delivery",
            "        calendar: office",
            "        objective: 90%",
            "        tolerance: 10m",
            "        schedule:",
            "          - { slot: tea-morning, service: tea, days: mon-fri, window: \"08:00-08:30\", quantity: 30 }",
            "          - { slot: weekend-juice, service: juice, days: [sat, Sunday], window: \"10:00-11:00\" }",
            "          - { slot: wrap, service: coffee, days: fri-mon, window: \"12:00-12:15\" }",
            "          - { slot: always, service: coffee, window: \"15:00-15:30\" }",
            "      - kind: satisfaction",
            "        metric: average",
            "        scale: 1-5",
            "        objective: 4.2",
            "        minimum_responses: 3",
            "      - id: security",
            "        kind: compliance",
            "        terms: [password-length, password-age]",
            "        evidence_valid_for: 90d",
            "      - id: temp",
            "        kind: custom",
            "        series: juice-temperature",
            "        aggregation: p99.5",
            "        threshold: \"<= 8\"",
            "        unit: °C",
            "      - id: noise",
            "        kind: custom",
            "        series: noise",
            "        threshold: \"> 40\"");

        Assert.Equal(
            ["availability", "delivery", "satisfaction", "security", "temp", "noise"],
            targets.Select(t => t.Id));
        Assert.Equal(
            [TargetKind.Availability, TargetKind.Delivery, TargetKind.Satisfaction, TargetKind.Compliance, TargetKind.Custom, TargetKind.Custom],
            targets.Select(t => t.Kind));
        Assert.All(targets, t => Assert.False(t.IsClock));
        Assert.All(targets, t => Assert.Empty(t.Thresholds));
        Assert.Equal(["office", "office", string.Empty, string.Empty, string.Empty, string.Empty], targets.Select(t => t.CalendarId));

        var availability = targets[0];
        Assert.Equal(0.995, availability.Objective);
        Assert.Equal(
            new AvailabilityRules
            {
                Objective = 0.995,
                ExcludePlanned = true,
                MinimumNotice = Duration.FromDays(1),
                PartialWeight = 0.3,
                DegradedWeight = 0.1,
                MinimumOutage = Minutes(2),
                CheckValidity = Minutes(10),
                Unknown = UnknownPolicy.Down,
            },
            availability.Availability);

        var delivery = targets[1];
        Assert.Equal(0.9, delivery.Objective);
        Assert.Equal(0.9, delivery.Delivery!.Objective);
        Assert.Equal(Minutes(10), delivery.Delivery.Tolerance);
        Assert.Equal(
            [
                "tea-morning 08:00-08:30 30 on Monday, Tuesday, Wednesday, Thursday, Friday",
                "weekend-juice 10:00-11:00  on Saturday, Sunday",
                // A range may wrap over the week's end: fri-mon is Friday to Monday.
                "wrap 12:00-12:15  on Monday, Friday, Saturday, Sunday",
                // Without days, a slot is every day.
                "always 15:00-15:30  on Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday",
            ],
            delivery.Delivery.Schedule.Select(s => Slot(s) + " on " + string.Join(", ", s.Days)));

        Assert.Equal(4.2, targets[2].Objective);
        Assert.Equal(
            new SatisfactionRules { Metric = SatisfactionMetric.Average, ScaleMin = 1, ScaleMax = 5, Objective = 4.2, MinimumResponses = 3 },
            targets[2].Satisfaction);

        var security = targets[3];
        Assert.Equal(["password-length", "password-age"], security.Compliance!.Terms.ToArray());
        Assert.Equal(1.0, security.Compliance.Objective);
        Assert.Equal(1.0, security.Objective);
        Assert.Equal(Duration.FromDays(90), security.Compliance.EvidenceValidFor);

        Assert.Equal(
            new SeriesRules { Series = "juice-temperature", Aggregation = SeriesAggregation.Percentile, Percentile = 99.5, Comparison = Comparison.AtMost, Threshold = 8, Unit = "°C", MinimumSamples = 1 },
            targets[4].Series);
        Assert.Equal(
            new SeriesRules { Series = "noise", Aggregation = SeriesAggregation.Mean, Comparison = Comparison.Above, Threshold = 40 },
            targets[5].Series);
        Assert.Equal(1.0, targets[4].Objective);
    }

    [Fact]
    public void Optional_fields_take_their_defaults()
    {
        var targets = ValidTargets(
            "      - kind: availability",
            "        calendar: office",
            "        objective: 0.99",
            "      - kind: satisfaction",
            "        objective: 80%",
            "      - kind: compliance",
            "      - kind: custom",
            "        series: s",
            "        threshold: \">= 1\"",
            "      - kind: delivery",
            "        calendar: office",
            "        schedule:",
            "          - { slot: a, service: tea, window: \"08:00-08:30\" }");

        Assert.Equal(new AvailabilityRules { Objective = 0.99 }, targets[0].Availability);
        Assert.Equal(new SatisfactionRules { Metric = SatisfactionMetric.Csat, ScaleMin = 1, ScaleMax = 5, Objective = 0.8, MinimumResponses = 5 }, targets[1].Satisfaction);
        // CSAT on 1-5 counts the top two scores (4 and 5) as satisfied.
        Assert.Equal(4, targets[1].Satisfaction!.SatisfiedThreshold);
        Assert.Empty(targets[2].Compliance!.Terms);
        Assert.Equal(1.0, targets[2].Compliance!.Objective);
        Assert.Null(targets[2].Compliance!.EvidenceValidFor);
        Assert.Equal(new SeriesRules { Series = "s", Comparison = Comparison.AtLeast, Threshold = 1 }, targets[3].Series);
        Assert.Equal(0.95, targets[4].Delivery!.Objective);
        Assert.Equal(0.95, targets[4].Objective);
        Assert.Equal(Duration.Zero, targets[4].Delivery!.Tolerance);
    }

    [Fact]
    public void Nps_defaults_to_the_scale_zero_to_ten_and_takes_a_score_from_minus_100_to_100()
    {
        var targets = ValidTargets(
            "      - kind: satisfaction",
            "        metric: nps",
            "        objective: -20");

        Assert.Equal(new SatisfactionRules { Metric = SatisfactionMetric.Nps, ScaleMin = 0, ScaleMax = 10, Objective = -20 }, targets[0].Satisfaction);
        Assert.True(targets[0].Satisfaction!.IsNpsScale);
    }

    [Fact]
    public void Kinds_are_read_whatever_their_case()
    {
        var targets = ValidTargets(
            "      - kind: Availability",
            "        calendar: office",
            "        objective: 99%");

        Assert.Equal(TargetKind.Availability, targets[0].Kind);
        Assert.Equal("availability", targets[0].Id);
    }

    [Fact]
    public void Unknown_fields_are_rejected_with_the_fields_of_the_kind()
    {
        var problems = InvalidTargets(
            "      - kind: availability",                     // 9
            "        calendar: office",                       // 10
            "        objective: 99%",                         // 11
            "        thresholds: { P1: 4h }",                 // 12
            "      - kind: custom",                           // 13
            "        series: s",                              // 14
            "        threshold: \"< 1\"",                     // 15
            "        pause: [waiting]",                       // 16
            "      - kind: delivery",                         // 17
            "        calendar: office",                       // 18
            "        schedule:",                              // 19
            "          - slot: a",                            // 20
            "            service: tea",                       // 21
            "            window: \"08:00-08:30\"",            // 22
            "            colour: red",                        // 23
            "      - kind: satisfaction",                     // 24
            "        objective: 80%",                         // 25
            "        reopen: continue",                       // 26
            "      - kind: compliance",                       // 27
            "        supports: corporate/resolution");        // 28

        Assert.Equal(
            [
                Error(File, 12, 9, "versions[0].targets[0].thresholds", $"unknown field \"thresholds\" (expected {AvailabilityFields})"),
                Error(File, 16, 9, "versions[0].targets[1].pause", "unknown field \"pause\" (expected id, kind, calendar, objective, description, series, aggregation, threshold, unit, minimum_samples)"),
                // The slot's keys start at column 13, after "          - ".
                Error(File, 23, 13, "versions[0].targets[2].schedule[0].colour", "unknown field \"colour\" (expected slot, service, days, window, quantity)"),
                Error(File, 26, 9, "versions[0].targets[3].reopen", "unknown field \"reopen\" (expected id, kind, calendar, objective, description, metric, scale, satisfied_from, minimum_responses)"),
                Error(File, 28, 9, "versions[0].targets[4].supports", "unknown field \"supports\" (expected id, kind, calendar, objective, description, terms, evidence_valid_for)"),
            ],
            problems);
    }

    [Fact]
    public void An_unknown_kind_lists_every_kind()
    {
        var problems = InvalidTargets(
            "      - kind: uptime",
            "        calendar: office",
            "        thresholds: { P1: 4h }");

        // "        kind: " is 14 characters: the value starts at column 15.
        Assert.Equal(
            [Error(File, 9, 15, "versions[0].targets[0].kind", "\"uptime\" is not one of availability, response, update, resolution, delivery, satisfaction, compliance, custom")],
            problems);
    }

    [Fact]
    public void Every_bad_availability_field_is_named_at_its_value()
    {
        var problems = InvalidTargets(
            "      - kind: availability",       // 9
            "        calendar: office",         // 10
            "        objective: lots",          // 11: value at 9 + "objective: " (11) = 20
            "        planned: maybe",           // 12: 9 + 9 = 18
            "        notice: soon",             // 13: 9 + 8 = 17
            "        partial_weight: 1.5",      // 14: 9 + 16 = 25
            "        degraded_weight: -1",      // 15: 9 + 17 = 26
            "        minimum_outage: 0m",       // 16: 9 + 16 = 25
            "        check_validity: 5x",       // 17: 9 + 16 = 25
            "        unknown: up");             // 18: 9 + 9 = 18

        const string Path = "versions[0].targets[0]";
        Assert.Equal(
            [
                Error(File, 11, 20, $"{Path}.objective", "\"lots\" is not a share (such as 99.9% or 0.999)"),
                Error(File, 12, 18, $"{Path}.planned", "\"maybe\" is not one of exclude, count"),
                Error(File, 13, 17, $"{Path}.notice", "\"soon\" is not a positive duration (such as 30s, 5m, 4h, 7d)"),
                Error(File, 14, 25, $"{Path}.partial_weight", "\"1.5\" is not a weight from 0 to 1 (such as 0.3 or 30%)"),
                Error(File, 15, 26, $"{Path}.degraded_weight", "\"-1\" is not a weight from 0 to 1 (such as 0.3 or 30%)"),
                Error(File, 16, 25, $"{Path}.minimum_outage", "\"0m\" is not a positive duration (such as 30s, 5m, 4h, 7d)"),
                Error(File, 17, 25, $"{Path}.check_validity", "\"5x\" is not a positive duration (such as 30s, 5m, 4h, 7d)"),
                Error(File, 18, 18, $"{Path}.unknown", "\"up\" is not one of exclude, down"),
            ],
            problems);
    }

    [Theory]
    [InlineData("0%")]
    [InlineData("101%")]
    [InlineData("99.5")]
    [InlineData("-0.5")]
    public void An_availability_objective_must_be_a_share_above_zero_and_at_most_one(string objective)
    {
        var problems = InvalidTargets(
            "      - kind: availability",
            "        calendar: office",
            $"        objective: {objective}");

        Assert.Equal([Error(File, 11, 20, "versions[0].targets[0].objective", $"\"{objective}\" is not a share (such as 99.9% or 0.999)")], problems);
    }

    [Fact]
    public void A_notice_applies_only_when_planned_maintenance_is_excluded()
    {
        var problems = InvalidTargets(
            "      - kind: availability",
            "        calendar: office",
            "        objective: 99%",
            "        planned: count",
            "        notice: 1d");

        Assert.Equal([Error(File, 13, 17, "versions[0].targets[0].notice", "applies only when planned maintenance is excluded (planned: exclude)")], problems);
    }

    [Fact]
    public void Availability_needs_its_objective_and_a_known_calendar_of_service_hours()
    {
        var missing = InvalidTargets(
            "      - id: up",
            "        kind: availability");
        var unknown = InvalidTargets(
            "      - kind: availability",
            "        calendar: moon",          // 10: 9 + "calendar: " (10) = 19
            "        objective: 99%");

        Assert.Equal(
            [
                Error(File, 9, 9, "versions[0].targets[0].calendar", "is required: the calendar of the agreed service hours"),
                Error(File, 9, 9, "versions[0].targets[0].objective", "is required: a share such as 99.9%"),
            ],
            missing);
        Assert.Equal([Error(File, 10, 19, "versions[0].targets[0].calendar", "\"moon\" is not a calendar of calendars/ (known: always, early, office)")], unknown);
    }

    [Fact]
    public void A_delivery_target_needs_a_calendar_and_a_schedule_of_at_least_one_slot()
    {
        var noSchedule = InvalidTargets(
            "      - kind: delivery",
            "        objective: 95%");
        var emptySchedule = InvalidTargets(
            "      - kind: delivery",
            "        calendar: office",
            "        schedule: []");           // 11: 9 + "schedule: " (10) = 19
        var notAList = InvalidTargets(
            "      - kind: delivery",
            "        calendar: office",
            "        schedule: tea");

        Assert.Equal(
            [
                Error(File, 9, 9, "versions[0].targets[0].calendar", "is required: the customer's calendar the schedule is kept in"),
                Error(File, 9, 9, "versions[0].targets[0].schedule", "is required: the delivery slots, such as { slot: tea-morning, service: tea, days: mon-fri, window: \"08:00-08:30\", quantity: 30 }"),
            ],
            noSchedule);
        Assert.Equal([Error(File, 11, 19, "versions[0].targets[0].schedule", "must list at least one delivery slot")], emptySchedule);
        Assert.Equal([Error(File, 11, 19, "versions[0].targets[0].schedule", "must be a list of delivery slots")], notAList);
    }

    [Fact]
    public void Every_bad_slot_field_is_named_with_the_slot_index_in_the_fourth_target()
    {
        var problems = InvalidTargets(
            "      - kind: resolution",                                                                        // 9
            "        calendar: office",                                                                        // 10
            "        thresholds: { P1: 4h }",                                                                  // 11
            "      - kind: availability",                                                                      // 12
            "        calendar: office",                                                                        // 13
            "        objective: 99%",                                                                          // 14
            "      - kind: satisfaction",                                                                      // 15
            "        objective: 80%",                                                                          // 16
            "      - kind: delivery",                                                                          // 17
            "        calendar: office",                                                                        // 18
            "        schedule:",                                                                               // 19
            "          - { slot: a, service: tea, window: \"08:00-08:30\" }",                                  // 20
            "          - { slot: b, service: tea, window: \"09:00-08:30\" }",                                  // 21
            "          - { slot: c, service: water, days: mon-xyz, window: \"8-9\", quantity: 0 }",            // 22
            "          - { service: tea, days: [], window: \"08:00-08:30\", quantity: many }",                 // 23
            "          - { slot: A, service: coffee, window: \"10:00-10:30\" }",                               // 24
            "          - slot: f",                                                                             // 25
            "            service: tea",                                                                        // 26
            "            window: \"07:00-24:00\"");                                                            // 27

        const string Path = "versions[0].targets[3].schedule";
        Assert.Equal(
            [
                // Line 21: the window's opening quote is at column 46; it ends before it starts.
                Error(File, 21, 46, $"{Path}[1].window", "\"09:00-08:30\" is not a window such as \"08:00-08:30\" (HH:mm-HH:mm, ending after it starts on the same day)"),
                // Line 22: "water" at 33, "mon-xyz" at 46, "\"8-9\"" at 63, the quantity 0 at 80.
                Error(File, 22, 33, $"{Path}[2].service", "\"water\" is not a service of catalogue.yaml"),
                Error(File, 22, 46, $"{Path}[2].days", "\"mon-xyz\" is not a day or a range of days (mon, tue, wed, thu, fri, sat, sun; mon-fri)"),
                Error(File, 22, 63, $"{Path}[2].window", "\"8-9\" is not a window such as \"08:00-08:30\" (HH:mm-HH:mm, ending after it starts on the same day)"),
                Error(File, 22, 80, $"{Path}[2].quantity", "\"0\" is not a positive whole number"),
                // Line 23: no slot name (reported at the "{" at 13), no day in "[]" (35), "many" at 72.
                Error(File, 23, 13, $"{Path}[3].slot", "is required: the slot's name, such as tea-morning"),
                Error(File, 23, 35, $"{Path}[3].days", "must name at least one day"),
                Error(File, 23, 72, $"{Path}[3].quantity", "\"many\" is not a positive whole number"),
                // Line 24: "A" is "a" again, whatever the case.
                Error(File, 24, 13, $"{Path}[4].slot", "slot \"A\" is listed twice"),
                // Line 27: 24:00 is not a time of day (a window ends on the day it starts).
                Error(File, 27, 21, $"{Path}[5].window", "\"07:00-24:00\" is not a window such as \"08:00-08:30\" (HH:mm-HH:mm, ending after it starts on the same day)"),
            ],
            problems);
        Assert.Equal(
            "agreements/a.yaml:21:46: versions[0].targets[3].schedule[1].window: \"09:00-08:30\" is not a window such as \"08:00-08:30\" (HH:mm-HH:mm, ending after it starts on the same day)",
            problems[0].ToString());
    }

    [Fact]
    public void Days_that_are_not_a_day_nor_a_list_are_one_error()
    {
        var problems = InvalidTargets(
            "      - kind: delivery",
            "        calendar: office",
            "        schedule:",
            "          - slot: a",                    // 12
            "            service: tea",
            "            days: { from: mon }",        // 14: 13 + "days: " (6) = 19
            "            window: \"08:00-08:30\"",
            "        tolerance: later");              // 16: 9 + "tolerance: " (11) = 20

        Assert.Equal(
            [
                Error(File, 14, 19, "versions[0].targets[0].schedule[0].days", "must be a list of days such as mon, tue or mon-fri"),
                Error(File, 16, 20, "versions[0].targets[0].tolerance", "\"later\" is not a positive duration (such as 30s, 5m, 4h, 7d)"),
            ],
            problems);
    }

    [Fact]
    public void Every_bad_satisfaction_field_is_named_at_its_value()
    {
        var problems = InvalidTargets(
            "      - kind: satisfaction",       // 9
            "        metric: stars",            // 10: 9 + 8 = 17
            "        scale: 5-1",               // 11: 9 + 7 = 16
            "        objective: most",          // 12: 9 + 11 = 20
            "        satisfied_from: 6",        // 13: 9 + 16 = 25
            "        minimum_responses: 0");    // 14: 9 + 19 = 28

        const string Path = "versions[0].targets[0]";
        Assert.Equal(
            [
                Error(File, 10, 17, $"{Path}.metric", "\"stars\" is not one of csat, average, nps"),
                Error(File, 11, 16, $"{Path}.scale", "\"5-1\" is not a scale such as 1-5 or 0-10"),
                // An unknown metric is read as CSAT, whose objective is a share.
                Error(File, 12, 20, $"{Path}.objective", "\"most\" is not a share (such as 80% or 0.8)"),
                Error(File, 13, 25, $"{Path}.satisfied_from", "\"6\" is not a score on the scale 1-5"),
                Error(File, 14, 28, $"{Path}.minimum_responses", "\"0\" is not a positive whole number"),
            ],
            problems);
    }

    [Theory]
    [InlineData("csat", "is required: the share of satisfied responses, such as 80%")]
    [InlineData("average", "is required: the average score to reach, such as 4.2")]
    [InlineData("nps", "is required: the net promoter score to reach, from -100 to 100, such as 30")]
    public void A_satisfaction_target_needs_its_objective(string metric, string message)
    {
        var problems = InvalidTargets(
            "      - kind: satisfaction",
            $"        metric: {metric}");

        Assert.Equal([Error(File, 9, 9, "versions[0].targets[0].objective", message)], problems);
    }

    [Fact]
    public void Nps_must_be_asked_on_zero_to_ten_and_its_objective_lie_between_minus_100_and_100()
    {
        var problems = InvalidTargets(
            "      - kind: satisfaction",
            "        metric: nps",
            "        scale: 1-10",              // 11: 16
            "        objective: 150");          // 12: 20

        Assert.Equal(
            [
                Error(File, 11, 16, "versions[0].targets[0].scale", "NPS is asked on the scale 0-10"),
                Error(File, 12, 20, "versions[0].targets[0].objective", "\"150\" is not a net promoter score from -100 to 100"),
            ],
            problems);
    }

    [Fact]
    public void An_average_objective_must_lie_on_the_scale()
    {
        var problems = InvalidTargets(
            "      - kind: satisfaction",
            "        metric: average",
            "        scale: 0-10",
            "        objective: 11");

        Assert.Equal([Error(File, 12, 20, "versions[0].targets[0].objective", "\"11\" is not a score on the scale 0-10")], problems);
    }

    [Fact]
    public void Every_bad_compliance_field_is_named_at_its_value()
    {
        var problems = InvalidTargets(
            "      - kind: compliance",            // 9
            "        terms: password-length",      // 10: 9 + 7 = 16
            "        objective: 120%",             // 11: 20
            "        evidence_valid_for: forever", // 12: 9 + 20 = 29
            "      - id: other",                   // 13
            "        kind: compliance",
            "        terms: [a, \"\"]");           // 15: "[" at 16, "a" at 17, "\"\"" at 20

        Assert.Equal(
            [
                Error(File, 10, 16, "versions[0].targets[0].terms", "must be a list of term names such as password-length"),
                Error(File, 11, 20, "versions[0].targets[0].objective", "\"120%\" is not a share (such as 99.9% or 0.999)"),
                Error(File, 12, 29, "versions[0].targets[0].evidence_valid_for", "\"forever\" is not a positive duration (such as 30s, 5m, 4h, 7d)"),
                Error(File, 15, 20, "versions[0].targets[1].terms[1]", "must be a non-empty text"),
            ],
            problems);
    }

    [Fact]
    public void Every_bad_custom_field_is_named_and_a_custom_target_has_no_objective()
    {
        var problems = InvalidTargets(
            "      - id: t",                        // 9
            "        kind: custom",
            "        aggregation: average",         // 11: 9 + 13 = 22
            "        threshold: about 8",           // 12: 9 + 11 = 20
            "        objective: 95%",               // 13: 20
            "        minimum_samples: none");       // 14: 9 + 17 = 26

        const string Path = "versions[0].targets[0]";
        Assert.Equal(
            [
                Error(File, 9, 9, $"{Path}.series", "is required: the name of the series its sample events carry, such as juice-temperature"),
                Error(File, 11, 22, $"{Path}.aggregation", "\"average\" is not an aggregation (mean, median, p95 or any pNN, min, max, sum, last, count)"),
                Error(File, 12, 20, $"{Path}.threshold", "\"about 8\" is not a comparison with a number (<=, >=, < or > and a number, such as \"<= 8\")"),
                Error(File, 13, 20, $"{Path}.objective", "a custom target is judged by its threshold; it has no objective"),
                Error(File, 14, 26, $"{Path}.minimum_samples", "\"none\" is not a positive whole number"),
            ],
            problems);
    }

    [Fact]
    public void Empty_texts_and_a_bad_delivery_objective_are_named()
    {
        var problems = InvalidTargets(
            "      - kind: delivery",                  // 9
            "        calendar: office",
            "        objective: all",                  // 11: 20
            "        schedule:",
            "          - { slot: a, service: tea, window: \"08:00-08:30\" }",
            "      - kind: custom",                    // 14
            "        series: \"\"",                  // 15: 9 + "series: " (8) = 17
            "        threshold: \"<= 1\"",
            "        unit: \" \"",                   // 17: 9 + "unit: " (6) = 15
            "      - id: \"\"",                      // 18: 9 + "id: " (4) = 13
            "        kind: compliance");

        Assert.Equal(
            [
                Error(File, 11, 20, "versions[0].targets[0].objective", "\"all\" is not a share (such as 99.9% or 0.999)"),
                Error(File, 15, 17, "versions[0].targets[1].series", "must be a non-empty text"),
                Error(File, 17, 15, "versions[0].targets[1].unit", "must be a non-empty text"),
                Error(File, 18, 13, "versions[0].targets[2].id", "must be a non-empty text"),
            ],
            problems);
    }

    [Theory]
    [InlineData("p0")]
    [InlineData("p101")]
    [InlineData("95")]
    public void A_percentile_must_lie_above_0_and_at_most_100(string aggregation)
    {
        var problems = InvalidTargets(
            "      - kind: custom",
            "        series: s",
            $"        aggregation: {aggregation}",
            "        threshold: \"<= 8\"");

        Assert.Equal([Error(File, 11, 22, "versions[0].targets[0].aggregation", $"\"{aggregation}\" is not an aggregation (mean, median, p95 or any pNN, min, max, sum, last, count)")], problems);
    }

    [Fact]
    public void A_custom_target_needs_a_threshold()
    {
        var problems = InvalidTargets(
            "      - kind: custom",
            "        series: s");

        Assert.Equal([Error(File, 9, 9, "versions[0].targets[0].threshold", "is required: a comparison with a number, such as \"<= 8\"")], problems);
    }

    [Fact]
    public void A_version_may_have_several_custom_targets_but_one_of_each_other_measure_kind()
    {
        var valid = ValidTargets(
            "      - { id: a, kind: custom, series: s, threshold: \"< 1\" }",
            "      - { id: b, kind: custom, series: t, threshold: \"< 1\" }");
        var problems = InvalidTargets(
            "      - { kind: availability, calendar: office, objective: 99% }",   // 9
            "      - { id: again, kind: availability, calendar: always, objective: 98% }",  // 10: "{" at 9
            "      - { id: a, kind: custom, series: s, threshold: \"< 1\" }",
            "      - { id: a, kind: custom, series: t, threshold: \"< 1\" }");    // 12

        Assert.Equal(["a", "b"], valid.Select(t => t.Id));
        Assert.Equal(
            [
                Error(File, 10, 9, "versions[0].targets[1].kind", "this version already has an availability target"),
                Error(File, 12, 9, "versions[0].targets[3].id", "target \"a\" is listed twice in this version"),
            ],
            problems);
    }

    [Fact]
    public void The_sample_agreements_read_their_measure_targets()
    {
        // The sample is valid with three warnings about uc-brewtech (SampleRepositoryTests).
        var repository = Read(Sample()).Repository ?? throw new InvalidOperationException("the sample is invalid");
        Target Target(string agreement, string id) =>
            repository.Agreements[agreement].Versions.Single(v => v.Status == AgreementStatus.Active).Targets.Single(t => t.Id == id);

        Assert.Equal(
            new AvailabilityRules { Objective = 0.995, MinimumNotice = Duration.FromDays(1), PartialWeight = 0.5, MinimumOutage = Minutes(2) },
            Target("acme-gold", "availability").Availability);
        Assert.Equal(new AvailabilityRules { Objective = 0.99, CheckValidity = Minutes(5) }, Target("corporate", "availability").Availability);
        Assert.Equal(
            ["tea-morning 08:00-08:30 30", "coffee-before-lunch 11:00-11:30 40", "juice-lunch 12:00-13:00 25", "coffee-after-lunch 13:30-14:00 40", "tea-evening 16:30-17:00 20"],
            Target("acme-gold", "delivery").Delivery!.Schedule.Select(Slot));
        Assert.Equal(
            ["tea-morning 08:30-09:00 15", "coffee-before-lunch 10:30-11:00 20", "juice-lunch 12:30-13:30 10", "coffee-after-lunch 14:00-14:30 20", "tea-evening 17:00-17:30 15"],
            Target("globex-drinks", "delivery").Delivery!.Schedule.Select(Slot));
        var juice = new SeriesRules { Series = "juice-temperature", Aggregation = SeriesAggregation.Percentile, Percentile = 95, Comparison = Comparison.AtMost, Threshold = 8, Unit = "°C" };
        Assert.Equal(juice, Target("acme-gold", "juice-temperature").Series);
        Assert.Equal(juice, Target("globex-drinks", "juice-temperature").Series);
        var csat = new SatisfactionRules { Metric = SatisfactionMetric.Csat, ScaleMin = 1, ScaleMax = 5, Objective = 0.8, MinimumResponses = 5 };
        Assert.Equal(csat, Target("acme-gold", "satisfaction").Satisfaction);
        Assert.Equal(csat, Target("corporate", "satisfaction").Satisfaction);
        var security = Target("corporate", "security").Compliance!;
        Assert.Equal(["password-length", "password-age", "access-card"], security.Terms.ToArray());
        Assert.Equal((1.0, Duration.FromDays(90)), (security.Objective, security.EvidenceValidFor));
    }
}
