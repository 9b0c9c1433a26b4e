using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using InFiConD.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --filter '*Scor*'   (see benchmarks/README.md)
Console.WriteLine(MachineInfo.Describe());
var config = DefaultConfig.Instance;
BenchmarkSwitcher.FromAssembly(typeof(ConceptScoringBenchmarks).Assembly).Run(args, config);
