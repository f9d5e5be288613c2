using NodaTime;
using Pledge.Calendars;

namespace Pledge.Tests.Calendars;

/// <summary>
/// A calendar builds its years lazily and is shared between threads: many threads asking about far-apart
/// years at once, each in its own order, must get exactly what one thread gets asking alone.
/// </summary>
public sealed class ThreadSafetyTests
{
    private const int Threads = 12;
    private const int Rounds = 8;

    [Theory]
    [InlineData("office")]
    [InlineData("night-tehran")]
    [InlineData("midnight-saopaulo")]
    [InlineData("24x7-berlin")]
    public void Concurrent_calls_on_a_fresh_calendar_give_the_sequential_results(string name)
    {
        var queries = Queries(TestCalendars.Get(name).Definition.NominalWeeklyTime);
        var sequential = TestCalendars.Fresh(name);
        var expected = queries.Select(q => q.Run(sequential)).ToArray();
        // Only the few queries that run off 1900 or 2199 may be out of range.
        Assert.InRange(expected.Count(r => r == long.MinValue), 0, queries.Length / 10);

        for (var round = 0; round < Rounds; round++)
        {
            var calendar = TestCalendars.Fresh(name);
            var results = new long[Threads][];
            using var barrier = new Barrier(Threads);
            var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                // Every thread walks the queries in its own order, so years get built from every direction at once.
                var order = Enumerable.Range(0, queries.Length).ToArray();
                new Random((round * Threads) + t).Shuffle(order);
                var mine = new long[queries.Length];
                barrier.SignalAndWait();
                foreach (var i in order)
                {
                    mine[i] = queries[i].Run(calendar);
                }

                results[t] = mine;
            })).ToList();

            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            for (var t = 0; t < Threads; t++)
            {
                Assert.Equal(expected, results[t]);
            }
        }
    }

    /// <summary>Due and Elapsed calls spread over the supported years, with durations up to a few years.</summary>
    private static Query[] Queries(Duration weekly)
    {
        var random = new Random(42);
        int[] years = [1901, 1925, 1950, 1987, 2000, 2026, 2038, 2070, 2100, 2150, 2180, 2197];
        var queries = new List<Query>();
        foreach (var year in years)
        {
            for (var i = 0; i < 6; i++)
            {
                var start = Instant.FromUtc(year, random.Next(1, 13), random.Next(1, 29), random.Next(0, 24), random.Next(0, 60));
                var duration = (long)(weekly.BclCompatibleTicks * 100 * random.NextDouble()) * (i % 2 == 0 ? 1 : -1);
                queries.Add(new Query(true, start.ToUnixTimeTicks(), duration));
                var other = Instant.FromUtc(years[random.Next(years.Length)], random.Next(1, 13), random.Next(1, 29), 12, 0);
                queries.Add(new Query(false, start.ToUnixTimeTicks(), other.ToUnixTimeTicks()));
            }
        }

        return [.. queries];
    }

    private readonly record struct Query(bool IsDue, long A, long B)
    {
        /// <summary>The answer, or <see cref="long.MinValue"/> when it is outside the supported years (which must not vary either).</summary>
        public long Run(BusinessCalendar calendar)
        {
            try
            {
                return IsDue ? calendar.DueUnixTicks(A, B) : calendar.ElapsedTicks(A, B);
            }
            catch (ArgumentOutOfRangeException)
            {
                return long.MinValue;
            }
        }
    }
}
