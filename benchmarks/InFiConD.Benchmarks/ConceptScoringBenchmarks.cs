using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using InFiConD.Core;

namespace InFiConD.Benchmarks;

/// <summary>
/// The fused concept scorer, <c>score[n, c] = max(0, max_p cos(segment_p, concept_c))</c>, for N = 10,000 images,
/// D = 512, C = 584 and P segments per image, against two baselines that run the same loops without blocking:
/// one scalar dot per (segment, concept) pair, and one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per pair.
/// </summary>
/// <remarks>
/// All three methods use the same thread count (<see cref="Threads"/>, one per processor): the baselines split the
/// images over <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> and the fused kernel gets it as its
/// maximum degree of parallelism, so Ratio and Speedup compare kernels, not thread counts.
/// Every method scores all N images at both sizes, so Mean and Ratio compare equal work. At P = 49 that is
/// 293 GFLOP per call: about a minute for NaiveScalar on two cores (five calls with the kernel job), which is why
/// the whole class takes about seven minutes there.
/// </remarks>
[KernelJob]
[MemoryDiagnoser]
public class ConceptScoringBenchmarks : IWorkload
{
    /// <summary>Threads for every method: one per processor.</summary>
    public static readonly int Threads = Environment.ProcessorCount;

    private FloatMatrix _segments = null!;
    private int[] _offsets = null!;
    private FloatMatrix _concepts = null!;
    private FloatMatrix _scores = null!;
    private float[] _segmentNorms = null!;
    private OnnxProductPeer? _onnx;

    /// <summary>Segments per image: 1 (whole-image embeddings) or 49 (a 7 × 7 grid of patches).</summary>
    [Params(1, 49)]
    public int P { get; set; }

    /// <inheritdoc />
    public static Workload Describe(string method, int segmentsPerImage) =>
        new(SyntheticData.Images, IsSubset: false, 2.0 * SyntheticData.Images * segmentsPerImage * SyntheticData.Concepts * SyntheticData.Dimension);

    /// <summary>Builds N·P segment rows, the offsets of each image's P rows, a unit-norm concept bank and the segment norms.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _segments = SyntheticData.Uniform(SyntheticData.Images * P, SyntheticData.Dimension, seed: 42);
        _offsets = Enumerable.Range(0, SyntheticData.Images + 1).Select(n => n * P).ToArray();
        _concepts = SyntheticData.ConceptBank();
        _scores = new FloatMatrix(SyntheticData.Images, SyntheticData.Concepts);
        _segmentNorms = SyntheticData.RowNorms(_segments);
    }

    /// <summary>The inputs, then an ONNX Runtime session for the unfused scorer, bound to the segments and the scores.</summary>
    [GlobalSetup(Target = nameof(OnnxRuntimeMatMulMax))]
    public void SetupOnnxRuntime()
    {
        Setup();
        _onnx = OnnxProductPeer.SegmentMax(_segments, P, _concepts, _scores, Threads, OnnxProductPeer.Form.MatMul);
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    [GlobalCleanup(Target = nameof(OnnxRuntimeMatMulMax))]
    public void CleanupOnnxRuntime() => _onnx?.Dispose();

    /// <summary>Peer: ONNX Runtime, <c>LpNormalization → MatMul → Reshape → ReduceMax → Relu</c> in one graph, IO bound, same threads.</summary>
    [Benchmark]
    public void OnnxRuntimeMatMulMax() => _onnx!.Run();

    /// <summary>The library's fused kernel (Kernels.SegmentMaxCosine) over all N images.</summary>
    [Benchmark]
    public void Fused() => Kernels.SegmentMaxCosine(_segments, _offsets, _concepts, _scores, default, Threads);

    /// <summary>The fused kernel pinned to its 128-bit path (SSE here, AdvSimd on ARM64): what a machine without 256-bit vectors runs.</summary>
    [Benchmark]
    public void FusedVector128() => Kernels.SegmentMaxCosine(_segments, _offsets, _concepts, _scores, default, Threads, KernelPath.Vector128);

    /// <summary>Plain nested loops with a scalar dot product per (segment, concept) pair.</summary>
    [Benchmark(Baseline = true)]
    public void NaiveScalar() => Parallel.For(0, SyntheticData.Images, new ParallelOptions { MaxDegreeOfParallelism = Threads }, n =>
    {
        var scores = _scores.Row(n);
        for (var c = 0; c < scores.Length; c++)
        {
            ReadOnlySpan<float> concept = _concepts.Row(c);
            var best = 0f;
            for (var p = _offsets[n]; p < _offsets[n + 1]; p++)
            {
                ReadOnlySpan<float> segment = _segments.Row(p);
                var dot = 0f;
                for (var k = 0; k < segment.Length; k++)
                {
                    dot += segment[k] * concept[k];
                }
                var cosine = _segmentNorms[p] > 0f ? dot / _segmentNorms[p] : 0f;
                best = Math.Max(best, cosine);
            }
            scores[c] = best;
        }
    });

    /// <summary>The same loops with one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per (segment, concept) pair.</summary>
    [Benchmark]
    public void DotPerPair() => DotPerPairScoring(_segments, _segmentNorms, _offsets, _concepts, _scores, SyntheticData.Images, Threads);

    /// <summary>
    /// Segment-max cosine scoring with one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per
    /// (segment, concept) pair: the baseline of this class and of the regression guard's scoring case.
    /// </summary>
    internal static void DotPerPairScoring(FloatMatrix segments, float[] segmentNorms, int[] offsets, FloatMatrix concepts, FloatMatrix scoresOut, int images, int threads) =>
        Parallel.For(0, images, new ParallelOptions { MaxDegreeOfParallelism = threads }, n =>
        {
            var scores = scoresOut.Row(n);
            for (var c = 0; c < scores.Length; c++)
            {
                ReadOnlySpan<float> concept = concepts.Row(c);
                var best = 0f;
                for (var p = offsets[n]; p < offsets[n + 1]; p++)
                {
                    var dot = TensorPrimitives.Dot(segments.Row(p), concept);
                    var cosine = segmentNorms[p] > 0f ? dot / segmentNorms[p] : 0f;
                    best = Math.Max(best, cosine);
                }
                scores[c] = best;
            }
        });
}
