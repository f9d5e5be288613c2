using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Pledge.Agreements;
using Pledge.Clocks;
using Pledge.Tickets;

namespace Pledge.Benchmarks;

/// <summary>
/// Evaluating ticket clocks in Core: 10,000 generated tickets of the beverage supplier (about 6.5 events
/// each), every SLA target resolved across levels and its clock folded over the ticket's events.
/// Figures are per ticket (all its clocks).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ClockBenchmarks
{
    private const int Tickets = 10_000;

    private ServiceLevelRepository _repository = null!;
    private TicketHistory[] _histories = null!;
    private (ClockDefinition Clock, TicketHistory History)[] _clocks = null!;
    private Instant _asOf;
    private readonly List<MeasurementTicks> _measurements = new(8);

    [GlobalSetup]
    public void Setup()
    {
        (_repository, _histories) = Sample(Tickets);
        _asOf = Instant.FromUtc(2026, 12, 5, 0, 0);
        _clocks = [.. _histories.SelectMany(h => _repository.Resolve(h.Created!.Customer, h.Created.Service, h.Created.Priority, h.Created.At)
            .Select(r => (_repository.ClockFor(r.Winner), h)))];
    }

    /// <summary>The clocks alone, targets already resolved (what a live monitor recomputes on an event).</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public int EvaluateClocks()
    {
        var breached = 0;
        foreach (var (clock, history) in _clocks)
        {
            breached += ClockEvaluator.Evaluate(clock, history, _asOf).IsBreached ? 1 : 0;
        }

        return breached;
    }

    /// <summary>The clocks without their explaining timelines (what reports and the monitor need).</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public int EvaluateClocksWithoutExplanation()
    {
        var breached = 0;
        foreach (var (clock, history) in _clocks)
        {
            breached += ClockEvaluator.Evaluate(clock, history, _asOf, explain: false).IsBreached ? 1 : 0;
        }

        return breached;
    }

    /// <summary>Resolution across levels (cached per customer, service, priority and version period) plus every clock without its explanation, per ticket: a report's work.</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public int ResolveAndEvaluate()
    {
        var breached = 0;
        foreach (var history in _histories)
        {
            var created = history.Created!;
            foreach (var resolution in _repository.Resolve(created.Customer, created.Service, created.Priority, created.At))
            {
                breached += ClockEvaluator.Evaluate(_repository.ClockFor(resolution.Winner), history, _asOf, explain: false).IsBreached ? 1 : 0;
            }
        }

        return breached;
    }

    /// <summary>
    /// Resolution plus every clock measured as <c>AttainmentReport</c> measures them (<see cref="ClockEvaluator.Measure"/>:
    /// the same measurements into a reused buffer, no outcome objects), per ticket.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public int ResolveAndMeasure()
    {
        var breached = 0;
        foreach (var history in _histories)
        {
            var created = history.Created!;
            foreach (var resolution in _repository.Resolve(created.Customer, created.Service, created.Priority, created.At))
            {
                _measurements.Clear();
                ClockEvaluator.Measure(_repository.ClockFor(resolution.Winner), history, _asOf, _measurements);
                foreach (var measurement in _measurements)
                {
                    breached += measurement.IsBreached ? 1 : 0;
                }
            }
        }

        return breached;
    }

    /// <summary>The beverage supplier's repository and <paramref name="tickets"/> generated tickets of November 2026, read as a report reads them (shared strings).</summary>
    internal static (ServiceLevelRepository Repository, TicketHistory[] Histories) Sample(int tickets)
    {
        var root = FindRepositoryRoot();
        var read = ServiceLevelRepositoryReader.Read(new FolderSource(Path.Combine(root, "samples", "beverage-supplier")));
        var repository = read.Repository ?? throw new InvalidOperationException(string.Join(Environment.NewLine, read.Problems));
        var text = new StringWriter();
        TicketGenerator.Write(text, tickets, "2026-11", 11);
        TicketHistory[] histories = [.. TicketEventReader.ReadJsonLines(new StringReader(text.ToString()))
            .Select(r => r.Event ?? throw new InvalidOperationException(r.Problem!.ToString()))
            .GroupBy(e => e.TicketId)
            .Select(g => TicketHistory.Of(g))];
        return (repository, histories);
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pledge.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Pledge.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class FolderSource(string root) : IRepositorySource
    {
        public bool Exists(string path) => File.Exists(Path.Combine(root, path));

        public IReadOnlyList<string> YamlFiles(string folder) =>
            Directory.Exists(Path.Combine(root, folder))
                ? [.. Directory.EnumerateFiles(Path.Combine(root, folder), "*.yaml").Select(f => $"{folder}/{Path.GetFileName(f)}").Order(StringComparer.Ordinal)]
                : ImmutableArray<string>.Empty;

        public string Read(string path) => File.ReadAllText(Path.Combine(root, path));
    }
}
