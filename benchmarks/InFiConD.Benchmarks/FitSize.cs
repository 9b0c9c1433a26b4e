using System.Globalization;

namespace InFiConD.Benchmarks;

/// <summary>The shape of a student-fitting problem: N images, C concepts, K classes.</summary>
/// <param name="Images">N.</param>
/// <param name="Concepts">C.</param>
/// <param name="Classes">K.</param>
public sealed record FitSize(int Images, int Concepts, int Classes)
{
    /// <summary>PASCAL VOC scale: 10,000 images, the 584-concept built-in vocabulary, 20 classes.</summary>
    public static FitSize Voc { get; } = new(10_000, 584, 20);

    /// <summary>The scaling point: 50,000 images, 600 concepts, 100 classes.</summary>
    public static FitSize Large { get; } = new(50_000, 600, 100);

    /// <summary>A seconds-long shape for smoke runs (<c>INFICOND_BENCH_SMOKE=1</c>).</summary>
    public static FitSize Smoke { get; } = new(2_000, 64, 5);

    /// <summary>True when <c>INFICOND_BENCH_SMOKE=1</c>: the student-fit classes then run <see cref="Smoke"/> only.</summary>
    public static bool SmokeRequested => Environment.GetEnvironmentVariable("INFICOND_BENCH_SMOKE") == "1";

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"N={Images:N0} C={Concepts} K={Classes}");
}
