using System.Globalization;
using BenchmarkDotNet.Running;
using Pledge.Benchmarks;

// dotnet run -c Release --project bench/Pledge.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Pledge.Benchmarks -- generate-tickets COUNT YYYY-MM SEED > tickets.jsonl
if (args is ["generate-tickets", var count, var month, var seed])
{
    using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 20);
    TicketGenerator.Write(output, int.Parse(count, CultureInfo.InvariantCulture), month, int.Parse(seed, CultureInfo.InvariantCulture));
    return 0;
}

// dotnet run -c Release --project bench/Pledge.Benchmarks -- generate-sample-measures samples/beverage-supplier/events 2026
if (args is ["generate-sample-measures", var directory, var measuresSeed])
{
    SampleMeasuresGenerator.Write(directory, int.Parse(measuresSeed, CultureInfo.InvariantCulture));
    return 0;
}

// dotnet run -c Release --project bench/Pledge.Benchmarks -- ingest DATABASE SERVER_DLL [EVENTS RATE SECONDS SENDERS]
if (args is ["ingest", var database, var serverDll, .. var rest])
{
    int Arg(int i, int fallback) => rest.Length > i ? int.Parse(rest[i], CultureInfo.InvariantCulture) : fallback;
    return await Pledge.Benchmarks.Ingestion.IngestionBenchmark.RunAsync(database, serverDll, Arg(0, 200_000), Arg(1, 500), Arg(2, 20), Arg(3, 2));
}

// Only the single-event latency part of the above, for profiling the server while it runs.
// dotnet run -c Release --project bench/Pledge.Benchmarks -- ingest-latency DATABASE SERVER_DLL [RATE SECONDS]
if (args is ["ingest-latency", var latencyDatabase, var latencyServer, .. var latencyRest])
{
    int Arg(int i, int fallback) => latencyRest.Length > i ? int.Parse(latencyRest[i], CultureInfo.InvariantCulture) : fallback;
    return await Pledge.Benchmarks.Ingestion.IngestionBenchmark.RunLatencyAsync(latencyDatabase, latencyServer, Arg(0, 500), Arg(1, 20));
}

// Only the batches over HTTP, likewise.
// dotnet run -c Release --project bench/Pledge.Benchmarks -- ingest-batches DATABASE SERVER_DLL [EVENTS SENDERS]
if (args is ["ingest-batches", var batchesDatabase, var batchesServer, .. var batchesRest])
{
    int Arg(int i, int fallback) => batchesRest.Length > i ? int.Parse(batchesRest[i], CultureInfo.InvariantCulture) : fallback;
    return await Pledge.Benchmarks.Ingestion.IngestionBenchmark.RunBatchesAsync(batchesDatabase, batchesServer, Arg(0, 200_000), Arg(1, 2));
}

BenchmarkSwitcher.FromAssembly(typeof(BusinessTimeBenchmarks).Assembly).Run(args);
return 0;
