using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Pledge.Deliveries;
using static Pledge.Tests.Deliveries.DeliveryKit;
using Interval = NodaTime.Interval;

namespace Pledge.Tests.Deliveries;

/// <summary>Invariants of the delivery matcher over generated schedules and deliveries across the autumn clock change.</summary>
public sealed class DeliveryPropertyTests
{
    private static Arbitrary<DeliveryCase> Cases { get; } = Arb.From(DeliveryGen.Cases);

    [Property(MaxTest = 300)]
    public Property On_time_late_short_and_missed_add_up_to_the_scheduled_slots() =>
        Prop.ForAll(Cases, c =>
        {
            var result = c.Match();

            Assert.Equal(result.Slots.Length, result.Scheduled);
            Assert.Equal(result.Scheduled, result.OnTime + result.Late + result.Count(DeliveryOutcome.Short) + result.Missed);
            Assert.Equal(result.Scheduled == 0 ? 1.0 : (double)result.OnTime / result.Scheduled, result.Attainment);
        });

    [Property(MaxTest = 300)]
    public Property Input_order_never_changes_the_result() =>
        Prop.ForAll(Cases, c =>
        {
            var random = new Random(c.Seed);
            var shuffled = c.Deliveries.OrderBy(_ => random.Next()).ToList();

            var plain = c.Match();
            var scrambled = DeliveryMatcher.Match(c.Calendar, c.Period, shuffled, c.Rules);
            var reversed = DeliveryMatcher.Match(c.Calendar, c.Period, c.Deliveries.Reverse(), c.Rules);

            Assert.Equal(Show(plain), Show(scrambled));
            Assert.Equal(Show(plain), Show(reversed));
            Assert.Equal(Ids(plain.Unscheduled), Ids(scrambled.Unscheduled));
            Assert.Equal(Ids(plain.Unscheduled), Ids(reversed.Unscheduled));
        });

    [Property(MaxTest = 300)]
    public Property Splitting_the_period_anywhere_splits_its_slots_and_unscheduled_deliveries() =>
        Prop.ForAll(Cases, c =>
        {
            var cut = Cut(c);

            var whole = c.Match();
            var first = c.Match(new Interval(c.Period.Start, cut));
            var second = c.Match(new Interval(cut, c.Period.End));

            Assert.Equal(Show(whole), Show(first).Concat(Show(second)).ToArray());
            Assert.Equal(Ids(whole.Unscheduled), Ids(first.Unscheduled).Concat(Ids(second.Unscheduled)).ToArray());
        });

    /// <summary>Somewhere in the case's period: anywhere, at a local midnight, or just before a delivery (where boundary mistakes show).</summary>
    private static Instant Cut(DeliveryCase c)
    {
        var start = c.Period.Start;
        var span = c.Period.End - start;
        var random = new Random(c.Seed);
        var anywhere = start + Duration.FromMinutes((long)(span.TotalMinutes * random.NextDouble()));
        var cut = random.Next(3) switch
        {
            0 => anywhere,
            1 => Berlin.AtStartOfDay(anywhere.InZone(Berlin).Date).ToInstant(),
            _ => c.Deliveries.IsEmpty ? anywhere : c.Deliveries[random.Next(c.Deliveries.Length)].At - Duration.FromMinutes(random.Next(0, 90)),
        };
        return cut < start || cut > c.Period.End ? anywhere : cut;
    }

    [Property(MaxTest = 300)]
    public Property Every_match_obeys_the_rules() =>
        Prop.ForAll(Cases, c =>
        {
            var result = c.Match();
            var tolerance = Duration.FromMinutes(c.ToleranceMinutes);
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var slot in result.Slots)
            {
                Assert.True(c.Period.Contains(slot.WindowStart));
                Assert.True(slot.WindowStart < slot.WindowEnd);
                Assert.Equal(slot.Date, slot.WindowStart.InZone(Berlin).Date);
                if (slot.Delivery is not { } delivery)
                {
                    Assert.Equal(DeliveryOutcome.Missed, slot.Outcome);
                    continue;
                }

                Assert.True(used.Add(delivery.Id), $"{delivery.Id} fills two slots");
                Assert.Equal(slot.Service, delivery.Service, ignoreCase: true);
                Assert.True(delivery.Slot is null || string.Equals(delivery.Slot, slot.Slot, StringComparison.OrdinalIgnoreCase));
                Assert.True(delivery.At >= slot.WindowStart || delivery.At >= slot.WindowEnd + tolerance);
                var late = delivery.At >= slot.WindowEnd + tolerance;
                Assert.Equal(late ? delivery.At - slot.WindowEnd : Duration.Zero, slot.Late);
                if (late)
                {
                    Assert.Equal(slot.Date, delivery.At.InZone(Berlin).Date);
                }

                var isShort = slot.Quantity is { } wanted && delivery.Quantity < wanted;
                var expected = isShort ? DeliveryOutcome.Short : late ? DeliveryOutcome.Late : DeliveryOutcome.OnTime;
                Assert.Equal(expected, slot.Outcome);
            }

            foreach (var delivery in result.Unscheduled)
            {
                Assert.True(used.Add(delivery.Id), $"{delivery.Id} is both matched and unscheduled");
                Assert.True(c.Period.Contains(delivery.At));
            }
        });

    [Property(MaxTest = 300)]
    public Property Over_a_period_holding_every_delivery_each_one_fills_a_slot_or_is_unscheduled() =>
        Prop.ForAll(Cases, c =>
        {
            // From the day before the first delivery: no window before the period can take any of them.
            var wide = new Interval(DeliveryGen.Start - Duration.FromDays(1), DeliveryGen.Start + DeliveryGen.Span + Duration.FromDays(1));

            var result = c.Match(wide);

            var filled = result.Slots.Where(s => s.Delivery is not null).Select(s => s.Delivery!.Id);
            Assert.Equal(c.Deliveries.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray(), filled.Concat(Ids(result.Unscheduled)).Order(StringComparer.Ordinal).ToArray());
        });
}
