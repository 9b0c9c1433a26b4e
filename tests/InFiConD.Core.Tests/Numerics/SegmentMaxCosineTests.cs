namespace InFiConD.Core.Tests;

public class SegmentMaxCosineTests
{
    /// <summary>Brute force in float64: score = max(0, max_p cos), best = first argmax or −1.</summary>
    private static (double[,] Scores, int[,] Best) BruteForce(FloatMatrix segments, int[] offsets, FloatMatrix concepts)
    {
        var n = offsets.Length - 1;
        var scores = new double[n, concepts.Rows];
        var best = new int[n, concepts.Rows];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < concepts.Rows; c++)
            {
                best[i, c] = -1;
                for (var p = offsets[i]; p < offsets[i + 1]; p++)
                {
                    var norm = Reference.Norm(segments.Row(p));
                    var cosine = norm == 0 ? 0 : Reference.Dot(segments.Row(p), concepts.Row(c)).Dot / norm;
                    if (cosine > scores[i, c])
                    {
                        scores[i, c] = cosine;
                        best[i, c] = p - offsets[i];
                    }
                }
            }
        }
        return (scores, best);
    }

    private static int[] Offsets(int[] segmentsPerImage)
    {
        var offsets = new int[segmentsPerImage.Length + 1];
        for (var i = 0; i < segmentsPerImage.Length; i++)
        {
            offsets[i + 1] = offsets[i] + segmentsPerImage[i];
        }
        return offsets;
    }

    public static TheoryData<int[], int, int> Cases => new()
    {
        { [], 5, 8 },
        { [1], 1, 1 },
        { [3], 1, 17 },
        { [1, 1, 1, 1, 1], 33, 9 },
        { [49, 49, 49], 40, 64 },
        { [2, 0, 7, 1, 13, 0, 4], 31, 33 },
        { [5, 9, 1, 30, 2, 2, 17, 11, 3, 8, 40, 1], 70, 130 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_brute_force_on_every_path(int[] segmentsPerImage, int concepts, int width)
    {
        var offsets = Offsets(segmentsPerImage);
        var segments = Reference.Random(offsets[^1], width, seed: width + concepts);
        var bank = Reference.UnitRows(concepts, width, seed: concepts);
        var (expected, expectedBest) = BruteForce(segments, offsets, bank);
        foreach (var path in new[] { KernelPath.Vector512, KernelPath.Vector256, KernelPath.Vector128, KernelPath.Scalar })
        {
            var scores = new FloatMatrix(segmentsPerImage.Length, concepts);
            var best = new int[segmentsPerImage.Length * concepts];
            Kernels.SegmentMaxCosine(segments, offsets, bank, scores, best, maxDegreeOfParallelism: 2, path);
            for (var i = 0; i < segmentsPerImage.Length; i++)
            {
                for (var c = 0; c < concepts; c++)
                {
                    Assert.InRange(scores[i, c], 0f, 1.0001f);
                    Reference.AssertClose(expected[i, c], scores[i, c], 1.0, $"{path} score[{i},{c}]");
                    var b = best[i * concepts + c];
                    if (expectedBest[i, c] == -1)
                    {
                        Assert.Equal(-1, b);
                        continue;
                    }
                    // Near-ties may pick another segment in float32; it must then attain the same maximum.
                    var p = offsets[i] + b;
                    var cosine = Reference.Dot(segments.Row(p), bank.Row(c)).Dot / Reference.Norm(segments.Row(p));
                    Reference.AssertClose(expected[i, c], cosine, 1.0, $"{path} best[{i},{c}] = {b}");
                }
            }
        }
    }

    [Fact]
    public void Thread_counts_and_paths_give_identical_bits()
    {
        var perImage = Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? 49 : i % 5).ToArray();
        var offsets = Offsets(perImage);
        var segments = Reference.Random(offsets[^1], 96, seed: 5);
        var bank = Reference.UnitRows(45, 96, seed: 6);
        var baseline = new FloatMatrix(300, 45);
        var baselineBest = new int[300 * 45];
        Kernels.SegmentMaxCosine(segments, offsets, bank, baseline, baselineBest, 1, KernelPath.Scalar);
        foreach (var path in new[] { KernelPath.Vector512, KernelPath.Vector256, KernelPath.Vector128, KernelPath.Auto })
        {
            foreach (var threads in new[] { 1, 2, 5 })
            {
                var scores = new FloatMatrix(300, 45);
                var best = new int[300 * 45];
                Kernels.SegmentMaxCosine(segments, offsets, bank, scores, best, threads, path);
                Assert.True(baseline.AsSpan().SequenceEqual(scores.AsSpan()), $"{path}/{threads} scores differ");
                Assert.Equal(baselineBest, best);
            }
        }
    }

    [Fact]
    public void Hand_computed_scores_clamp_and_zero_segments()
    {
        // Image 0: segments (3,4) and (0,0); image 1: (-1,0). Concepts: x axis, y axis.
        var segments = FloatMatrix.Wrap([3, 4, 0, 0, -1, 0], 3, 2);
        var bank = FloatMatrix.Wrap([1, 0, 0, 1], 2, 2);
        var best = new int[4];
        var scores = new FloatMatrix(2, 2);
        Kernels.SegmentMaxCosine(segments, [0, 2, 3], bank, scores, best);
        Assert.Equal([0.6f, 0.8f, 0f, 0f], scores.AsSpan().ToArray());
        Assert.Equal([0, 0, -1, -1], best);
    }

    [Fact]
    public void Overwrites_a_used_destination_whatever_the_first_segment()
    {
        // Each image's first segment writes its scores without reading them (no clear first): a zero first segment,
        // a first segment below the clamp everywhere, an image without segments and a bad-free ordinary image must
        // all overwrite stale values exactly as a fresh destination is filled.
        var segments = FloatMatrix.Wrap([0, 0, 3, 4, -1, -1, 2, 1, 1, -2], 5, 2);
        var bank = FloatMatrix.Wrap([1, 0, 0, 1], 2, 2);
        int[] offsets = [0, 2, 3, 3, 5];
        var fresh = new FloatMatrix(4, 2);
        var freshBest = new int[8];
        Kernels.SegmentMaxCosine(segments, offsets, bank, fresh, freshBest);
        foreach (var path in new[] { KernelPath.Vector512, KernelPath.Vector256, KernelPath.Vector128, KernelPath.Scalar })
        {
            var used = new FloatMatrix(4, 2);
            used.AsSpan().Fill(float.NaN);
            var usedBest = Enumerable.Repeat(7, 8).ToArray();
            Kernels.SegmentMaxCosine(segments, offsets, bank, used, usedBest, 2, path);
            Assert.True(fresh.AsSpan().SequenceEqual(used.AsSpan()), $"{path}: scores differ from a fresh destination");
            Assert.Equal(freshBest, usedBest);
        }
        Assert.Equal([0.6f, 0.8f, 0f, 0f, 0f, 0f, 2f / MathF.Sqrt(5f), 1f / MathF.Sqrt(5f)], fresh.AsSpan().ToArray());
        Assert.Equal([1, 1, -1, -1, -1, -1, 0, 0], freshBest);
    }

    [Fact]
    public void Invalid_inputs_get_named_errors()
    {
        var segments = Reference.Random(4, 3, seed: 1);
        var bank = Reference.UnitRows(2, 3, seed: 2);
        Assert.Contains("must be 0", Assert.Throws<ArgumentException>(() => Kernels.SegmentMaxCosine(segments, [1, 2, 4], bank)).Message);
        Assert.Contains("must not decrease", Assert.Throws<ArgumentException>(() => Kernels.SegmentMaxCosine(segments, [0, 3, 2, 4], bank)).Message);
        Assert.Contains("equal the number of segment rows, 4", Assert.Throws<ArgumentException>(() => Kernels.SegmentMaxCosine(segments, [0, 3], bank)).Message);
        Assert.Equal("concepts", Assert.Throws<ShapeMismatchException>(() => Kernels.SegmentMaxCosine(segments, [0, 4], Reference.UnitRows(2, 5, 1))).Field);
        Assert.Equal("bestSegment", Assert.Throws<ShapeMismatchException>(() => Kernels.SegmentMaxCosine(segments, [0, 4], bank, new FloatMatrix(1, 2), new int[3])).Field);

        var notUnit = bank.Copy();
        notUnit[1, 0] += 0.5f;
        Assert.Contains("Row 1 of 'concepts'", Assert.Throws<ArgumentException>(() => Kernels.SegmentMaxCosine(segments, [0, 4], notUnit)).Message);

        var bad = segments.Copy();
        bad[2, 1] = float.PositiveInfinity;
        var ex = Assert.Throws<NonFiniteValueException>(() => Kernels.SegmentMaxCosine(bad, [0, 1, 4], bank));
        Assert.Equal(("segments", 2L, 1L), (ex.Field, ex.Row, ex.Column));
    }
}
