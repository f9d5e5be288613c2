using BenchmarkDotNet.Attributes;
using NodaTime;
using Pledge.Calendars;

namespace Pledge.Benchmarks;

/// <summary>
/// Due and Elapsed on the calendar, random starts over 2026, durations from one minute to five
/// years of business time. Each invocation answers <see cref="Batch"/> calls, so the figures are per call.
/// </summary>
[MemoryDiagnoser]
public class BusinessTimeBenchmarks
{
    private const int Batch = 4096;
    private const long TicksPerMinute = 600_000_000;

    private BusinessCalendar _calendar = null!;
    private long[] _starts = null!;
    private long[] _ends = null!;
    private long _businessTicks;

    /// <summary>Business time added: 1 minute, 1 hour, 1 business day (8 h), 10 business days, 1 and 5 years of business days (250 × 8 h each).</summary>
    [Params("1 min", "1 h", "1 day", "10 days", "1 year", "5 years")]
    public string Duration { get; set; } = "1 min";

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkCalendars.Load();
        var random = new Random(20261128);
        var yearStart = Instant.FromUtc(2026, 1, 1, 0, 0).ToUnixTimeTicks();
        var year = NodaTime.Duration.FromDays(365).BclCompatibleTicks;
        _starts = new long[Batch];
        _ends = new long[Batch];
        for (var i = 0; i < Batch; i++)
        {
            _starts[i] = yearStart + (long)(random.NextDouble() * year) / TicksPerMinute * TicksPerMinute;
        }

        _businessTicks = Duration switch
        {
            "1 min" => 1,
            "1 h" => 60,
            "1 day" => 8 * 60,
            "10 days" => 10 * 8 * 60,
            "1 year" => 250 * 8 * 60,
            "5 years" => 5 * 250 * 8 * 60,
            _ => throw new InvalidOperationException(Duration),
        } * TicksPerMinute;

        // Build the years every query touches before measuring, as a long-running process would have.
        for (var i = 0; i < Batch; i++)
        {
            _ends[i] = _calendar.DueUnixTicks(_starts[i], _businessTicks);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Due()
    {
        long sum = 0;
        var starts = _starts;
        for (var i = 0; i < starts.Length; i++)
        {
            sum += _calendar.DueUnixTicks(starts[i], _businessTicks);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Elapsed()
    {
        long sum = 0;
        var starts = _starts;
        var ends = _ends;
        for (var i = 0; i < starts.Length; i++)
        {
            sum += _calendar.ElapsedTicks(starts[i], ends[i]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long DueWithNodaTimeTypes()
    {
        long sum = 0;
        var starts = _starts;
        var duration = NodaTime.Duration.FromTicks(_businessTicks);
        for (var i = 0; i < starts.Length; i++)
        {
            sum += _calendar.Due(Instant.FromUnixTimeTicks(starts[i]), duration).ToUnixTimeTicks();
        }

        return sum;
    }
}
