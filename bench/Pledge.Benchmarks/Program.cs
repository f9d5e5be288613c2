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

BenchmarkSwitcher.FromAssembly(typeof(BusinessTimeBenchmarks).Assembly).Run(args);
