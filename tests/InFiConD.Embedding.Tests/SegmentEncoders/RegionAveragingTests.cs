using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Segments;

/// <summary><see cref="MaskPooling.Average"/> and box coverage against hand-computed values.</summary>
public sealed class RegionAveragingTests
{
    private const float Tolerance = 1e-6f;

    /// <summary>Four 10 × 10 patches tiling a 20 × 20 image.</summary>
    private static readonly SegmentBox[] Patches = [new(0, 0, 10, 10), new(10, 0, 10, 10), new(0, 10, 10, 10), new(10, 10, 10, 10)];

    [Fact]
    public void Box_coverage_is_the_fraction_of_each_patch_inside()
    {
        Assert.Equal([1f, 1f, 1f, 1f], MaskPooling.CoverageWeights(Patches, SegmentBox.Whole(20, 20)));
        Assert.Equal([1f, 0.5f, 0f, 0f], MaskPooling.CoverageWeights(Patches, new SegmentBox(0, 0, 15, 10)));
        Assert.Equal([0.25f, 0f, 0f, 0f], MaskPooling.CoverageWeights(Patches, new SegmentBox(5, 5, 5, 5)));
        Assert.Equal([0f, 0f, 0f, 0f], MaskPooling.CoverageWeights(Patches, new SegmentBox(30, 30, 5, 5)));
    }

    [Fact]
    public void The_average_is_weighted_and_not_normalised()
    {
        float[] patches = [1, 2, 3, 4, 5, 6, 7, 8];
        var destination = new float[2];
        MaskPooling.Average(patches, [1f, 1f, 1f, 1f], destination);
        Assert.Equal(4f, destination[0], Tolerance);
        Assert.Equal(5f, destination[1], Tolerance);
        MaskPooling.Average(patches, [1f, 0.5f, 0f, 0f], destination);
        Assert.Equal((1f + 1.5f) / 1.5f, destination[0], Tolerance);
        Assert.Equal((2f + 2f) / 1.5f, destination[1], Tolerance);
        MaskPooling.Average(patches, [0f, 0f, 0f, 0f], destination);
        Assert.Equal([0f, 0f], destination);
    }

    [Fact]
    public void Bad_lengths_and_weights_are_refused()
    {
        Assert.Throws<ShapeMismatchException>(() => MaskPooling.Average(new float[7], new float[4], new float[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaskPooling.Average(new float[8], [1f, -1f, 0f, 0f], new float[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaskPooling.Average(new float[8], [1f, float.NaN, 0f, 0f], new float[2]));
    }
}
