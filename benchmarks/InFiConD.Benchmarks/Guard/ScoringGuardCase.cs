using System.Numerics.Tensors;
using InFiConD.Core;

namespace InFiConD.Benchmarks.Guard;

/// <summary>
/// The fused segment-max scorer (<see cref="Kernels.SegmentMaxCosine(FloatMatrix, ReadOnlySpan{int}, FloatMatrix, FloatMatrix, Span{int}, int)"/>)
/// against one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per (segment, concept) pair —
/// <see cref="ConceptScoringBenchmarks.DotPerPair"/>'s loops — at P = 49 segments per image (the 7 × 7 patch grid, the
/// case the fusion exists for) on the first <see cref="Images"/> images: 29 GFLOP per call, so the baseline takes
/// about a second on two cores. Both sides use one thread per processor.
/// </summary>
internal sealed class ScoringGuardCase : GuardCase
{
    /// <summary>Images scored per call.</summary>
    internal const int Images = 1_000;

    /// <summary>Segments per image.</summary>
    internal const int SegmentsPerImage = 49;

    private static readonly int Threads = Environment.ProcessorCount;

    private FloatMatrix _segments = null!;
    private int[] _offsets = null!;
    private FloatMatrix _concepts = null!;
    private FloatMatrix _scores = null!;
    private float[] _segmentNorms = null!;

    /// <inheritdoc />
    public override string Path => "scoring.segment-max";

    /// <inheritdoc />
    public override string Description =>
        $"Kernels.SegmentMaxCosine vs TensorPrimitives.Dot per (segment, concept) pair; N = {Images:N0}, P = {SegmentsPerImage}, C = {SyntheticData.Concepts}, D = {SyntheticData.Dimension}";

    /// <inheritdoc />
    public override int Rounds => 7;

    /// <inheritdoc />
    public override void Setup()
    {
        _segments = SyntheticData.Uniform(Images * SegmentsPerImage, SyntheticData.Dimension, seed: 42);
        _offsets = Enumerable.Range(0, Images + 1).Select(n => n * SegmentsPerImage).ToArray();
        _concepts = SyntheticData.ConceptBank();
        _scores = new FloatMatrix(Images, SyntheticData.Concepts);
        _segmentNorms = SyntheticData.RowNorms(_segments);
    }

    /// <inheritdoc />
    public override void RunPath() => Kernels.SegmentMaxCosine(_segments, _offsets, _concepts, _scores, default, Threads);

    /// <inheritdoc />
    public override void RunBaseline() => ConceptScoringBenchmarks.DotPerPairScoring(_segments, _segmentNorms, _offsets, _concepts, _scores, Images, Threads);
}
