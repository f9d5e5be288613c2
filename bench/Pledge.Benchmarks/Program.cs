using System.Globalization;
using BenchmarkDotNet.Running;
using Pledge.Benchmarks;

// dotnet run -c Release --project bench/Pledge.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Pledge.Benchmarks -- generate-tickets COUNT YYYY-MM SEED > tickets.jsonl
if (args is ["generate-tickets", var count, var month, var seed])
{
    using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 20);
    TicketGenerator.Write(output, int.Parse(count, CultureInfo.InvariantCulture), month, int.Parse(seed, CultureInfo.InvariantCulture));
    return;
}

// dotnet run -c Release --project bench/Pledge.Benchmarks -- generate-sample-measures samples/beverage-supplier/events 2026
if (args is ["generate-sample-measures", var directory, var measuresSeed])
{
    SampleMeasuresGenerator.Write(directory, int.Parse(measuresSeed, CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BusinessTimeBenchmarks).Assembly).Run(args);
