using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Pledge.Calendars;

namespace Pledge.Tests.Calendars;

/// <summary>
/// The arithmetic invariants, thousands of times, on the hand-checked calendars of the tables (shared
/// instances, so their tables grow as far-apart years are asked for), from 2000 to 2040, durations from
/// a tick to a few years.
/// </summary>
public sealed class NamedCalendarPropertyTests
{
    private static readonly string[] Names =
    [
        "office", "8x5", "24x7-berlin", "night-berlin", "early-berlin", "gap-open-berlin", "gap-close-berlin",
        "night-newyork", "midnight-saopaulo", "night-tehran", "early-sydney",
    ];

    private static Arbitrary<NamedCase> Cases { get; } = Arb.From(
        from name in Gen.Elements(Names)
        from start in CalendarGen.Instant2000To2040
        from snap in Gen.Choose(0, 3)
        from first in CalendarGen.Durations
        from second in CalendarGen.Durations
        select new NamedCase(name, start, snap, first, second));

    [Property(MaxTest = 2000)]
    public Property Elapsed_from_the_start_to_the_due_instant_is_the_duration() =>
        Prop.ForAll(Cases, c =>
        {
            var calendar = c.Calendar;
            var start = c.Start;
            var duration = c.Ticks(c.First);

            var due = calendar.DueUnixTicks(start, duration);

            Assert.Equal(duration, calendar.ElapsedTicks(start, due));
            Assert.Equal(-duration, calendar.ElapsedTicks(due, start));
            if (duration > 0)
            {
                Assert.True(calendar.IsOpen(Instant.FromUnixTimeTicks(due - 1)), "a positive due instant is inside a window or at its end");
            }
            else
            {
                Assert.True(calendar.IsOpen(Instant.FromUnixTimeTicks(due)), "a zero or negative due instant is business time");
            }
        });

    [Property(MaxTest = 2000)]
    public Property Due_composes_and_is_monotonic() =>
        Prop.ForAll(Cases, c =>
        {
            var calendar = c.Calendar;
            var start = c.Start;
            var a = Math.Abs(c.Ticks(c.First)) / 2;
            var b = Math.Max(1, Math.Abs(c.Ticks(c.Second)) / 2);

            Assert.Equal(calendar.DueUnixTicks(start, a + b), calendar.DueUnixTicks(calendar.DueUnixTicks(start, a), b));
            Assert.Equal(calendar.DueUnixTicks(start, -a - b), calendar.DueUnixTicks(calendar.DueUnixTicks(start, -a), -b));
            Assert.True(calendar.DueUnixTicks(start, a) <= calendar.DueUnixTicks(start, a + b));
            Assert.True(calendar.DueUnixTicks(start, -a - b) <= calendar.DueUnixTicks(start, -a));
            Assert.True(calendar.DueUnixTicks(start, a) <= calendar.DueUnixTicks(start + b, a));
        });

    [Property(MaxTest = 2000)]
    public Property Elapsed_is_antisymmetric_and_additive() =>
        Prop.ForAll(Cases, c =>
        {
            var calendar = c.Calendar;
            var a = c.Start;
            var b = a + c.Ticks(c.First);
            var m = a + (c.Ticks(c.Second) / 3);

            Assert.Equal(-calendar.ElapsedTicks(a, b), calendar.ElapsedTicks(b, a));
            Assert.Equal(calendar.ElapsedTicks(a, b), calendar.ElapsedTicks(a, m) + calendar.ElapsedTicks(m, b));
        });

    /// <summary>A named calendar, a start (maybe moved onto a window edge) and two durations.</summary>
    internal sealed record NamedCase(string Name, Instant RawStart, int Snap, DurationPick First, DurationPick Second)
    {
        public BusinessCalendar Calendar => TestCalendars.Get(Name);

        public long Start => (Snap switch
        {
            1 => Calendar.NextOpening(RawStart) ?? RawStart,
            2 => Calendar.NextClosing(RawStart) ?? RawStart,
            _ => RawStart,
        }).ToUnixTimeTicks();

        /// <summary>The duration, capped at about three years of the calendar's weekly time.</summary>
        public long Ticks(DurationPick pick)
        {
            var weekly = Calendar.Definition.NominalWeeklyTime.BclCompatibleTicks;
            var cap = 156 * weekly;
            var ticks = pick.Kind switch
            {
                0 => 0,
                1 or 2 => pick.Value,
                3 => (long)(cap * (pick.Value / 1_000_000.0)),
                _ => weekly * pick.Value,
            };
            ticks = Math.Min(ticks, cap);
            return pick.Negative ? -ticks : ticks;
        }

        public override string ToString() =>
            $"{Name}, start {Iso.InZone(Instant.FromUnixTimeTicks(Start), Calendar.Zone)} (raw {RawStart}, snap {Snap}), first {Ticks(First)} ticks, second {Ticks(Second)} ticks";
    }
}
