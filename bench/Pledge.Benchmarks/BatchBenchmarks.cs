using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Pledge.Calendars;
using Pledge.Cli.Calendars;
using Pledge.Text;

namespace Pledge.Benchmarks;

/// <summary>
/// The <c>pledge calendar batch</c> loop in memory (parse, compute, format; no process start-up):
/// what each JSON line costs once the process runs.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1063 // BenchmarkDotNet needs an unsealed class; the cleanup is the whole of disposal.
public class BatchBenchmarks : IDisposable
#pragma warning restore CA1063
{
    private const int Lines = 100_000;

    private BusinessCalendar _calendar = null!;
    private byte[] _input = null!;
    private MemoryStream _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkCalendars.Load();
        var random = new Random(20261128);
        var yearStart = Instant.FromUtc(2026, 1, 1, 0, 0).ToUnixTimeTicks();
        var text = new StringBuilder();
        for (var i = 0; i < Lines; i++)
        {
            var start = yearStart + (random.NextInt64(365 * 24 * 60) * BusinessMinutes.TicksPerMinute);
            var minutes = random.Next(1, 4800);
            text.Append(CultureInfo.InvariantCulture, $"{{\"op\":\"due\",\"start\":\"{IsoInstant.Format(start, 0)}\",\"minutes\":{minutes}}}\n");
        }

        _input = Encoding.UTF8.GetBytes(text.ToString());
        _output = new MemoryStream(Lines * 40);
        new BatchProcessor(_calendar).Run(new MemoryStream(_input), _output);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _output?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public long DueLines()
    {
        _output.Position = 0;
        return new BatchProcessor(_calendar).Run(new MemoryStream(_input), _output);
    }
}
