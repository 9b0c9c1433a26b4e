using BenchmarkDotNet.Attributes;

namespace InFiConD.Benchmarks;

/// <summary>
/// The student fit at the scaling point: N = 50,000 images, C = 600 concepts, K = 100 classes. Every method finishes
/// a call within a minute and a half on 2 cores (ML.NET's included), but with five calls per method the class takes
/// about fifteen minutes. Methods and settings: <see cref="StudentFitBenchmarkBase"/>.
/// </summary>
[KernelJob]
[MemoryDiagnoser]
public class StudentFitLargeBenchmarks : StudentFitBenchmarkBase
{
    /// <summary>The shapes this class runs: the scaling point (or the smoke shape).</summary>
    public static IEnumerable<FitSize> Sizes => FitSize.SmokeRequested ? [FitSize.Smoke] : [FitSize.Large];

    /// <inheritdoc />
    [ParamsSource(nameof(Sizes))]
    public override FitSize Size { get; set; } = FitSize.Large;
}
