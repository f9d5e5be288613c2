using NodaTime;
using Pledge.Availability;
using static Pledge.Tests.Availability.AvailabilityKit;

namespace Pledge.Tests.Availability;

/// <summary>The check → outage rule of <see cref="CheckOutages"/> on small hand-drawn timelines (validity 5 minutes).</summary>
public sealed class CheckOutagesTests
{
    private static readonly Duration Validity = Duration.FromMinutes(5);
    private static readonly Interval NineToEleven = new(OnDay("09:00"), OnDay("11:00"));

    [Fact]
    public void The_documented_example_gives_two_outages_and_three_unknown_stretches()
    {
        // up 10:00, down 10:01, down 10:02, up 10:03, down 10:10, then nothing.
        var findings = CheckOutages.Derive(
            [Check("a", "10:00", true), Check("b", "10:01", false), Check("c", "10:02", false), Check("d", "10:03", true), Check("e", "10:10", false)],
            NineToEleven,
            Validity);

        Assert.Equal(
            [("checks:b", OnDay("10:01"), OnDay("10:03")), ("checks:e", OnDay("10:10"), OnDay("10:15"))],
            findings.Outages.Select(o => (o.Id, o.Start, o.End)).ToArray());
        Assert.All(findings.Outages, o => Assert.Equal((OutageImpact.Full, false, "web"), (o.Impact, o.Planned, o.Service)));
        // The 10:03 up result holds until its validity lapses at 10:08.
        Assert.Equal(
            [new Interval(OnDay("09:00"), OnDay("10:00")), new Interval(OnDay("10:08"), OnDay("10:10")), new Interval(OnDay("10:15"), OnDay("11:00"))],
            findings.Unknown.ToArray());
    }

    [Fact]
    public void A_down_run_ends_at_the_first_up_result()
    {
        var findings = CheckOutages.Derive(
            [Check("a", "10:00", false), Check("b", "10:04", false), Check("c", "10:08", false), Check("d", "10:10", true)],
            NineToEleven,
            Validity);

        var outage = Assert.Single(findings.Outages);
        Assert.Equal((OnDay("10:00"), OnDay("10:10")), (outage.Start, outage.End));
        Assert.Equal("Monitoring: checks a to c down", outage.Description);
    }

    [Fact]
    public void A_down_run_ends_where_its_validity_lapses_when_the_next_result_comes_late()
    {
        var findings = CheckOutages.Derive([Check("a", "10:00", false), Check("b", "10:20", true)], NineToEleven, Validity);

        var outage = Assert.Single(findings.Outages);
        Assert.Equal((OnDay("10:00"), OnDay("10:05")), (outage.Start, outage.End));
        Assert.Equal(new Interval(OnDay("10:05"), OnDay("10:20")), findings.Unknown[1]);
    }

    [Fact]
    public void A_lapse_inside_a_down_run_splits_it_into_two_outages()
    {
        var findings = CheckOutages.Derive([Check("a", "10:00", false), Check("b", "10:07", false), Check("c", "10:09", true)], NineToEleven, Validity);

        Assert.Equal(
            [(OnDay("10:00"), OnDay("10:05")), (OnDay("10:07"), OnDay("10:09"))],
            findings.Outages.Select(o => (o.Start, o.End)).ToArray());
        Assert.Equal(new Interval(OnDay("10:05"), OnDay("10:07")), findings.Unknown[1]);
    }

    [Fact]
    public void A_result_exactly_one_validity_later_leaves_no_gap()
    {
        var findings = CheckOutages.Derive([Check("a", "10:00", false), Check("b", "10:05", false), Check("c", "10:10", true)], NineToEleven, Validity);

        Assert.Equal((OnDay("10:00"), OnDay("10:10")), findings.Outages.Select(o => (o.Start, o.End)).Single());
        Assert.Equal([new Interval(OnDay("09:00"), OnDay("10:00")), new Interval(OnDay("10:15"), OnDay("11:00"))], findings.Unknown.ToArray());
    }

    [Fact]
    public void Results_at_the_same_instant_count_as_down_if_any_is_down()
    {
        var findings = CheckOutages.Derive(
            [Check("a", "10:00", true), Check("b", "10:02", true), Check("c", "10:02", false), Check("d", "10:04", true)],
            NineToEleven,
            Validity);

        var outage = Assert.Single(findings.Outages);
        Assert.Equal(("checks:c", OnDay("10:02"), OnDay("10:04")), (outage.Id, outage.Start, outage.End));
    }

    [Fact]
    public void Results_are_put_in_time_order_first()
    {
        CheckResult[] ordered = [Check("a", "10:00", true), Check("b", "10:01", false), Check("c", "10:03", true)];

        var findings = CheckOutages.Derive([ordered[2], ordered[0], ordered[1]], NineToEleven, Validity);

        Assert.Equal((OnDay("10:01"), OnDay("10:03")), findings.Outages.Select(o => (o.Start, o.End)).Single());
    }

    [Fact]
    public void Each_site_has_its_own_runs_and_time_is_unknown_only_where_no_site_saw_anything()
    {
        // Site "fra" checks 10:00–10:10 (down 10:05); site "ams" checks only at 10:20.
        CheckResult At(string id, string site, string time, bool up) => Check(id, time, up) with { Site = site };

        var findings = CheckOutages.Derive(
            [At("f1", "fra", "10:00", true), At("f2", "fra", "10:05", false), At("f3", "fra", "10:10", true), At("a1", "ams", "10:20", true)],
            NineToEleven,
            Validity);

        var outage = Assert.Single(findings.Outages);
        Assert.Equal(("fra", OnDay("10:05"), OnDay("10:10")), (outage.Site, outage.Start, outage.End));
        Assert.Equal(
            [new Interval(OnDay("09:00"), OnDay("10:00")), new Interval(OnDay("10:15"), OnDay("10:20")), new Interval(OnDay("10:25"), OnDay("11:00"))],
            findings.Unknown.ToArray());
    }

    [Fact]
    public void Results_before_the_period_hold_into_it()
    {
        var findings = CheckOutages.Derive([Check("a", "08:58", false), Check("b", "09:02", true)], NineToEleven, Validity);

        // The outage is reported whole (its real length matters), the unknown time only inside the period.
        Assert.Equal((OnDay("08:58"), OnDay("09:02")), findings.Outages.Select(o => (o.Start, o.End)).Single());
        Assert.Equal([new Interval(OnDay("09:07"), OnDay("11:00"))], findings.Unknown.ToArray());
    }

    [Fact]
    public void No_results_leave_the_whole_period_unknown()
    {
        var findings = CheckOutages.Derive([], NineToEleven, Validity);

        Assert.Empty(findings.Outages);
        Assert.Equal([NineToEleven], findings.Unknown.ToArray());
    }
}
