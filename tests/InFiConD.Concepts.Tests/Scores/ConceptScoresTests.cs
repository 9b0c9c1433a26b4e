using InFiConD.Core;

namespace InFiConD.Concepts.Tests;

public sealed class ConceptScoresTests
{
    // 3 images × 4 concepts; value = image + concept / 10.
    private static ConceptScores Sample(bool withSegments = true)
    {
        var values = new FloatMatrix(3, 4);
        var segments = new int[12];
        for (var n = 0; n < 3; n++)
        {
            for (var c = 0; c < 4; c++)
            {
                values[n, c] = n + c / 10f;
                segments[n * 4 + c] = c == 3 ? -1 : n * 10 + c;
            }
        }
        return ConceptScores.Create(values, ["img0", "img1", "img2"], ["water", "Sky", "sail boat", "grass"], withSegments ? segments : null);
    }

    [Fact]
    public void Create_exposes_shape_names_and_segments()
    {
        var scores = Sample();

        Assert.Equal(3, scores.ImageCount);
        Assert.Equal(4, scores.ConceptCount);
        Assert.Equal(2.2f, scores[2, 2]);
        Assert.Equal([1f, 1.1f, 1.2f, 1.3f], scores.Row(1).ToArray());
        Assert.True(scores.HasBestSegment);
        Assert.Equal(12, scores.BestSegmentOf(1, 2));
        Assert.Equal(-1, scores.BestSegmentOf(1, 3));
        Assert.Equal(12, scores.BestSegment.Length);
        Assert.Equal(1, scores.IndexOfConcept("SKY"));
        Assert.Equal(2, scores.IndexOfImage("img2"));
        Assert.Equal(-1, scores.IndexOfImage("IMG2"));
    }

    [Fact]
    public void Without_segments_best_segment_is_empty_and_asking_throws()
    {
        var scores = Sample(withSegments: false);

        Assert.False(scores.HasBestSegment);
        Assert.True(scores.BestSegment.IsEmpty);
        Assert.Throws<InvalidOperationException>(() => scores.BestSegmentOf(0, 0));
    }

    [Fact]
    public void Create_checks_shapes()
    {
        var values = new FloatMatrix(2, 2);

        Assert.Equal("imageIds", Assert.Throws<ShapeMismatchException>(() => ConceptScores.Create(values, ["a"], ["x", "y"])).Field);
        Assert.Equal("conceptNames", Assert.Throws<ShapeMismatchException>(() => ConceptScores.Create(values, ["a", "b"], ["x"])).Field);
        Assert.Equal("bestSegment", Assert.Throws<ShapeMismatchException>(() => ConceptScores.Create(values, ["a", "b"], ["x", "y"], new int[3])).Field);
    }

    [Fact]
    public void Create_checks_values_ids_names_and_segments()
    {
        var values = FloatMatrix.FromValues([0, 1, float.PositiveInfinity, 0], 2, 2);
        var nonFinite = Assert.Throws<NonFiniteValueException>(() => ConceptScores.Create(values, ["a", "b"], ["x", "y"]));
        Assert.Equal((1L, 0L), (nonFinite.Row, nonFinite.Column));

        var ok = new FloatMatrix(2, 2);
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => ConceptScores.Create(ok, ["a", "a"], ["x", "y"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ConceptScores.Create(ok, ["a", ""], ["x", "y"]));
        Assert.Throws<ArgumentNullException>(() => ConceptScores.Create(ok, ["a", null!], ["x", "y"]));
        Assert.Contains("same concept", Assert.Throws<ArgumentException>(() => ConceptScores.Create(ok, ["a", "b"], ["X", "x"])).Message, StringComparison.Ordinal);
        var segment = Assert.Throws<ArgumentException>(() => ConceptScores.Create(ok, ["a", "b"], ["x", "y"], [0, -1, -2, 0]));
        Assert.Contains("image 1 ('b'), concept 0 ('x')", segment.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_picks_concepts_in_the_given_order_with_their_segments()
    {
        var scores = Sample();

        var subset = scores.Select(["grass", "WATER"]);

        Assert.Equal(["grass", "water"], subset.ConceptNames);
        Assert.Equal(scores.ImageIds, subset.ImageIds);
        Assert.Equal([0.3f, 0f, 1.3f, 1f, 2.3f, 2f], subset.Values.AsSpan().ToArray());
        Assert.Equal([-1, 0, -1, 10, -1, 20], subset.BestSegment.ToArray());
        Assert.Equal(0, subset.IndexOfConcept("grass"));
        Assert.Equal(4, scores.ConceptCount);
    }

    [Fact]
    public void SelectImages_picks_rows_in_the_given_order()
    {
        var scores = Sample();

        var subset = scores.SelectImages(["img2", "img0"]);

        Assert.Equal(["img2", "img0"], subset.ImageIds);
        Assert.Equal([2f, 2.1f, 2.2f, 2.3f, 0f, 0.1f, 0.2f, 0.3f], subset.Values.AsSpan().ToArray());
        Assert.Equal(21, subset.BestSegmentOf(0, 1));
        Assert.Equal(0, subset.IndexOfImage("img2"));
        Assert.Equal(-1, subset.IndexOfImage("img1"));
    }

    [Fact]
    public void Selecting_unknown_or_repeated_items_is_an_error()
    {
        var scores = Sample();

        Assert.Contains("no concept 'tree'", Assert.Throws<ArgumentException>(() => scores.Select(["tree"])).Message, StringComparison.Ordinal);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => scores.Select(["sky", "Sky"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => scores.SelectImages(["img9"]));
        Assert.Throws<ArgumentException>(() => scores.SelectImages(["img1", "img1"]));
    }

    [Fact]
    public void Empty_selections_give_empty_scores()
    {
        var scores = Sample();

        Assert.Equal(0, scores.Select([]).ConceptCount);
        Assert.Equal(0, scores.SelectImages([]).ImageCount);
    }
}
