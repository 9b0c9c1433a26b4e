using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using InFiConD.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --filter '*Scor*'   (see benchmarks/README.md)
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --fidelity [--large [--with-mlnet]]
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --fit-sweep [--rounds 5] [--lambdas 1e-4,1e-3,3e-3]
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --dense-encode [--rounds 5] [--images 64] [--batches 1,4,8,16] [--configs 2x1,1x2]
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --bounded-refit [--rounds 15] [--smoke]
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --kernel-peers [--rounds 21] [--segments 1,49] [--threads 2]
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --gemm-phases [--rounds 11]
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --peak
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --encode-overhead [--rounds 7] [--models Fixture-L12,ResNet18-2x1]
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --session-size [--images 100000] [--concepts 584]
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --scale [--images 100000,1000000] [--concepts 100] [--classes 10]
//        dotnet run -c Release --project benchmarks/InFiConD.Benchmarks -- --guard [--floors benchmarks/floors.json] [--only path,path]   (exit code 1 on a regression)
Console.WriteLine(MachineInfo.Describe());
if (args.Contains("--guard"))
{
    Environment.ExitCode = InFiConD.Benchmarks.Guard.GuardReport.Run(args);
    return;
}
if (args.Contains("--fidelity"))
{
    FidelityReport.Run(args);
    return;
}
if (args.Contains("--fit-sweep"))
{
    FitSweepReport.Run(args);
    return;
}
if (args.Contains("--bounded-refit"))
{
    BoundedRefitReport.Run(args);
    return;
}
if (args.Contains("--session-size-load"))
{
    SessionSizeReport.RunLoad(args);
    return;
}
if (args.Contains("--session-size"))
{
    SessionSizeReport.Run(args);
    return;
}
if (args.Contains("--kernel-peers"))
{
    KernelPeersReport.Run(args);
    return;
}
if (args.Contains("--gemm-phases"))
{
    GemmPhasesReport.Run(args);
    return;
}
if (args.Contains("--peak"))
{
    Console.WriteLine($"Peak: {PeakFlops.Gflops:N1} GFLOP/s single precision (Vector{PeakFlops.VectorBits} FMAs on {Environment.ProcessorCount} threads)");
    return;
}
if (args.Contains("--scale"))
{
    ScaleReport.Run(args);
    return;
}
if (args.Contains("--encode-overhead"))
{
    EncodeOverheadReport.Run(args);
    return;
}
if (args.Contains("--dense-encode"))
{
    DenseEncodeReport.Run(args);
    return;
}
var config = DefaultConfig.Instance;
BenchmarkSwitcher.FromAssembly(typeof(ConceptScoringBenchmarks).Assembly).Run(args, config);
