using System.Collections.Immutable;
using NodaTime;
using Pledge.Deliveries;
using Pledge.Measures;
using Pledge.Tests.Calendars;
using static Pledge.Tests.Deliveries.DeliveryKit;

namespace Pledge.Tests.Deliveries;

/// <summary>Matching deliveries to slots, with answers worked out by hand.</summary>
public sealed class DeliveryMatcherTests
{
    [Fact]
    public void A_week_across_the_autumn_clock_change_has_on_time_late_short_missed_and_unscheduled_deliveries()
    {
        // Saturday 24 October 2026 is summer time (+02:00); at 03:00 on Sunday 25 the clocks go back to 02:00 (+01:00).
        var deliveries = new[]
        {
            D("d01", "tea", "2026-10-24T05:30Z"),             // Sat 07:30 CEST: morning tea, on time.
            D("d02", "tea", "2026-10-24T17:20Z"),             // Sat 19:20 CEST: evening window closed at 19:00, 20 min late.
            D("d03", "tea", "2026-10-25T05:30Z"),             // Sun 06:30 CET: before the morning window, nothing earlier that day.
            D("d04", "tea", "2026-10-25T07:45Z"),             // Sun 08:45 CET: morning tea, on time. No evening tea: missed.
            D("d05", "tea", "2026-10-26T06:10Z"),             // Mon 07:10: on time.
            D("d06", "coffee", "2026-10-26T10:05Z"),          // Mon 11:05: before lunch, on time.
            D("d07", "juice", "2026-10-26T11:15Z", 18),       // Mon 12:15: 18 of 20 bottles, short.
            D("d08", "coffee", "2026-10-26T11:20Z"),          // Mon 12:20: before-lunch filled, after-lunch not open yet.
            D("d09", "coffee", "2026-10-26T13:40Z"),          // Mon 14:40: after-lunch closed at 14:30, 10 min late.
            D("d10", "tea", "2026-10-26T16:00Z"),             // Mon 17:00 exactly: the window is half-open, on time.
            D("d11", "tea", "2026-10-26T16:30Z"),             // Mon 17:30: a second tea in the same window.
            D("d12", "cake", "2026-10-26T10:00Z"),            // No cake on the schedule.
        };

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-10-24T00:00+02:00", "2026-10-27T00:00+01:00"), deliveries, Rules(Canteen));

        Assert.Equal(
            [
                "2026-10-24 tea-morning 24T05:00Z-24T07:00Z OnTime d01",
                "2026-10-24 tea-evening 24T15:00Z-24T17:00Z Late d02 +20m",
                "2026-10-25 tea-morning 25T06:00Z-25T08:00Z OnTime d04",
                "2026-10-25 tea-evening 25T16:00Z-25T18:00Z Missed",
                "2026-10-26 tea-morning 26T06:00Z-26T08:00Z OnTime d05",
                "2026-10-26 coffee-before-lunch 26T10:00Z-26T11:00Z OnTime d06",
                "2026-10-26 juice-lunch 26T11:00Z-26T12:00Z Short d07",
                "2026-10-26 coffee-after-lunch 26T12:30Z-26T13:30Z Late d09 +10m",
                "2026-10-26 tea-evening 26T16:00Z-26T18:00Z OnTime d10",
            ],
            Show(result));
        Assert.Equal(["d03", "d12", "d08", "d11"], Ids(result.Unscheduled));
        Assert.Equal(9, result.Scheduled);
        Assert.Equal(5, result.OnTime);
        Assert.Equal(2, result.Late);
        Assert.Equal(1, result.Count(DeliveryOutcome.Short));
        Assert.Equal(1, result.Missed);
        Assert.Equal(5.0 / 9, result.Attainment);
        Assert.Equal(Verdict.Missed, result.Verdict);
        var juice = result.Slots[6];
        Assert.Equal(20, juice.Quantity);
        Assert.Equal(18, juice.Delivered);
    }

    [Fact]
    public void A_window_that_the_autumn_change_repeats_opens_at_the_first_pass_and_lasts_two_real_hours()
    {
        // 02:00-03:00 on 25 October: 02:00 happens twice (+02:00 then +01:00); the window runs from the first 02:00 to 03:00 CET.
        var rules = Rules([Slot("night", "tea", [IsoDayOfWeek.Sunday], "02:00", "03:00")]);
        var deliveries = new[] { D("second-pass", "tea", "2026-10-25T02:30+01:00") };

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00"), deliveries, rules);

        Assert.Equal(["2026-10-25 night 25T00:00Z-25T02:00Z OnTime second-pass"], Show(result));
    }

    [Fact]
    public void A_window_in_the_spring_gap_starts_when_the_clocks_resume_and_one_wholly_in_the_gap_is_not_scheduled()
    {
        // On 29 March 2026 Berlin skips 02:00-03:00: 02:30 becomes 03:00 CEST (01:00Z); 02:00-03:00 does not exist.
        var rules = Rules(
        [
            Slot("early", "tea", [IsoDayOfWeek.Sunday], "02:30", "04:00"),
            Slot("vanished", "coffee", [IsoDayOfWeek.Sunday], "02:00", "03:00"),
        ]);
        var deliveries = new[] { D("t", "tea", "2026-03-29T01:00Z"), D("c", "coffee", "2026-03-29T01:00Z") };

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"), deliveries, rules);

        Assert.Equal(["2026-03-29 early 29T01:00Z-29T02:00Z OnTime t"], Show(result));
        Assert.Equal(["c"], Ids(result.Unscheduled));
    }

    [Fact]
    public void A_holiday_and_the_weekend_have_no_slots_and_a_delivery_on_them_is_unscheduled()
    {
        // Office calendar: Christmas Day (Friday 25 December) closed, Christmas Eve open until noon, weekends closed.
        var rules = Rules([Slot("tea", "tea", EveryDay, "09:00", "09:30")]);
        var deliveries = new[]
        {
            D("mon", "tea", "2026-12-21T09:10+01:00"),
            D("tue", "tea", "2026-12-22T09:10+01:00"),
            D("wed", "tea", "2026-12-23T09:10+01:00"),
            D("eve", "tea", "2026-12-24T09:10+01:00"),
            D("xmas", "tea", "2026-12-25T09:10+01:00"),
            D("sat", "tea", "2026-12-26T09:10+01:00"),
        };

        var result = DeliveryMatcher.Match(Office, Period("2026-12-21T00:00+01:00", "2026-12-28T00:00+01:00"), deliveries, rules);

        Assert.Equal([new LocalDate(2026, 12, 21), new LocalDate(2026, 12, 22), new LocalDate(2026, 12, 23), new LocalDate(2026, 12, 24)], result.Slots.Select(s => s.Date).ToArray());
        Assert.Equal(4, result.OnTime);
        Assert.Equal(["xmas", "sat"], Ids(result.Unscheduled));
        Assert.Equal(1.0, result.Attainment);
        Assert.Equal(Verdict.Met, result.Verdict);
    }

    [Fact]
    public void A_slot_outside_a_shortened_days_hours_still_occurs()
    {
        // Christmas Eve opens 08:00-12:00 only; the calendar opens that date, so the afternoon slot is scheduled.
        var rules = Rules([Slot("afternoon", "tea", Weekdays, "15:00", "15:30")]);

        var result = DeliveryMatcher.Match(Office, Period("2026-12-24T00:00+01:00", "2026-12-25T00:00+01:00"), [], rules);

        Assert.Equal(["2026-12-24 afternoon 24T14:00Z-24T14:30Z Missed"], Show(result));
        Assert.Equal(0.0, result.Attainment);
    }

    [Fact]
    public void A_delivery_within_the_tolerance_is_on_time_and_after_it_late_by_the_time_since_the_window_closed()
    {
        var rules = Rules([Slot("morning", "tea", EveryDay, "07:00", "09:00"), Slot("evening", "tea", EveryDay, "17:00", "19:00")], toleranceMinutes: 15);
        var deliveries = new[]
        {
            D("grace", "tea", "2026-06-01T09:14:59+02:00"),
            D("late", "tea", "2026-06-01T19:15+02:00"),
        };

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), deliveries, rules);

        Assert.Equal(
            [
                "2026-06-01 morning 01T05:00Z-01T07:00Z OnTime grace",
                "2026-06-01 evening 01T15:00Z-01T17:00Z Late late +15m",
            ],
            Show(result));
    }

    [Fact]
    public void A_delivery_exactly_at_the_close_without_tolerance_is_late_by_zero()
    {
        var rules = Rules([Slot("morning", "tea", EveryDay, "07:00", "09:00")]);

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), [D("edge", "tea", "2026-06-01T09:00+02:00")], rules);

        Assert.Equal(DeliveryOutcome.Late, result.Slots[0].Outcome);
        Assert.Equal(Duration.Zero, result.Slots[0].Late);
    }

    [Fact]
    public void A_late_delivery_fills_the_latest_earlier_unfilled_window_of_its_service_that_day()
    {
        var rules = Rules(
        [
            Slot("a-early", "tea", EveryDay, "07:00", "08:00"),
            Slot("b-mid", "tea", EveryDay, "10:00", "11:00"),
            Slot("c-noon", "tea", EveryDay, "12:00", "13:00"),
            Slot("d-late", "tea", EveryDay, "16:00", "17:00"),
        ]);
        var deliveries = new[]
        {
            D("noon", "tea", "2026-06-01T12:30+02:00"),   // c-noon on time.
            D("first", "tea", "2026-06-01T14:00+02:00"),  // c-noon is filled: b-mid, 3 h late.
            D("second", "tea", "2026-06-01T15:00+02:00"), // then a-early, 7 h late.
            D("third", "tea", "2026-06-01T15:30+02:00"),  // nothing earlier left, d-late not open: unscheduled.
        };

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), deliveries, rules);

        Assert.Equal(
            [
                "2026-06-01 a-early 01T05:00Z-01T06:00Z Late second +420m",
                "2026-06-01 b-mid 01T08:00Z-01T09:00Z Late first +180m",
                "2026-06-01 c-noon 01T10:00Z-01T11:00Z OnTime noon",
                "2026-06-01 d-late 01T14:00Z-01T15:00Z Missed",
            ],
            Show(result));
        Assert.Equal(["third"], Ids(result.Unscheduled));
    }

    [Fact]
    public void A_late_delivery_never_fills_a_window_of_the_day_before()
    {
        var rules = Rules([Slot("evening", "tea", EveryDay, "17:00", "19:00")]);

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-03T00:00+02:00"), [D("after-midnight", "tea", "2026-06-02T00:30+02:00")], rules);

        Assert.Equal(
            [
                "2026-06-01 evening 01T15:00Z-01T17:00Z Missed",
                "2026-06-02 evening 02T15:00Z-02T17:00Z Missed",
            ],
            Show(result));
        Assert.Equal(["after-midnight"], Ids(result.Unscheduled));
    }

    [Fact]
    public void A_delivery_in_overlapping_windows_fills_the_one_that_closes_first_then_the_other()
    {
        var rules = Rules([Slot("long", "tea", EveryDay, "07:00", "10:00"), Slot("short", "tea", EveryDay, "08:00", "09:00")]);
        var deliveries = new[] { D("one", "tea", "2026-06-01T08:15+02:00"), D("two", "tea", "2026-06-01T08:20+02:00"), D("three", "tea", "2026-06-01T08:25+02:00") };

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), deliveries, rules);

        Assert.Equal(
            [
                "2026-06-01 long 01T05:00Z-01T08:00Z OnTime two",
                "2026-06-01 short 01T06:00Z-01T07:00Z OnTime one",
            ],
            Show(result));
        Assert.Equal(["three"], Ids(result.Unscheduled));
    }

    [Fact]
    public void A_delivery_that_names_its_slot_fills_only_that_slot()
    {
        var rules = Rules([Slot("morning", "tea", EveryDay, "07:00", "09:00"), Slot("evening", "tea", EveryDay, "17:00", "19:00")]);
        var deliveries = new[]
        {
            D("for-evening", "tea", "2026-06-01T08:00+02:00", slot: "evening"),  // Early for the evening: unscheduled.
            D("for-morning", "tea", "2026-06-01T17:30+02:00", slot: "MORNING"),  // Slot names ignore case: morning, late.
        };

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), deliveries, rules);

        Assert.Equal(
            [
                "2026-06-01 morning 01T05:00Z-01T07:00Z Late for-morning +510m",
                "2026-06-01 evening 01T15:00Z-01T17:00Z Missed",
            ],
            Show(result));
        Assert.Equal(["for-evening"], Ids(result.Unscheduled));
    }

    [Theory]
    [InlineData(19, DeliveryOutcome.Short)]
    [InlineData(20, DeliveryOutcome.OnTime)]
    [InlineData(25, DeliveryOutcome.OnTime)]
    [InlineData(null, DeliveryOutcome.OnTime)]
    [InlineData(0, DeliveryOutcome.Short)]
    public void A_delivery_is_short_only_when_it_reports_less_than_the_slot_asks(int? quantity, DeliveryOutcome expected)
    {
        var rules = Rules([Slot("juice", "juice", EveryDay, "12:00", "13:00") with { Quantity = 20 }]);

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), [D("j", "juice", "2026-06-01T12:10+02:00", quantity)], rules);

        Assert.Equal(expected, result.Slots[0].Outcome);
        Assert.Equal(quantity, result.Slots[0].Delivered);
    }

    [Fact]
    public void A_late_and_short_delivery_is_short_and_still_says_how_late_it_was()
    {
        var rules = Rules([Slot("juice", "juice", EveryDay, "12:00", "13:00") with { Quantity = 20 }]);

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), [D("j", "juice", "2026-06-01T13:45+02:00", 12), D("top-up", "juice", "2026-06-01T13:50+02:00", 8)], rules);

        Assert.Equal(["2026-06-01 juice 01T10:00Z-01T11:00Z Short j +45m"], Show(result));
        Assert.Equal(["top-up"], Ids(result.Unscheduled));
    }

    [Fact]
    public void A_slot_ending_at_midnight_runs_to_the_end_of_the_day()
    {
        var rules = Rules([Slot("night", "tea", EveryDay, "22:00", "00:00")]);

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), [D("n", "tea", "2026-06-01T23:59+02:00")], rules);

        Assert.Equal(["2026-06-01 night 01T20:00Z-01T22:00Z OnTime n"], Show(result));
    }

    [Fact]
    public void Through_its_tolerance_a_window_ending_at_midnight_takes_a_delivery_after_midnight_even_in_the_next_period()
    {
        // 22:00-24:00 with an hour's grace: a coffee at 00:30 fills Monday's slot on time, so Tuesday's period
        // neither counts that slot nor lists the coffee as unscheduled.
        var rules = Rules([Slot("late", "coffee", EveryDay, "22:00", "00:00")], toleranceMinutes: 60);
        var deliveries = new[] { D("coffee", "coffee", "2026-06-02T00:30+02:00") };

        var monday = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), deliveries, rules);
        var tuesday = DeliveryMatcher.Match(AllWeek, Period("2026-06-02T00:00+02:00", "2026-06-03T00:00+02:00"), deliveries, rules);

        Assert.Equal(["2026-06-01 late 01T20:00Z-01T22:00Z OnTime coffee"], Show(monday));
        Assert.Equal(["2026-06-02 late 02T20:00Z-02T22:00Z Missed"], Show(tuesday));
        Assert.Empty(tuesday.Unscheduled);
    }

    [Fact]
    public void A_slot_counts_in_the_period_its_window_opens_in_and_deliveries_outside_the_period_still_fill_it()
    {
        // The period ends at 08:00, inside the 07:00-09:00 window: the slot belongs to this period and a
        // delivery at 10:00 (after the period) fills it late. The delivery at 08:30 on the first day fills the
        // window that opened at 07:00, before the period: that slot is not counted and the delivery is not unscheduled.
        var rules = Rules([Slot("morning", "tea", EveryDay, "07:00", "09:00")]);
        var deliveries = new[] { D("before", "tea", "2026-06-01T08:30+02:00"), D("after", "tea", "2026-06-02T10:00+02:00") };

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T08:00+02:00", "2026-06-02T08:00+02:00"), deliveries, rules);

        Assert.Equal(["2026-06-02 morning 02T05:00Z-02T07:00Z Late after +60m"], Show(result));
        Assert.Empty(result.Unscheduled);
    }

    [Fact]
    public void Nothing_scheduled_gives_attainment_one_and_not_enough_data()
    {
        var rules = Rules([Slot("tea", "tea", Weekdays, "09:00", "09:30")]);

        var result = DeliveryMatcher.Match(Office, Period("2026-12-26T00:00+01:00", "2026-12-28T00:00+01:00"), [D("sat", "tea", "2026-12-26T09:00+01:00")], rules);

        Assert.Equal(0, result.Scheduled);
        Assert.Equal(1.0, result.Attainment);
        Assert.Equal(Verdict.NotEnoughData, result.Verdict);
        Assert.Equal(["sat"], Ids(result.Unscheduled));
    }

    [Fact]
    public void Nineteen_of_twenty_on_time_meets_an_objective_of_95_percent()
    {
        var rules = Rules([Slot("tea", "tea", EveryDay, "09:00", "09:30")], objective: 0.95);
        var start = new LocalDate(2026, 6, 1);
        var deliveries = Enumerable.Range(0, 19).Select(i => new Delivery($"d{i}", "acme", "tea", Berlin.AtStrictly(start.PlusDays(i).At(new LocalTime(9, 5))).ToInstant()));

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-21T00:00+02:00"), deliveries, rules);

        Assert.Equal(20, result.Scheduled);
        Assert.Equal(19, result.OnTime);
        Assert.Equal(0.95, result.Attainment);
        Assert.Equal(Verdict.Met, result.Verdict);
    }

    [Fact]
    public void An_empty_schedule_schedules_nothing()
    {
        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), [D("x", "tea", "2026-06-01T09:00+02:00")], new DeliveryRules());

        Assert.Empty(result.Slots);
        Assert.Equal(["x"], Ids(result.Unscheduled));
        Assert.Equal(Verdict.NotEnoughData, result.Verdict);
    }

    public static TheoryData<string, DeliveryRules> InvalidRules => new()
    {
        { "two slots named 'Tea'", Rules([Slot("tea", "tea", EveryDay, "07:00", "08:00"), Slot("Tea", "tea", EveryDay, "09:00", "10:00")]) },
        { "must end after it starts", Rules([Slot("back", "tea", EveryDay, "09:00", "08:00")]) },
        { "must end after it starts", Rules([Slot("empty", "tea", EveryDay, "09:00", "09:00")]) },
        { "tolerance must be at least zero", Rules([], toleranceMinutes: -1) },
        { "less than a day", Rules([], toleranceMinutes: 24 * 60) },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void Invalid_rules_are_rejected_with_a_message_that_says_why(string message, DeliveryRules rules)
    {
        var error = Assert.Throws<ArgumentException>(() => DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), [], rules));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unbounded_period_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => DeliveryMatcher.Match(AllWeek, new Interval(null, Iso.Instant("2026-06-01T00:00Z")), [], Rules([])));
    }

    [Fact]
    public void Services_compare_ignoring_case()
    {
        var rules = Rules([Slot("morning", "tea", EveryDay, "07:00", "09:00")]);

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-02T00:00+02:00"), [D("T", "Tea", "2026-06-01T07:30+02:00")], rules);

        Assert.Equal(DeliveryOutcome.OnTime, result.Slots[0].Outcome);
    }

    [Fact]
    public void A_schedule_with_no_days_for_a_slot_never_schedules_it()
    {
        var rules = Rules([new DeliverySlot("never", "tea", default, new LocalTime(7, 0), new LocalTime(8, 0)), Slot("none", "tea", ImmutableArray<IsoDayOfWeek>.Empty, "07:00", "08:00")]);

        var result = DeliveryMatcher.Match(AllWeek, Period("2026-06-01T00:00+02:00", "2026-06-08T00:00+02:00"), [], rules);

        Assert.Empty(result.Slots);
    }
}
