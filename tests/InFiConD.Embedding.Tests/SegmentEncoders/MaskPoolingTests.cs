using InFiConD.Core;

namespace InFiConD.Embedding.Tests;

/// <summary><see cref="MaskPooling"/> and <see cref="MaskPooledSegmentEncoder"/> against hand computations in double.</summary>
public sealed class MaskPoolingTests
{
    private const float Tolerance = 1e-6f;

    /// <summary>A 2 × 2 patch grid over a 4 × 4 image: patches 0 (top-left), 1 (top-right), 2 (bottom-left), 3 (bottom-right).</summary>
    private static readonly SegmentBox[] Grid = [new(0, 0, 2, 2), new(2, 0, 2, 2), new(0, 2, 2, 2), new(2, 2, 2, 2)];

    /// <summary>Four 3-d patch vectors, not normalised, so a wrong weighting shows.</summary>
    private static readonly float[][] Patch = [[1, 2, 2], [0, -3, 4], [5, 0, 0], [2, -1, 0.5f]];

    private static FloatMatrix Patches => FloatMatrix.FromRows(Patch);

    private static SegmentMask Mask(int width, int height, params (int X, int Y)[] pixels)
    {
        var values = new byte[width * height];
        foreach (var (x, y) in pixels)
        {
            values[(y * width) + x] = 1;
        }
        return new SegmentMask(width, height, values);
    }

    /// <summary>Σ w_p e_p / ‖Σ w_p e_p‖ in double.</summary>
    private static float[] Expected(params double[] weights)
    {
        var sum = new double[3];
        for (var p = 0; p < weights.Length; p++)
        {
            for (var j = 0; j < 3; j++)
            {
                sum[j] += weights[p] * Patch[p][j];
            }
        }
        var norm = Math.Sqrt(sum.Sum(v => v * v));
        return sum.Select(v => (float)(v / norm)).ToArray();
    }

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.True(MathF.Abs(expected[j] - actual[j]) <= Tolerance, $"value {j}: expected {expected[j]}, got {actual[j]}");
        }
    }

    [Fact]
    public void A_mask_covering_exactly_patches_0_and_3_gives_their_normalised_mean()
    {
        var mask = Mask(4, 4, (0, 0), (1, 0), (0, 1), (1, 1), (2, 2), (3, 2), (2, 3), (3, 3));
        Assert.Equal([1f, 0f, 0f, 1f], MaskPooling.CoverageWeights(Grid, mask));
        var pooled = MaskPooling.Pool(Patches, Grid, [mask]);
        Assert.Equal((1, 3), (pooled.Rows, pooled.Columns));
        // (e0 + e3) / 2 = (1.5, 0.5, 1.25); its norm is √(2.25 + 0.25 + 1.5625) = √4.0625.
        var norm = Math.Sqrt(4.0625);
        AssertClose([(float)(1.5 / norm), (float)(0.5 / norm), (float)(1.25 / norm)], pooled.Row(0));
        AssertClose(Expected(1, 0, 0, 1), pooled.Row(0));
    }

    [Fact]
    public void Partly_covered_patches_count_by_the_fraction_covered()
    {
        // All of patch 0, the top row of patch 1 (2 of 4 pixels), one pixel of patch 3 (1 of 4).
        var mask = Mask(4, 4, (0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (3, 0), (3, 3));
        Assert.Equal([1f, 0.5f, 0f, 0.25f], MaskPooling.CoverageWeights(Grid, mask));
        AssertClose(Expected(1, 0.5, 0, 0.25), MaskPooling.Pool(Patches, Grid, [mask]).Row(0));
    }

    [Fact]
    public void Uneven_patches_are_weighted_by_their_own_area()
    {
        // A 5 × 3 image with a 2 × 1 grid of patches 2 and 3 pixels wide; the mask is column 1 and column 4.
        SegmentBox[] boxes = [new(0, 0, 2, 3), new(2, 0, 3, 3)];
        var mask = Mask(5, 3, (1, 0), (1, 1), (1, 2), (4, 0), (4, 1), (4, 2));
        var weights = MaskPooling.CoverageWeights(boxes, mask);
        Assert.Equal(0.5f, weights[0]);
        Assert.Equal((float)(1.0 / 3), weights[1]);
    }

    [Fact]
    public void Several_masks_give_one_row_each_in_order()
    {
        var whole = Mask(4, 4, [.. Enumerable.Range(0, 16).Select(i => (i % 4, i / 4))]);
        var bottomLeft = Mask(4, 4, (0, 2), (1, 2), (0, 3), (1, 3));
        var pooled = MaskPooling.Pool(Patches, Grid, [whole, bottomLeft]);
        AssertClose(Expected(1, 1, 1, 1), pooled.Row(0));
        AssertClose([1, 0, 0], pooled.Row(1));
    }

    [Fact]
    public void A_mask_outside_every_patch_pools_to_zero()
    {
        // The patches cover only the left 4 columns of a 6-wide image (as a centre crop leaves the sides out).
        var mask = Mask(6, 4, (5, 0), (5, 1));
        var pooled = MaskPooling.Pool(Patches, Grid, [mask]);
        Assert.Equal([0f, 0f, 0f], pooled.Row(0).ToArray());
    }

    [Fact]
    public void Bad_shapes_and_weights_are_refused()
    {
        var small = Mask(3, 3, (0, 0));
        Assert.Throws<ShapeMismatchException>(() => MaskPooling.CoverageWeights(Grid, small));
        Assert.Throws<ShapeMismatchException>(() => MaskPooling.Pool(Patches, Grid.Take(3).ToArray(), [Mask(4, 4, (0, 0))]));
        Assert.Throws<ShapeMismatchException>(() => MaskPooling.Pool(new float[12], new float[4], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaskPooling.Pool(new float[6], [1f, -1f], new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaskPooling.Pool(new float[6], [1f, float.NaN], new float[3]));
    }

    private static readonly (byte R, byte G, byte B)[] Quadrants = [(250, 0, 0), (0, 250, 0), (0, 0, 250), (120, 120, 120)];

    private static float[] PatchOf(int quadrant) =>
        TinyClipExport.Normalized(TinyClipExport.Project(TinyClipExport.Pixel(Quadrants[quadrant].R, Quadrants[quadrant].G, Quadrants[quadrant].B), TinyClipModels.PatchWeight));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_encoder_pools_clip_patches_under_each_mask_skipping_the_global_segment(bool includeGlobal)
    {
        using var export = TinyClipExport.Separate(new TinyClipModels.Spec { PatchName = "patch_embeds" });
        using var clip = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { IncludeGlobal = includeGlobal }));
        // Top-left and bottom-right quadrants; and the top half of the top-right quadrant.
        var diagonal = new bool[224, 224];
        var half = new bool[224, 224];
        for (var y = 0; y < 224; y++)
        {
            for (var x = 0; x < 224; x++)
            {
                diagonal[y, x] = (x < 112) == (y < 112);
                half[y, x] = x >= 112 && y < 56;
            }
        }
        var masks = Segmentation.FromMasks([SegmentMask.FromBooleans(diagonal), SegmentMask.FromBooleans(half)]);
        var encoder = MaskPooledSegmentEncoder.Create(clip, masks);
        Assert.Equal(4, encoder.Dimension);
        Assert.StartsWith($"maskpool[{masks.Key}]:clip:", encoder.ModelId, StringComparison.Ordinal);
        Assert.Equal(masks.Key + "+pooled", EmbeddingRunner.SegmentationKeyOf(encoder));

        var source = ImageSource.FromArrays([("bad", [1, 2, 3])]).Concat(ImageSource.FromImages([("q", TinyClipExport.Quadrants(Quadrants))]));
        var result = await encoder.EncodeSegmentsAsync(ImageSource.FromItems(source));
        Assert.Equal(["q"], result.ImageIds);
        Assert.Equal(["bad"], result.Failures.Select(f => f.Id));
        Assert.Equal([0, 2], result.Offsets);
        Assert.Equal([new SegmentBox(0, 0, 224, 224), new SegmentBox(112, 0, 112, 56)], result.Boxes[0]);
        var sum = PatchOf(0).Zip(PatchOf(3), (a, b) => a + b).ToArray();
        TinyClipExport.AssertClose(TinyClipExport.Normalized(sum), result.Segments.Row(0));
        // Half of one patch: the weight cancels in the normalisation.
        TinyClipExport.AssertClose(PatchOf(1), result.Segments.Row(1));
    }
}
