using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Pledge.Availability;
using Pledge.Calendars;

namespace Pledge.Benchmarks;

/// <summary>
/// The availability fast path (<see cref="CheckAccumulator"/>) against the goal: a year of 1-minute
/// check results for 1,000 services (525.6 million checks, generated as a stream) evaluated into availability
/// per month in Berlin; at least 50 million checks per second per core. Figures are per check.
/// </summary>
/// <remarks>
/// The stream (<see cref="CheckStream"/>): one result a minute per service from 1 January 2026 00:00 Berlin;
/// about 30 outages a service-year of 1 to 60 minutes (an eighth of them flapping: up about one check in four
/// inside the outage), and about 10 monitoring gaps a year of 6 to 120 minutes with no results. Each check
/// of a service-year is one operation.
/// </remarks>
[MemoryDiagnoser]
public class AvailabilityBenchmarks
{
    /// <summary>A year of one result a minute.</summary>
    private const int ChecksPerServiceYear = 365 * 24 * 60;

    private const int Services = 1_000;

    private BusinessCalendar _calendar = null!;
    private long[] _bounds = null!;
    private long[] _at = null!;
    private bool[] _up = null!;
    private AvailabilityRules _rules = null!;

    /// <summary>The agreed service hours: round the clock, or an office's Mon–Fri 08:00–18:00 with German holidays.</summary>
    [Params("24x7", "office")]
    public string Hours { get; set; } = "24x7";

    [GlobalSetup]
    public void Setup()
    {
        _calendar = CalendarFile.Load(Hours == "24x7" ? RoundTheClock : Office, Hours + ".yaml");
        _bounds = CheckAccumulator.MonthBounds(_calendar.Zone, new YearMonth(2026, 1), 12);
        _rules = new AvailabilityRules { CheckValidity = Duration.FromMinutes(5), MinimumOutage = Duration.FromMinutes(2) };
        _at = new long[ChecksPerServiceYear];
        _up = new bool[ChecksPerServiceYear];
        var stream = new CheckStream(_bounds[0], 1);
        stream.Fill(_at, _up);

        // Build the calendar's years before measuring, as a long-running process would have.
        _ = _calendar.ElapsedTicks(_bounds[0], _bounds[^1] + Duration.FromDays(2).BclCompatibleTicks);
    }

    /// <summary>One service-year from memory, fed as spans: the accumulator alone.</summary>
    [Benchmark(OperationsPerInvoke = ChecksPerServiceYear)]
    public long ServiceYear()
    {
        var accumulator = new CheckAccumulator(_calendar, _bounds, _rules);
        accumulator.Add(_at, _up);
        return Sum(accumulator);
    }

    /// <summary>One service-year from memory, one <see cref="CheckAccumulator.Add(long, bool)"/> call per check.</summary>
    [Benchmark(OperationsPerInvoke = ChecksPerServiceYear)]
    public long ServiceYearOneByOne()
    {
        var accumulator = new CheckAccumulator(_calendar, _bounds, _rules);
        var at = _at;
        var up = _up;
        for (var i = 0; i < at.Length; i++)
        {
            accumulator.Add(at[i], up[i]);
        }

        return Sum(accumulator);
    }

    /// <summary>The whole run: 1,000 services, each a year generated as a stream in 4,096-check chunks, into monthly tallies.</summary>
    [Benchmark(OperationsPerInvoke = ChecksPerServiceYear * Services)]
    public long ThousandServiceYearsGenerated()
    {
        Span<long> at = stackalloc long[4096];
        Span<bool> up = stackalloc bool[4096];
        long total = 0;
        for (var service = 0; service < Services; service++)
        {
            var stream = new CheckStream(_bounds[0], (ulong)service + 1);
            var accumulator = new CheckAccumulator(_calendar, _bounds, _rules);
            for (var left = ChecksPerServiceYear; left > 0; left -= at.Length)
            {
                var n = Math.Min(left, at.Length);
                stream.Fill(at[..n], up[..n]);
                accumulator.Add(at[..n], up[..n]);
            }

            total += Sum(accumulator);
        }

        return total;
    }

    private static long Sum(CheckAccumulator accumulator)
    {
        long down = 0;
        foreach (var tally in accumulator.Complete())
        {
            down += tally.DownTicks;
        }

        return down;
    }

    private const string RoundTheClock = """
        timezone: Europe/Berlin
        week:
          monday:    ["00:00-24:00"]
          tuesday:   ["00:00-24:00"]
          wednesday: ["00:00-24:00"]
          thursday:  ["00:00-24:00"]
          friday:    ["00:00-24:00"]
          saturday:  ["00:00-24:00"]
          sunday:    ["00:00-24:00"]
        """;

    private const string Office = """
        timezone: Europe/Berlin
        week:
          monday:    ["08:00-18:00"]
          tuesday:   ["08:00-18:00"]
          wednesday: ["08:00-18:00"]
          thursday:  ["08:00-18:00"]
          friday:    ["08:00-18:00"]
        holidays:
          - 2026-01-01
          - 2026-04-03
          - 2026-04-06
          - 2026-05-01
          - 2026-05-14
          - 2026-05-25
          - 2026-10-03
          - 2026-12-24
          - 2026-12-25
          - 2026-12-31
        """;

    /// <summary>
    /// One service's check results, one a minute, generated on the fly (xorshift): mostly up, outages of 1–60
    /// minutes (some flapping), and monitoring gaps of 6–120 minutes in which time passes without results.
    /// </summary>
    private struct CheckStream(long start, ulong seed)
    {
        private const long Minute = 600_000_000;

        // Per-minute chances, as thresholds on 32 random bits: ~30 outages and ~10 gaps in 525,600 minutes.
        private const uint OutageChance = (uint)(4_294_967_296 / 17_500);
        private const uint GapChance = (uint)(4_294_967_296 / 52_500);

        private ulong _state = (seed * 0x9E3779B97F4A7C15) | 1;
        private long _next = start + ((long)(seed % 60) * 10_000_000); // services check at different seconds
        private int _down; // minutes of outage left
        private bool _flapping;

        public void Fill(Span<long> at, Span<bool> up)
        {
            for (var i = 0; i < at.Length; i++)
            {
                var r = Next();
                if (_down == 0)
                {
                    if ((uint)r < OutageChance)
                    {
                        _down = 1 + (int)((r >> 32) % 60);
                        _flapping = ((r >> 40) & 7) == 0;
                    }
                    else if ((uint)r - OutageChance < GapChance)
                    {
                        _next += Minute * (6 + (long)((r >> 32) % 115));
                    }
                }

                at[i] = _next;
                // Flapping outages answer up about one check in four.
                up[i] = _down == 0 || (_flapping && ((r >> 48) & 3) == 0);
                _down -= _down > 0 ? 1 : 0;
                _next += Minute;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong Next()
        {
            var x = _state;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            _state = x;
            return x;
        }
    }
}
