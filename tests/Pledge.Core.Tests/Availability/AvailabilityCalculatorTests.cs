using NodaTime;
using Pledge.Availability;
using Pledge.Measures;
using static Pledge.Tests.Availability.AvailabilityKit;

namespace Pledge.Tests.Availability;

/// <summary>
/// The calculator on hand-computed cases. Unless stated, the period is <see cref="AvailabilityKit.Day"/> on
/// round-the-clock UTC service hours: 1,440 minutes of service time.
/// </summary>
public sealed class AvailabilityCalculatorTests
{
    private static readonly AvailabilityRules Rules = new();

    [Fact]
    public void A_period_without_outages_is_fully_available()
    {
        var result = MeasureDay(Rules);

        Assert.Equal(Minutes(1440), result.ServiceTime);
        Assert.Equal(Duration.Zero, result.Downtime);
        Assert.Equal(1.0, result.Availability);
        Assert.Equal(Verdict.Met, result.Verdict);
        Assert.Empty(result.Outages);
        Assert.Empty(result.Segments);
        Assert.Empty(result.UnknownIntervals);
    }

    [Fact]
    public void A_full_outage_counts_its_whole_time()
    {
        var result = MeasureDay(Rules, Outage("o1", "10:00", "11:00"));

        Assert.Equal(Minutes(60), result.Downtime);
        Assert.Equal(1380.0 / 1440, result.Availability);
        Assert.Equal(Verdict.Missed, result.Verdict);
        var effect = Assert.Single(result.Outages);
        Assert.Equal((OutageTreatment.Counted, 1.0, Minutes(60)), (effect.Treatment, effect.Weight, effect.Counted));
        Assert.Equal([new DowntimeSegment(OnDay("10:00"), OnDay("11:00"), 1.0)], result.Segments.ToArray());
    }

    [Fact]
    public void Downtime_of_exactly_the_allowed_share_meets_the_objective()
    {
        // 1 % of 1,440 minutes is 14.4 minutes = 14 min 24 s: (1440 − 14.4) / 1440 = 0.99 exactly.
        var result = MeasureDay(Rules with { Objective = 0.99 }, Outage("o1", "10:00:00", "10:14:24"));

        Assert.Equal(0.99, result.Availability);
        Assert.Equal(Verdict.Met, result.Verdict);
        Assert.Equal(Verdict.Missed, MeasureDay(Rules with { Objective = 0.99 }, Outage("o1", "10:00:00", "10:14:25")).Verdict);
    }

    [Fact]
    public void Planned_maintenance_is_excluded_and_counts_as_available()
    {
        var maintenance = Outage("m1", "02:00", "04:00") with { Planned = true };

        var result = MeasureDay(Rules, maintenance, Outage("o1", "10:00", "10:30"));

        // Only the unplanned 30 minutes count; the maintenance stays in the service time as available.
        Assert.Equal(Minutes(30), result.Downtime);
        Assert.Equal(Minutes(120), result.Excluded);
        Assert.Equal(1410.0 / 1440, result.Availability);
        Assert.Equal([OutageTreatment.ExcludedPlanned, OutageTreatment.Counted], result.Outages.Select(e => e.Treatment).ToArray());
        Assert.Equal(Duration.Zero, result.Outages[0].Counted);
    }

    [Fact]
    public void Planned_maintenance_counts_when_the_agreement_does_not_exclude_it()
    {
        var maintenance = Outage("m1", "02:00", "04:00") with { Planned = true };

        var result = MeasureDay(Rules with { ExcludePlanned = false }, maintenance, Outage("o1", "10:00", "10:30"));

        Assert.Equal(Minutes(150), result.Downtime);
        Assert.Equal(Duration.Zero, result.Excluded);
        Assert.Equal(1290.0 / 1440, result.Availability);
    }

    [Fact]
    public void Excluded_maintenance_masks_outages_that_overlap_it()
    {
        // Monitoring sees the maintenance as down: the overlap is excused, the overrun is not.
        var maintenance = Outage("m1", "02:00", "04:00") with { Planned = true };

        var result = MeasureDay(Rules, maintenance, Outage("seen", "01:50", "04:10"));

        Assert.Equal(Minutes(20), result.Downtime);
        Assert.Equal(Minutes(120), result.Excluded);
        Assert.Equal(
            [new DowntimeSegment(OnDay("01:50"), OnDay("02:00"), 1.0), new DowntimeSegment(OnDay("04:00"), OnDay("04:10"), 1.0)],
            result.Segments.ToArray());
        Assert.Equal(Minutes(20), result.Outages.Single(e => e.Outage.Id == "seen").Counted);
    }

    [Theory]
    // Maintenance starts 2026-03-02T02:00Z; seven days' notice means announced at or before 2026-02-23T02:00Z.
    [InlineData("2026-02-20T09:00Z", OutageTreatment.ExcludedPlanned, 0)]
    [InlineData("2026-02-23T02:00Z", OutageTreatment.ExcludedPlanned, 0)]
    [InlineData("2026-02-23T02:01Z", OutageTreatment.Counted, 120)]
    [InlineData("2026-03-01T12:00Z", OutageTreatment.Counted, 120)]
    [InlineData(null, OutageTreatment.Counted, 120)]
    public void Planned_maintenance_is_excluded_only_with_the_minimum_notice(string? announced, OutageTreatment treatment, int downMinutes)
    {
        var maintenance = Outage("m1", "02:00", "04:00") with
        {
            Planned = true,
            AnnouncedAt = announced is null ? null : At(announced),
        };

        var result = MeasureDay(Rules with { MinimumNotice = Duration.FromDays(7) }, maintenance);

        Assert.Equal(treatment, Assert.Single(result.Outages).Treatment);
        Assert.Equal(Minutes(downMinutes), result.Downtime);
        Assert.Equal((1440.0 - downMinutes) / 1440, result.Availability);
    }

    [Fact]
    public void A_partial_outage_counts_with_the_partial_weight()
    {
        // 100 minutes at 0.3 = 30 minutes of downtime.
        var result = MeasureDay(Rules with { PartialWeight = 0.3 }, Outage("p1", "10:00", "11:40", OutageImpact.Partial));

        Assert.Equal(Minutes(30), result.Downtime);
        Assert.Equal(1410.0 / 1440, result.Availability, 12);
        var effect = Assert.Single(result.Outages);
        Assert.Equal((0.3, Minutes(30)), (effect.Weight, effect.Counted));
        Assert.Equal([new DowntimeSegment(OnDay("10:00"), OnDay("11:40"), 0.3)], result.Segments.ToArray());
    }

    [Fact]
    public void A_degraded_period_counts_with_the_degraded_weight()
    {
        // 40 minutes at the default 0.25 = 10 minutes.
        var result = MeasureDay(Rules, Outage("d1", "10:00", "10:40", OutageImpact.Degraded));

        Assert.Equal(Minutes(10), result.Downtime);
        Assert.Equal(1430.0 / 1440, result.Availability, 12);
    }

    [Fact]
    public void Overlapping_full_outages_count_once()
    {
        var result = MeasureDay(Rules, Outage("a", "10:00", "11:00"), Outage("b", "10:30", "11:30"));

        // Union 10:00–11:30 = 90 minutes, not 120; the overlap is charged to the one that started first.
        Assert.Equal(Minutes(90), result.Downtime);
        Assert.Equal([Minutes(60), Minutes(30)], result.Outages.Select(e => e.Counted).ToArray());
        Assert.Equal([new DowntimeSegment(OnDay("10:00"), OnDay("11:30"), 1.0)], result.Segments.ToArray());
    }

    [Fact]
    public void Overlapping_outages_of_different_impact_count_with_the_heaviest_weight()
    {
        // Degraded 09–13 (0.25), full 10–11 (1), partial 10:30–12 (0.5):
        // 09–10 degraded 15, 10–11 full 60, 11–12 partial 30, 12–13 degraded 15 = 120 minutes.
        var result = MeasureDay(
            Rules,
            Outage("degraded", "09:00", "13:00", OutageImpact.Degraded),
            Outage("full", "10:00", "11:00"),
            Outage("partial", "10:30", "12:00", OutageImpact.Partial));

        Assert.Equal(Minutes(120), result.Downtime);
        Assert.Equal(1320.0 / 1440, result.Availability, 12);
        Assert.Equal(
            [
                new DowntimeSegment(OnDay("09:00"), OnDay("10:00"), 0.25),
                new DowntimeSegment(OnDay("10:00"), OnDay("11:00"), 1.0),
                new DowntimeSegment(OnDay("11:00"), OnDay("12:00"), 0.5),
                new DowntimeSegment(OnDay("12:00"), OnDay("13:00"), 0.25),
            ],
            result.Segments.ToArray());
        // Charged: degraded 2 h × 0.25, full 1 h, partial 1 h × 0.5.
        Assert.Equal(
            [("degraded", Minutes(30)), ("full", Minutes(60)), ("partial", Minutes(30))],
            result.Outages.Select(e => (e.Outage.Id, e.Counted)).ToArray());
    }

    [Fact]
    public void Outside_service_hours_an_outage_does_not_count_and_partly_outside_only_its_inside_part_counts()
    {
        // Office hours Mon–Fri 08:00–18:00 Berlin; the week of Monday 2 March 2026 holds 5 × 10 h = 3,000 minutes.
        var week = new Interval(At("2026-03-02T00:00+01:00"), At("2026-03-09T00:00+01:00"));
        Outage Local(string id, string from, string to) => new(id, "web", At(from), At(to));

        var result = Measure(Office, week, Rules,
        [
            Local("saturday", "2026-03-07T10:00+01:00", "2026-03-07T14:00+01:00"),
            Local("night", "2026-03-03T02:00+01:00", "2026-03-03T03:00+01:00"),
            Local("evening", "2026-03-02T17:00+01:00", "2026-03-02T19:00+01:00"),
        ]);

        Assert.Equal(Minutes(3000), result.ServiceTime);
        Assert.Equal(Minutes(60), result.Downtime);
        Assert.Equal(0.98, result.Availability);
        Assert.Equal(
            [("evening", OutageTreatment.Counted), ("night", OutageTreatment.OutsideServiceHours), ("saturday", OutageTreatment.OutsideServiceHours)],
            result.Outages.Select(e => (e.Outage.Id, e.Treatment)).ToArray());
        // The segment keeps its real extent; its business time is the hour inside the service hours.
        Assert.Equal([new DowntimeSegment(At("2026-03-02T17:00+01:00"), At("2026-03-02T19:00+01:00"), 1.0)], result.Segments.ToArray());
    }

    [Fact]
    public void Outages_are_clipped_to_the_period_and_those_outside_it_are_left_out()
    {
        var result = MeasureDay(
            Rules,
            new Outage("before", "web", At("2026-03-01T10:00Z"), At("2026-03-01T11:00Z")),
            new Outage("across", "web", At("2026-03-01T23:00Z"), At("2026-03-02T01:00Z")),
            new Outage("after", "web", At("2026-03-03T00:00Z"), At("2026-03-03T01:00Z")));

        Assert.Equal(Minutes(60), result.Downtime);
        Assert.Equal("across", Assert.Single(result.Outages).Outage.Id);
        Assert.Equal([new DowntimeSegment(OnDay("00:00"), OnDay("01:00"), 1.0)], result.Segments.ToArray());
    }

    [Fact]
    public void Outages_shorter_than_the_minimum_are_ignored_before_merging()
    {
        var rules = Rules with { MinimumOutage = Duration.FromMinutes(5) };

        var result = MeasureDay(
            rules,
            Outage("short", "08:00", "08:04"),
            Outage("exactly", "09:00", "09:05"),
            // Two 3-minute outages overlap into 5 minutes, but each is shorter than the minimum on its own.
            Outage("first", "10:00", "10:03"),
            Outage("second", "10:02", "10:05"));

        Assert.Equal(Minutes(5), result.Downtime);
        Assert.Equal(
            [("short", OutageTreatment.IgnoredShort), ("exactly", OutageTreatment.Counted), ("first", OutageTreatment.IgnoredShort), ("second", OutageTreatment.IgnoredShort)],
            result.Outages.Select(e => (e.Outage.Id, e.Treatment)).ToArray());
    }

    [Fact]
    public void The_minimum_is_judged_on_the_real_length_not_the_part_in_service_hours()
    {
        // 17:58–18:30 Berlin is 32 minutes long but holds only 2 minutes of office hours: still counted.
        var day = new Interval(At("2026-03-02T00:00+01:00"), At("2026-03-03T00:00+01:00"));
        var outage = new Outage("late", "web", At("2026-03-02T17:58+01:00"), At("2026-03-02T18:30+01:00"));

        var result = Measure(Office, day, Rules with { MinimumOutage = Duration.FromMinutes(5) }, [outage]);

        Assert.Equal(OutageTreatment.Counted, Assert.Single(result.Outages).Treatment);
        Assert.Equal(Minutes(2), result.Downtime);
        Assert.Equal(598.0 / 600, result.Availability);
    }

    [Fact]
    public void Gaps_in_the_checks_are_unknown_and_left_out_under_the_exclude_policy()
    {
        var result = Measure(RoundTheClock, Day, Rules, [], GappedChecks());

        // Unknown 10:05–12:00 = 115 minutes; down 15:00–15:10 = 10 minutes: (1440 − 115 − 10) / (1440 − 115).
        Assert.Equal(Minutes(115), result.Unknown);
        Assert.Equal(Minutes(10), result.Downtime);
        Assert.Equal(1315.0 / 1325, result.Availability);
        Assert.Equal([new Interval(OnDay("10:05"), OnDay("12:00"))], result.UnknownIntervals.ToArray());
        Assert.Equal([new DowntimeSegment(OnDay("15:00"), OnDay("15:10"), 1.0)], result.Segments.ToArray());
        var effect = Assert.Single(result.Outages);
        Assert.Equal(("checks:c180", OutageTreatment.Counted, Minutes(10)), (effect.Outage.Id, effect.Treatment, effect.Counted));
    }

    [Fact]
    public void Gaps_in_the_checks_count_as_full_downtime_under_the_down_policy()
    {
        var result = Measure(RoundTheClock, Day, Rules with { Unknown = UnknownPolicy.Down }, [], GappedChecks());

        // Still reported as unknown, but 115 + 10 minutes count as down: (1440 − 125) / 1440.
        Assert.Equal(Minutes(115), result.Unknown);
        Assert.Equal(Minutes(125), result.Downtime);
        Assert.Equal(1315.0 / 1440, result.Availability);
        Assert.Equal(
            [new DowntimeSegment(OnDay("10:05"), OnDay("12:00"), 1.0), new DowntimeSegment(OnDay("15:00"), OnDay("15:10"), 1.0)],
            result.Segments.ToArray());
    }

    [Fact]
    public void An_outage_record_makes_a_gap_in_the_checks_known()
    {
        // The record covers 11:00–11:30 of the 10:05–12:00 gap: 85 minutes stay unknown.
        var result = Measure(RoundTheClock, Day, Rules, [Outage("dc", "11:00", "11:30")], GappedChecks());

        Assert.Equal(Minutes(85), result.Unknown);
        Assert.Equal(Minutes(40), result.Downtime);
        Assert.Equal(1315.0 / 1355, result.Availability);
        Assert.Equal(
            [new Interval(OnDay("10:05"), OnDay("11:00")), new Interval(OnDay("11:30"), OnDay("12:00"))],
            result.UnknownIntervals.ToArray());
    }

    [Fact]
    public void Without_checks_there_is_no_unknown_time()
    {
        var result = Measure(RoundTheClock, Day, Rules, [Outage("o1", "10:00", "11:00")], []);

        Assert.Equal(Duration.Zero, result.Unknown);
        Assert.Empty(result.UnknownIntervals);
        Assert.Equal(1380.0 / 1440, result.Availability);
    }

    [Theory]
    [InlineData(UnknownPolicy.Exclude, 1.0)]
    [InlineData(UnknownPolicy.Down, 0.0)]
    public void When_no_service_time_is_known_there_is_not_enough_data(UnknownPolicy policy, double availability)
    {
        // One check the day before holds five minutes, long before the period starts.
        var result = Measure(RoundTheClock, Day, Rules with { Unknown = policy }, [], [new CheckResult("c", "web", At("2026-03-01T12:00Z"), true)]);

        Assert.Equal(Minutes(1440), result.Unknown);
        Assert.Equal(availability, result.Availability);
        Assert.Equal(Verdict.NotEnoughData, result.Verdict);
    }

    [Fact]
    public void A_period_without_service_hours_has_not_enough_data()
    {
        var saturday = new Interval(At("2026-03-07T00:00+01:00"), At("2026-03-08T00:00+01:00"));

        var result = Measure(Office, saturday, Rules, [new Outage("o", "web", At("2026-03-07T10:00+01:00"), At("2026-03-07T11:00+01:00"))]);

        Assert.Equal((Duration.Zero, 1.0, Verdict.NotEnoughData), (result.ServiceTime, result.Availability, result.Verdict));
        Assert.Equal(OutageTreatment.OutsideServiceHours, Assert.Single(result.Outages).Treatment);
    }

    [Fact]
    public void Checks_and_outage_records_merge()
    {
        // The checks saw 15:00–15:10 down; a partial record covers 14:50–15:05: 10 minutes at 0.5, then the full 10.
        var result = Measure(RoundTheClock, Day, Rules, [Outage("slow", "14:50", "15:05", OutageImpact.Partial)], GappedChecks());

        Assert.Equal(Minutes(15), result.Downtime);
        Assert.Equal(
            [new DowntimeSegment(OnDay("14:50"), OnDay("15:00"), 0.5), new DowntimeSegment(OnDay("15:00"), OnDay("15:10"), 1.0)],
            result.Segments.ToArray());
    }

    [Fact]
    public void On_the_spring_DST_day_in_Berlin_a_day_of_service_is_23_hours()
    {
        var day = new Interval(At("2026-03-29T00:00+01:00"), At("2026-03-30T00:00+02:00"));
        // 01:30+01:00 to 03:30+02:00 is one real hour across the skipped hour.
        var outage = new Outage("o", "web", At("2026-03-29T01:30+01:00"), At("2026-03-29T03:30+02:00"));

        var result = Measure(RoundTheClockBerlin, day, Rules, [outage]);

        Assert.Equal(Minutes(23 * 60), result.ServiceTime);
        Assert.Equal(Minutes(60), result.Downtime);
        Assert.Equal(1320.0 / 1380, result.Availability);
    }

    [Fact]
    public void On_the_autumn_DST_day_in_Berlin_a_day_of_service_is_25_hours()
    {
        var day = new Interval(At("2026-10-25T00:00+02:00"), At("2026-10-26T00:00+01:00"));
        // The repeated hour: 02:30+02:00 to 02:30+01:00 is one real hour.
        var outage = new Outage("o", "web", At("2026-10-25T02:30+02:00"), At("2026-10-25T02:30+01:00"));

        var result = Measure(RoundTheClockBerlin, day, Rules, [outage]);

        Assert.Equal(Minutes(25 * 60), result.ServiceTime);
        Assert.Equal(Minutes(60), result.Downtime);
        Assert.Equal(0.96, result.Availability);
    }

    [Fact]
    public void Office_hours_in_the_DST_month_of_Berlin_follow_the_wall_clock()
    {
        // March 2026 has 22 working days of 10 hours; the outage on Monday 30 March (after the change, +02:00)
        // 17:00–19:00 holds one office hour.
        var march = new Interval(At("2026-03-01T00:00+01:00"), At("2026-04-01T00:00+02:00"));
        var outage = new Outage("o", "web", At("2026-03-30T17:00+02:00"), At("2026-03-30T19:00+02:00"));

        var result = Measure(Office, march, Rules, [outage]);

        Assert.Equal(Minutes(22 * 600), result.ServiceTime);
        Assert.Equal(Minutes(60), result.Downtime);
        Assert.Equal(13140.0 / 13200, result.Availability);
    }

    [Fact]
    public void Invalid_input_is_refused_with_a_clear_message()
    {
        var backwards = new Outage("bad", "web", OnDay("11:00"), OnDay("10:00"));

        var ends = Assert.Throws<ArgumentException>(() => MeasureDay(Rules, backwards));
        Assert.Contains("'bad' ends", ends.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MeasureDay(Rules with { PartialWeight = 1.5 }));
        Assert.Throws<ArgumentException>(() => MeasureDay(Rules with { CheckValidity = Duration.Zero }));
        Assert.Throws<ArgumentException>(() => Measure(RoundTheClock, new Interval(OnDay("00:00"), null), Rules, []));
    }

    /// <summary>
    /// Checks every 5 minutes all day (validity 5 minutes, so each holds until the next), none from 10:05 to
    /// 11:55 (the 10:00 result holds until 10:05), down at 15:00 and 15:05.
    /// </summary>
    private static List<CheckResult> GappedChecks()
    {
        var checks = new List<CheckResult>();
        for (var minute = 0; minute < 1440; minute += 5)
        {
            if (minute is > 600 and < 720)
            {
                continue;
            }

            var time = OnDay("00:00") + Duration.FromMinutes(minute);
            checks.Add(new CheckResult($"c{minute / 5}", "web", time, minute is not (900 or 905)));
        }

        return checks;
    }
}
