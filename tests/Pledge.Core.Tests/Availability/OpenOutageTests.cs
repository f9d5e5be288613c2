using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Interval = NodaTime.Interval;
using Pledge.Availability;
using Pledge.Measures;
using static Pledge.Tests.Availability.AvailabilityKit;

namespace Pledge.Tests.Availability;

/// <summary>
/// Outages recorded while they go on: an outage without an end counts up to the instant it is measured at, and an
/// <c>outage_end</c> event, arriving before or after it, ends it (the earliest end wins).
/// </summary>
public sealed class OpenOutageTests
{
    private static readonly AvailabilityRules Rules = new();

    private static Outage Ongoing(string id, string from) => new(id, "web", OnDay(from), null);

    [Fact]
    public void An_ongoing_outage_counts_up_to_the_end_of_what_is_measured()
    {
        var wholeDay = MeasureDay(Rules, Ongoing("o1", "22:00"));
        var untilNoon = AvailabilityCalculator.Measure(RoundTheClock, new Interval(Day.Start, OnDay("12:00")), [Ongoing("o2", "10:00")], Rules);

        Assert.Equal(Minutes(120), wholeDay.Downtime);
        Assert.Equal(Minutes(120), untilNoon.Downtime);
        Assert.Equal([new DowntimeSegment(OnDay("10:00"), OnDay("12:00"), 1.0)], untilNoon.Segments.ToArray());
        Assert.True(Assert.Single(untilNoon.Outages).Outage.IsOngoing);
    }

    [Fact]
    public void An_ongoing_outage_that_started_after_the_instant_measured_counts_nothing()
    {
        var result = AvailabilityCalculator.Measure(RoundTheClock, new Interval(Day.Start, OnDay("09:00")), [Ongoing("o1", "10:00")], Rules);

        Assert.Equal(Duration.Zero, result.Downtime);
        Assert.Empty(result.Outages);
    }

    [Fact]
    public void An_ongoing_outage_shorter_so_far_than_the_minimum_is_ignored_until_it_is_long_enough()
    {
        var rules = Rules with { MinimumOutage = Duration.FromMinutes(5) };

        var early = AvailabilityCalculator.Measure(RoundTheClock, new Interval(Day.Start, OnDay("10:03")), [Ongoing("o1", "10:00")], rules);
        var later = AvailabilityCalculator.Measure(RoundTheClock, new Interval(Day.Start, OnDay("10:07")), [Ongoing("o1", "10:00")], rules);

        Assert.Equal(OutageTreatment.IgnoredShort, Assert.Single(early.Outages).Treatment);
        Assert.Equal(Minutes(7), later.Downtime);
    }

    [Property(MaxTest = 200)]
    public Property An_ongoing_outage_measured_up_to_an_instant_counts_as_one_that_ended_there() =>
        Prop.ForAll(Gen.Choose(0, 1439).ToArbitrary(), Gen.Choose(1, 1440).ToArbitrary(), Gen.Elements(OutageImpact.Full, OutageImpact.Partial, OutageImpact.Degraded).ToArbitrary(), (start, until, impact) =>
        {
            var from = Day.Start + Duration.FromMinutes(start);
            var to = Day.Start + Duration.FromMinutes(until);
            var measured = new Interval(Day.Start, to);
            var ongoing = new Outage("o", "web", from, null) { Impact = impact };
            var closed = ongoing with { End = Instant.Max(from, to) };

            var open = AvailabilityCalculator.Measure(RoundTheClock, measured, [ongoing], Rules);
            var ended = AvailabilityCalculator.Measure(RoundTheClock, measured, [closed], Rules);

            Assert.Equal(ended.Downtime, open.Downtime);
            Assert.Equal(ended.Segments.ToArray(), open.Segments.ToArray());
        });

    [Fact]
    public void An_outage_without_an_end_reads_as_ongoing_and_an_outage_end_reads_apart()
    {
        var outage = (Outage)MeasureEventReader.ReadLine("""{"id":"o1","type":"outage","service":"web","start":"2026-03-02T10:00Z"}""", 1).Event!;
        var end = MeasureEventReader.ReadLine("""{"id":"e1","type":"outage_end","outage":"o1","end":"2026-03-02T11:00+01:00"}""", 2).Event;

        Assert.True(outage.IsOngoing);
        Assert.Equal(new OutageEnd("e1", "o1", OnDay("10:00")), end);
    }

    [Theory]
    [InlineData("""{"id":"e1","type":"outage_end","end":"2026-03-02T10:00Z"}""", "outage")]
    [InlineData("""{"id":"e1","type":"outage_end","outage":"o1"}""", "end")]
    [InlineData("""{"id":"e1","type":"outage_end","outage":"o1","end":"soon"}""", "end")]
    public void An_outage_end_needs_the_outage_it_ends_and_when(string line, string field)
    {
        Assert.Equal(field, MeasureEventReader.ReadLine(line, 1).Problem!.Field);
    }

    [Fact]
    public void An_outage_end_ends_its_outage_whichever_came_first()
    {
        var outage = new Outage("o1", "web", OnDay("10:00"), null);
        var end = new OutageEnd("e1", "o1", OnDay("10:30"));

        var endFirst = Build(end, outage);
        var outageFirst = Build(outage, end);

        Assert.Equal(OnDay("10:30"), Assert.Single(endFirst.Outages).End);
        Assert.Equal(OnDay("10:30"), Assert.Single(outageFirst.Outages).End);
        Assert.Equal(2, endFirst.Count);
    }

    [Fact]
    public void The_earliest_of_several_ends_counts_and_an_end_before_the_start_is_ignored()
    {
        var outage = new Outage("o1", "web", OnDay("10:00"), OnDay("12:00"));

        var events = Build(outage, new OutageEnd("e1", "o1", OnDay("11:00")), new OutageEnd("e2", "o1", OnDay("10:40")), new OutageEnd("e3", "o1", OnDay("11:30")), new OutageEnd("e4", "o1", OnDay("09:00")));

        Assert.Equal(OnDay("10:40"), Assert.Single(events.Outages).End);
    }

    [Fact]
    public void An_end_of_an_unknown_outage_is_kept_and_changes_nothing()
    {
        var events = Build(new Outage("o1", "web", OnDay("10:00"), null), new OutageEnd("e1", "o2", OnDay("10:30")));

        Assert.True(Assert.Single(events.Outages).IsOngoing);
        Assert.Single(events.OutageEnds);
    }

    [Property(MaxTest = 200)]
    public Property Joining_ends_does_not_depend_on_the_order_events_arrive_in() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var events = new List<object>();
            for (var i = 0; i < 4; i++)
            {
                var start = OnDay("00:00") + Duration.FromMinutes(random.Next(0, 1200));
                events.Add(new Outage($"o{i}", "web", start, random.Next(3) == 0 ? start + Duration.FromMinutes(random.Next(0, 200)) : null));
                for (var j = random.Next(0, 3); j > 0; j--)
                {
                    events.Add(new OutageEnd($"e{i}-{j}", $"o{random.Next(0, 5)}", OnDay("00:00") + Duration.FromMinutes(random.Next(0, 1440))));
                }
            }

            var inOrder = Build([.. events]);
            var shuffled = Build([.. events.OrderBy(_ => random.Next())]);

            Assert.Equal(inOrder.Outages.OrderBy(o => o.Id, StringComparer.Ordinal), shuffled.Outages.OrderBy(o => o.Id, StringComparer.Ordinal));
            Assert.All(inOrder.Outages, o => Assert.True(o.End is null || o.End >= o.Start));
        });

    private static MeasureEvents Build(params object[] events)
    {
        var builder = new MeasureEvents.Builder();
        foreach (var e in events)
        {
            builder.Add(e);
        }

        return builder.Build();
    }
}
