using BenchmarkDotNet.Attributes;

namespace InFiConD.Benchmarks;

/// <summary>
/// The student fit at PASCAL VOC scale: N = 10,000 images, C = 584 concepts, K = 20 classes (about a minute in all
/// on 2 cores). Methods and settings: <see cref="StudentFitBenchmarkBase"/>.
/// </summary>
[KernelJob]
[MemoryDiagnoser]
public class StudentFitBenchmarks : StudentFitBenchmarkBase
{
    /// <summary>The shapes this class runs: VOC scale (or the smoke shape).</summary>
    public static IEnumerable<FitSize> Sizes => FitSize.SmokeRequested ? [FitSize.Smoke] : [FitSize.Voc];

    /// <inheritdoc />
    [ParamsSource(nameof(Sizes))]
    public override FitSize Size { get; set; } = FitSize.Voc;
}
