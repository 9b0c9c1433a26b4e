using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Scoring;

public sealed class ConceptScorerTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void Scores_equal_a_brute_force_max_cosine_clamped_at_zero(int threads)
    {
        var random = new Random(11);
        int[] counts = [3, 0, 1, 5, 2];
        var segments = Embeddings(random, counts, dimension: 7);
        var bank = Bank(random, 4, 7);

        var scores = ConceptScorer.Score(segments, bank, threads);

        Assert.Equal(segments.ImageIds, scores.ImageIds);
        Assert.Equal(bank.Names, scores.ConceptNames);
        Assert.True(scores.HasBestSegment);
        for (var n = 0; n < counts.Length; n++)
        {
            for (var c = 0; c < bank.Count; c++)
            {
                var (best, bestIndex) = (0.0, -1);
                for (var p = 0; p < counts[n]; p++)
                {
                    var cosine = Cosine(segments.Segments.Row(segments.Offsets[n] + p), bank.Vector(c));
                    if (cosine > best)
                    {
                        (best, bestIndex) = (cosine, p);
                    }
                }
                Assert.True(Math.Abs(best - scores[n, c]) <= Tolerance, $"image {n}, concept {c}: {best} vs {scores[n, c]}");
                Assert.Equal(bestIndex, scores.BestSegmentOf(n, c));
            }
        }
    }

    [Fact]
    public void The_best_segment_is_where_the_concept_is()
    {
        // Image "scene": segment 0 points along x, segment 1 along y; concept "sky" is y, "ground" is −y.
        var segments = new SegmentEmbeddings(FloatMatrix.FromRows([[1f, 0f], [0f, 3f]]), [0, 2], ["scene"],
            [[new SegmentBox(0, 0, 2, 2), new SegmentBox(2, 0, 2, 2)]], []);
        var bank = ConceptBank.Create(["wall", "sky", "ground"], FloatMatrix.FromRows([[1f, 0f], [0f, 1f], [0f, -1f]]), new ConceptBankOrigin(ConceptBankKind.Imported));
        var scores = ConceptScorer.Score(segments, bank);
        Assert.Equal([1f, 1f, 0f], scores.Row(0).ToArray());
        Assert.Equal([0, 1, -1], scores.BestSegment.ToArray());
    }

    [Fact]
    public void A_width_mismatch_names_both_widths()
    {
        var random = new Random(1);
        var segments = Embeddings(random, [2], dimension: 5);
        var bank = Bank(random, 3, 4);
        var error = Assert.Throws<ShapeMismatchException>(() => ConceptScorer.Score(segments, bank));
        Assert.Contains("2 × 5", error.Actual, StringComparison.Ordinal);
        Assert.Contains("× 4", error.Expected, StringComparison.Ordinal);
        Assert.Contains("test-bank", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_embedding_names_the_image_and_its_segment()
    {
        var random = new Random(2);
        var segments = Embeddings(random, [2, 0, 3], dimension: 4);
        segments.Segments[2 + 1, 3] = float.NaN; // image "img-2", its segment 1
        var error = Assert.Throws<NonFiniteValueException>(() => ConceptScorer.Score(segments, Bank(random, 2, 4)));
        Assert.Contains("'img-2'", error.Field, StringComparison.Ordinal);
        Assert.Equal(1, error.Row);
        Assert.Equal(3, error.Column);
        Assert.Contains("img-2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Offsets_that_do_not_match_the_ids_are_refused()
    {
        var random = new Random(3);
        var good = Embeddings(random, [1, 1], dimension: 3);
        var bad = good with { Offsets = [0, 2] };
        Assert.Throws<ShapeMismatchException>(() => ConceptScorer.Score(bad, Bank(random, 1, 3)));
    }

    [Fact]
    public void No_images_give_empty_scores()
    {
        var segments = new SegmentEmbeddings(new FloatMatrix(0, 3), [0], [], [], []);
        var scores = ConceptScorer.Score(segments, Bank(new Random(4), 2, 3));
        Assert.Equal((0, 2), (scores.ImageCount, scores.ConceptCount));
    }

    [Fact]
    public async Task ScoreAsync_encodes_and_scores_in_one_call()
    {
        var encoder = CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Grid(2));
        var image = MeanColourEncoder.Quadrants(4, 4, (255, 0, 0), (0, 255, 0), (0, 0, 255), (10, 10, 10));
        var bank = ConceptBank.Create(["red", "blue"], FloatMatrix.FromRows([[1f, 0f, 0f], [0f, 0f, 1f]]), new ConceptBankOrigin(ConceptBankKind.Imported));
        var scores = await ConceptScorer.ScoreAsync(ImageSource.FromImages([("img", image)]), encoder, bank);
        Assert.Equal([1f, 1f], scores.Row(0).ToArray());
        Assert.Equal([0, 2], scores.BestSegment.ToArray()); // red top-left, blue bottom-left
    }

    [Fact]
    public async Task ScoreAsync_checks_widths_before_encoding()
    {
        var inner = new MeanColourEncoder();
        var encoder = CroppedSegmentEncoder.Create(inner, Segmentation.Whole);
        var bank = Bank(new Random(5), 2, 4);
        await Assert.ThrowsAsync<ShapeMismatchException>(() => ConceptScorer.ScoreAsync(ImageSource.FromImages([("a", DecodedImage.Filled(1, 1, 1, 1, 1))]), encoder, bank));
        Assert.Equal(0, inner.Calls);
    }

    private static SegmentEmbeddings Embeddings(Random random, int[] counts, int dimension)
    {
        var total = counts.Sum();
        var matrix = new FloatMatrix(total, dimension);
        for (var i = 0; i < matrix.Length; i++)
        {
            matrix.AsSpan()[i] = (float)(random.NextDouble() * 2 - 1);
        }
        var offsets = new List<int> { 0 };
        foreach (var count in counts)
        {
            offsets.Add(offsets[^1] + count);
        }
        var ids = counts.Select((_, n) => $"img-{n}").ToList();
        var boxes = counts.Select(c => (IReadOnlyList<SegmentBox>)Enumerable.Range(0, c).Select(p => new SegmentBox(p, 0, 1, 1)).ToList()).ToList();
        return new SegmentEmbeddings(matrix, offsets, ids, boxes, []);
    }

    private static ConceptBank Bank(Random random, int count, int dimension)
    {
        var vectors = new FloatMatrix(count, dimension);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors.AsSpan()[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return ConceptBank.Create(Enumerable.Range(0, count).Select(c => $"concept {c}").ToList(), vectors, new ConceptBankOrigin(ConceptBankKind.Imported, "test-bank"));
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
