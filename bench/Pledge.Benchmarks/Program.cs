using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Pledge.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Pledge.Benchmarks.BusinessTimeBenchmarks).Assembly).Run(args);
