using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using InFiConD.Core;

namespace InFiConD.Benchmarks;

/// <summary>
/// The blocked, register-tiled product C = A·Bᵀ with A = (N·P) × 512 segment rows (N = 10,000 images) and
/// B = 584 × 512 concepts, against a scalar triple loop and one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// per (i, j); plus the blocked kernel pinned to its AVX2, 128-bit and scalar micro-kernels, to show what each SIMD width buys.
/// </summary>
/// <remarks>
/// Every method uses the same thread count (<see cref="Threads"/>, one per processor); the baselines split A's rows
/// over <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>. At P = 49 (a 490,000 × 512 A and a 1.1 GB
/// product, 293 GFLOP per call) the two methods that run at scalar speed, <see cref="NaiveScalar"/> and
/// <see cref="BlockedScalarPath"/>, would take about a minute per call on two cores (five calls each), so they
/// compute only the rows of the first <see cref="SubsetImages"/> images there (49,000 rows); the Images/call column
/// says so, and at that size GFLOP/s and Speedup, not Mean or Ratio, are the comparable numbers.
/// </remarks>
[KernelJob]
[MemoryDiagnoser]
public class MultiplyTransposedBenchmarks : IWorkload
{
    /// <summary>Images whose rows the scalar-speed methods compute at P = 49.</summary>
    public const int SubsetImages = 1_000;

    /// <summary>Threads for every method: one per processor.</summary>
    public static readonly int Threads = Environment.ProcessorCount;

    private FloatMatrix _a = null!;
    private FloatMatrix _b = null!;
    private FloatMatrix _c = null!;
    private FloatMatrix _subsetA = null!;
    private FloatMatrix _subsetC = null!;
    private OnnxProductPeer? _onnxMatMul;
    private OnnxProductPeer? _onnxGemm;

    /// <summary>Rows of A per image: 1 or 49.</summary>
    [Params(1, 49)]
    public int P { get; set; }

    /// <inheritdoc />
    public static Workload Describe(string method, int segmentsPerImage)
    {
        var images = method is nameof(NaiveScalar) or nameof(BlockedScalarPath) ? ScalarMethodImages(segmentsPerImage) : SyntheticData.Images;
        return new Workload(images, images < SyntheticData.Images, 2.0 * images * segmentsPerImage * SyntheticData.Concepts * SyntheticData.Dimension);
    }

    /// <summary>Builds A, B, the product, and the subset copies the scalar-speed methods use at P = 49.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _a = SyntheticData.Uniform(SyntheticData.Images * P, SyntheticData.Dimension, seed: 42);
        _b = SyntheticData.Uniform(SyntheticData.Concepts, SyntheticData.Dimension, seed: 7);
        _c = new FloatMatrix(_a.Rows, _b.Rows);
        var subsetRows = ScalarMethodImages(P) * P;
        _subsetA = subsetRows == _a.Rows ? _a : FloatMatrix.FromValues(_a.RowBlock(0, subsetRows), subsetRows, _a.Columns);
        _subsetC = subsetRows == _a.Rows ? _c : new FloatMatrix(subsetRows, _b.Rows);
    }

    /// <summary>The inputs, then ONNX Runtime sessions for both forms of the product, bound to A and the product.</summary>
    [GlobalSetup(Targets = [nameof(OnnxRuntimeMatMul), nameof(OnnxRuntimeGemm)])]
    public void SetupOnnxRuntime()
    {
        Setup();
        _onnxMatMul = OnnxProductPeer.Product(_a, _b, _c, Threads, OnnxProductPeer.Form.MatMul);
        _onnxGemm = OnnxProductPeer.Product(_a, _b, _c, Threads, OnnxProductPeer.Form.Gemm);
    }

    /// <summary>Releases the ONNX Runtime sessions.</summary>
    [GlobalCleanup(Targets = [nameof(OnnxRuntimeMatMul), nameof(OnnxRuntimeGemm)])]
    public void CleanupOnnxRuntime()
    {
        _onnxMatMul?.Dispose();
        _onnxGemm?.Dispose();
    }

    /// <summary>Peer: ONNX Runtime (MLAS), a one-node graph <c>MatMul(A, Bᵀ)</c> with Bᵀ an initializer, IO bound, same threads.</summary>
    [Benchmark]
    public void OnnxRuntimeMatMul() => _onnxMatMul!.Run();

    /// <summary>Peer: ONNX Runtime (MLAS), a one-node graph <c>Gemm(A, B, transB = 1)</c> with B an initializer, IO bound, same threads.</summary>
    [Benchmark]
    public void OnnxRuntimeGemm() => _onnxGemm!.Run();

    /// <summary>The library's kernel (Kernels.MultiplyTransposed) on the widest SIMD path the hardware has.</summary>
    [Benchmark]
    public void Blocked() => Kernels.MultiplyTransposed(_a, _b, _c, Threads);

    /// <summary>The same blocked kernel pinned to its AVX2 (Vector256) micro-kernel.</summary>
    [Benchmark]
    public void BlockedVector256() => Kernels.MultiplyTransposed(_a, _b, _c, Threads, KernelPath.Vector256);

    /// <summary>The same blocked kernel pinned to its 128-bit (SSE here, AdvSimd on ARM64) micro-kernel: the path of a machine without 256-bit vectors.</summary>
    [Benchmark]
    public void BlockedVector128() => Kernels.MultiplyTransposed(_a, _b, _c, Threads, KernelPath.Vector128);

    /// <summary>The same blocked kernel pinned to its scalar micro-kernel (subset at P = 49).</summary>
    [Benchmark]
    public void BlockedScalarPath() => Kernels.MultiplyTransposed(_subsetA, _b, _subsetC, Threads, KernelPath.Scalar);

    /// <summary>A scalar triple loop: C[i, j] = Σ_k A[i, k] · B[j, k] (subset at P = 49).</summary>
    [Benchmark(Baseline = true)]
    public void NaiveScalar() => Parallel.For(0, _subsetA.Rows, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
    {
        ReadOnlySpan<float> a = _subsetA.Row(i);
        var c = _subsetC.Row(i);
        for (var j = 0; j < c.Length; j++)
        {
            ReadOnlySpan<float> b = _b.Row(j);
            var sum = 0f;
            for (var k = 0; k < a.Length; k++)
            {
                sum += a[k] * b[k];
            }
            c[j] = sum;
        }
    });

    /// <summary>One <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per (i, j), over all rows.</summary>
    [Benchmark]
    public void DotPerPair() => Parallel.For(0, _a.Rows, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
    {
        ReadOnlySpan<float> a = _a.Row(i);
        var c = _c.Row(i);
        for (var j = 0; j < c.Length; j++)
        {
            c[j] = TensorPrimitives.Dot(a, _b.Row(j));
        }
    });

    private static int ScalarMethodImages(int segmentsPerImage) => segmentsPerImage > 1 ? SubsetImages : SyntheticData.Images;
}
