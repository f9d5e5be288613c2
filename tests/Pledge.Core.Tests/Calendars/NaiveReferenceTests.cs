using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Pledge.Tests.Calendars;

/// <summary>
/// The engine against <see cref="NaiveBusinessTime"/>, a minute-by-minute walk written from the documented
/// semantics, on generated calendars over spans of up to a few weeks.
/// </summary>
public sealed class NaiveReferenceTests
{
    private const long MaxSpan = 21 * NodaConstants.TicksPerDay;

    private static Arbitrary<CalendarCase> Cases => Arb.From(CalendarGen.Cases);

    [Property(MaxTest = 400)]
    public Property Elapsed_matches_the_naive_walk() =>
        Prop.ForAll(Cases, c =>
        {
            var naive = new NaiveBusinessTime(c.Spec);
            var from = c.Start;
            var to = from + Duration.FromTicks(c.GapTicks % MaxSpan * (c.First.Negative ? -1 : 1));

            Assert.Equal(naive.ElapsedTicks(from, to), c.Spec.Calendar.ElapsedTicks(from.ToUnixTimeTicks(), to.ToUnixTimeTicks()));
        });

    [Property(MaxTest = 400)]
    public Property Due_matches_the_naive_walk() =>
        Prop.ForAll(Cases, c =>
        {
            var naive = new NaiveBusinessTime(c.Spec);
            var calendar = c.Spec.Calendar;
            var start = c.Start;
            var ticks = c.First.Ticks(c.Spec, small: true);

            var due = calendar.Due(start, Duration.FromTicks(ticks));

            Assert.Equal(ticks, naive.ElapsedTicks(start, due));
            if (ticks > 0)
            {
                // Earliest: the tick before is business time (so any earlier instant has less).
                Assert.True(naive.IsOpen(due - Duration.FromTicks(1)), "the naive walk finds the tick before a positive due instant open");
            }
            else
            {
                // Latest (negative) or first at or after the start (zero): the due instant itself is business time.
                Assert.True(naive.IsOpen(due), "the naive walk finds a zero or negative due instant open");
            }

            if (ticks == 0 && due > start)
            {
                Assert.False(naive.IsOpen(due - Duration.FromTicks(1)), "zero moves to the first opening, not past one");
            }
        });

    [Property(MaxTest = 400)]
    public Property Windows_and_IsOpen_match_the_naive_walk() =>
        Prop.ForAll(Cases, c =>
        {
            var naive = new NaiveBusinessTime(c.Spec);
            var calendar = c.Spec.Calendar;
            var from = c.Start;
            var to = from + Duration.FromTicks(Math.Max(1, c.GapTicks % MaxSpan));

            Assert.Equal(naive.IsOpen(from), calendar.IsOpen(from));
            foreach (var window in calendar.Windows(from, to))
            {
                // Each window is open from its first tick to its last, per the naive walk, and closed just outside.
                Assert.True(naive.IsOpen(window.Start), $"window {window} opens on a closed minute");
                Assert.True(naive.IsOpen(window.End - Duration.FromTicks(1)), $"window {window} ends on a closed minute");
                Assert.True(window.Start == from || !naive.IsOpen(window.Start - Duration.FromTicks(1)), $"window {window} should have started earlier");
                Assert.True(window.End == to || !naive.IsOpen(window.End), $"window {window} should have ended later");
                Assert.Equal(naive.ElapsedTicks(window.Start, window.End), (window.End - window.Start).BclCompatibleTicks);
            }
        });
}
