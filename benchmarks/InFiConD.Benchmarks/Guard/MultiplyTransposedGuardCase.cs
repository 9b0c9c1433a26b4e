using System.Numerics.Tensors;
using InFiConD.Core;

namespace InFiConD.Benchmarks.Guard;

/// <summary>
/// <see cref="Kernels.MultiplyTransposed(FloatMatrix, FloatMatrix, FloatMatrix, int)"/> (C = A·Bᵀ) against one
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per (i, j) — the
/// <see cref="MultiplyTransposedBenchmarks"/> class run at P = 1, its own methods: A = 10,000 × 512 whole-image rows,
/// B = 584 × 512 concepts, 6 GFLOP per call (about 50 ms for the kernel, 200 ms for the baseline on two cores).
/// </summary>
internal sealed class MultiplyTransposedGuardCase : GuardCase
{
    private readonly MultiplyTransposedBenchmarks _benchmarks = new() { P = 1 };

    /// <inheritdoc />
    public override string Path => "gemm.multiply-transposed";

    /// <inheritdoc />
    public override string Description =>
        $"Kernels.MultiplyTransposed vs TensorPrimitives.Dot per (i, j); A = {SyntheticData.Images:N0} × {SyntheticData.Dimension}, B = {SyntheticData.Concepts} × {SyntheticData.Dimension}";

    /// <inheritdoc />
    public override int Rounds => 11;

    /// <inheritdoc />
    public override int WarmupRounds => 2;

    /// <inheritdoc />
    public override void Setup() => _benchmarks.Setup();

    /// <inheritdoc />
    public override void RunPath() => _benchmarks.Blocked();

    /// <inheritdoc />
    public override void RunBaseline() => _benchmarks.DotPerPair();
}
