using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Pledge.Tests.Calendars;

/// <summary>
/// Arithmetic invariants of Due and Elapsed over generated calendars: random weekly windows (overnight ones
/// included), dated, annual and iCalendar holidays, in zones with many offset changes, from 2000 to 2040.
/// A failure prints the calendar as a file, the start and the durations.
/// </summary>
public sealed class RandomCalendarPropertyTests
{
    private const long Tick = 1;

    private static Arbitrary<CalendarCase> Cases => Arb.From(CalendarGen.Cases);

    [Property(MaxTest = 1000)]
    public Property Elapsed_from_the_start_to_the_due_instant_is_the_duration() =>
        Prop.ForAll(Cases, c =>
        {
            var calendar = c.Spec.Calendar;
            var start = c.Start.ToUnixTimeTicks();
            var duration = c.First.Ticks(c.Spec);

            var due = calendar.DueUnixTicks(start, duration);

            Assert.Equal(duration, calendar.ElapsedTicks(start, due));
        });

    [Property(MaxTest = 1000)]
    public Property Due_never_lands_inside_a_closed_period() =>
        Prop.ForAll(Cases, c =>
        {
            var calendar = c.Spec.Calendar;
            var start = c.Start;
            var duration = Duration.FromTicks(c.First.Ticks(c.Spec));

            var due = calendar.Due(start, duration);

            if (duration > Duration.Zero)
            {
                // The earliest such instant: inside a window or exactly at its end, so the tick before is open.
                Assert.True(due > start);
                Assert.True(calendar.IsOpen(due - Duration.FromTicks(Tick)), "the tick before a positive due instant is business time");
                Assert.Equal(duration - Duration.FromTicks(Tick), calendar.Elapsed(start, due - Duration.FromTicks(Tick)));
            }
            else if (duration < Duration.Zero)
            {
                // The latest such instant: inside a window or exactly at its start.
                Assert.True(due < start);
                Assert.True(calendar.IsOpen(due), "a negative due instant is business time (a window start at the latest)");
                Assert.Equal(-duration - Duration.FromTicks(Tick), calendar.Elapsed(due + Duration.FromTicks(Tick), start));
            }
            else
            {
                // The first business instant at or after the start.
                Assert.True(due >= start);
                Assert.True(calendar.IsOpen(due), "a zero due instant is business time");
                Assert.Equal(Duration.Zero, calendar.Elapsed(start, due));
                Assert.True(due == start || !calendar.IsOpen(due - Duration.FromTicks(Tick)), "nothing was open between the start and the opening");
            }
        });

    [Property(MaxTest = 600)]
    public Property Due_composes_for_durations_of_one_sign() =>
        Prop.ForAll(Cases, c =>
        {
            var calendar = c.Spec.Calendar;
            var start = c.Start.ToUnixTimeTicks();
            var a = Math.Abs(c.First.Ticks(c.Spec)) / 2;
            var b = Math.Max(Tick, Math.Abs(c.Second.Ticks(c.Spec)) / 2);

            // a ≥ 0, b > 0 (zero b is the documented exception, pinned in DueTableTests).
            Assert.Equal(calendar.DueUnixTicks(start, a + b), calendar.DueUnixTicks(calendar.DueUnixTicks(start, a), b));
            // And backwards: a ≤ 0, b < 0.
            Assert.Equal(calendar.DueUnixTicks(start, -a - b), calendar.DueUnixTicks(calendar.DueUnixTicks(start, -a), -b));
        });

    [Property(MaxTest = 600)]
    public Property Due_is_monotonic_in_the_start_and_in_the_duration() =>
        Prop.ForAll(Cases, c =>
        {
            var calendar = c.Spec.Calendar;
            var early = c.Start.ToUnixTimeTicks();
            var late = early + c.GapTicks;
            var d1 = c.First.Ticks(c.Spec);
            var d2 = c.Second.Ticks(c.Spec);

            Assert.True(calendar.DueUnixTicks(early, d1) <= calendar.DueUnixTicks(late, d1), "a later start never gives an earlier due instant");
            Assert.True(calendar.DueUnixTicks(early, Math.Min(d1, d2)) <= calendar.DueUnixTicks(early, Math.Max(d1, d2)), "a longer duration never gives an earlier due instant");
        });

    [Property(MaxTest = 1000)]
    public Property Elapsed_is_antisymmetric_and_additive() =>
        Prop.ForAll(Cases, c =>
        {
            var calendar = c.Spec.Calendar;
            var a = c.Start.ToUnixTimeTicks();
            var b = a + c.GapTicks;
            var m = a - (Math.Abs(c.First.Ticks(c.Spec)) % (400 * NodaConstants.TicksPerDay));

            Assert.Equal(-calendar.ElapsedTicks(a, b), calendar.ElapsedTicks(b, a));
            Assert.Equal(0, calendar.ElapsedTicks(a, a));
            // Additive whatever the order of the three instants.
            Assert.Equal(calendar.ElapsedTicks(a, b), calendar.ElapsedTicks(a, m) + calendar.ElapsedTicks(m, b));
            Assert.Equal(calendar.ElapsedTicks(m, b), calendar.ElapsedTicks(m, a) + calendar.ElapsedTicks(a, b));
            // Never more than the real time between them.
            Assert.InRange(calendar.ElapsedTicks(a, b), 0, b - a);
        });

    [Property(MaxTest = 600)]
    public Property Openings_closings_and_windows_agree_with_IsOpen_and_Elapsed() =>
        Prop.ForAll(Cases, c =>
        {
            var calendar = c.Spec.Calendar;
            var start = c.Start;
            var end = start + Duration.FromTicks(Math.Min(c.GapTicks, 60 * NodaConstants.TicksPerDay));

            var opening = calendar.NextOpening(start);
            Assert.NotNull(opening);
            Assert.True(opening >= start && calendar.IsOpen(opening.Value));
            Assert.Equal(Duration.Zero, calendar.Elapsed(start, opening.Value));
            Assert.True(opening == start || !calendar.IsOpen(opening.Value - Duration.FromTicks(Tick)));
            Assert.Equal(opening, calendar.Due(start, Duration.Zero));

            var closing = calendar.NextClosing(start);
            if (closing is null)
            {
                // Only a calendar open from here to the end of 2199 never closes.
                var later = start + Duration.FromDays(400);
                Assert.Equal(later - start, calendar.Elapsed(start, later));
            }
            else
            {
                Assert.True(closing >= start && !calendar.IsOpen(closing.Value));
                Assert.Equal(closing.Value - start, calendar.Elapsed(start, closing.Value));
            }

            var windows = calendar.Windows(start, end);
            var total = Duration.Zero;
            Instant? previousEnd = null;
            foreach (var window in windows)
            {
                Assert.True(window.Start < window.End);
                Assert.True(window.Start >= start && window.End <= end);
                // Disjoint and never touching: touching windows are one.
                Assert.True(previousEnd is null || previousEnd < window.Start);
                Assert.True(calendar.IsOpen(window.Start) && calendar.IsOpen(window.End - Duration.FromTicks(Tick)));
                Assert.True(window.Start == start || !calendar.IsOpen(window.Start - Duration.FromTicks(Tick)));
                Assert.True(window.End == end || !calendar.IsOpen(window.End));
                total += window.Duration;
                previousEnd = window.End;
            }

            Assert.Equal(calendar.Elapsed(start, end), total);
        });
}
