using BenchmarkDotNet.Attributes;
using NodaTime;
using Pledge.Agreements;
using Pledge.Reports;
using Pledge.Tickets;

namespace Pledge.Benchmarks;

/// <summary>
/// The ticket part of <c>pledge report</c> in Core, per ticket: 10,000 generated tickets of the beverage supplier
/// (as <see cref="ClockBenchmarks"/>) into the attainment of November 2026 as of 5 December, alone, with the ticket
/// trend and burn rates fed from the report's own measurements (what <c>pledge report</c> does), and with them
/// measuring every clock a second time on their own (<see cref="TicketOutcomes.Observe"/>, issue 3's comparison).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ReportBenchmarks
{
    private const int Tickets = 10_000;
    private const int TrendPeriods = 6;

    private ServiceLevelRepository _repository = null!;
    private TicketHistory[] _histories = null!;
    private ReportPeriod _period = null!;
    private Instant _asOf;

    [GlobalSetup]
    public void Setup()
    {
        (_repository, _histories) = ClockBenchmarks.Sample(Tickets);
        _period = ReportPeriod.TryParse("2026-11", out var period) ? period : throw new InvalidOperationException("2026-11");
        _asOf = Instant.FromUtc(2026, 12, 4, 23, 0);
    }

    /// <summary>Attainment rows, breaches with their explanations and clocks at risk; no trend, no burn rates.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Tickets)]
    public int Attainment() => AttainmentReport.Build(_repository, _histories, _period, _asOf).Breaches.Length;

    /// <summary>The same, the trend and burn rates counted from the same measurements (each clock measured once).</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public int AttainmentWithOutcomes()
    {
        var outcomes = new TicketOutcomes(_repository, _period.LastPeriods(TrendPeriods), _asOf);
        return AttainmentReport.Build(_repository, _histories, _period, _asOf, outcomes).Breaches.Length + outcomes.Reports().Length;
    }

    /// <summary>The same, the trend and burn rates measuring every clock again on the side.</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public int AttainmentObservingOutcomes()
    {
        var outcomes = new TicketOutcomes(_repository, _period.LastPeriods(TrendPeriods), _asOf);
        return AttainmentReport.Build(_repository, outcomes.Observe(_histories), _period, _asOf).Breaches.Length + outcomes.Reports().Length;
    }
}
