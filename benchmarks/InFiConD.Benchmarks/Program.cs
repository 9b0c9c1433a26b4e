using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using InFiConD.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --filter '*Scor*'   (see benchmarks/README.md)
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --fidelity [--large [--with-mlnet]]
Console.WriteLine(MachineInfo.Describe());
if (args.Contains("--fidelity"))
{
    FidelityReport.Run(args);
    return;
}
var config = DefaultConfig.Instance;
BenchmarkSwitcher.FromAssembly(typeof(ConceptScoringBenchmarks).Assembly).Run(args, config);
