namespace InFiConD.Datasets.Tests.World;

/// <summary>In-scene exemplars are counterfactual pairs: the same scene with only the concept changed.</summary>
public sealed class InSceneExemplarTests
{
    private static readonly ConceptWorld World = ConceptWorld.Create(new ConceptWorldOptions { Seed = 1, ImagesPerClass = 4, ExemplarsPerConcept = 3, ImageSize = 96, Exemplars = ExemplarStyle.InScene });

    [Theory]
    [InlineData("mast")]
    [InlineData("leaf")]
    [InlineData("flower centre")]
    public void A_part_pair_differs_only_where_the_part_is(string part)
    {
        var exemplars = World.Exemplars(part);
        var concept = World.ConceptIndex(part);
        for (var i = 0; i < 3; i++)
        {
            var (positive, negative) = (exemplars.RenderPositive(i), exemplars.RenderNegative(i));
            Assert.Contains(part, positive.Scene.Parts);
            Assert.DoesNotContain(part, negative.Scene.Parts);
            Assert.True(positive.Scene.ConceptPresence[concept]);
            Assert.False(negative.Scene.ConceptPresence[concept]);
            Assert.Equal(positive.Scene.Parts.Where(p => p != part), negative.Scene.Parts);
            Assert.Equal((positive.Scene.ClassName, positive.Scene.Background, positive.Scene.Colour), (negative.Scene.ClassName, negative.Scene.Background, negative.Scene.Colour));
            // Pixels differ only inside the part's mask (the withheld part consumed the same random draws).
            var mask = positive.MaskOf(part)!;
            var (a, b) = (positive.Image.Rgb, negative.Image.Rgb);
            var outside = Enumerable.Range(0, a.Length / 3).Count(p => mask.Values[p] == 0 && (a[3 * p] != b[3 * p] || a[(3 * p) + 1] != b[(3 * p) + 1] || a[(3 * p) + 2] != b[(3 * p) + 2]));
            Assert.True(outside < 96 * 96 / 50, $"{outside} pixels differ outside the part's mask"); // anti-aliased edges only
        }
    }

    [Theory]
    [InlineData("white")]
    [InlineData("striped")]
    public void A_colour_or_texture_pair_changes_only_that(string name)
    {
        var exemplars = World.Exemplars(name);
        var concept = World.ConceptIndex(name);
        for (var i = 0; i < 3; i++)
        {
            var (positive, negative) = (exemplars.PositiveScenes[i], exemplars.NegativeScenes[i]);
            Assert.True(positive.ConceptPresence[concept]);
            Assert.False(negative.ConceptPresence[concept]);
            Assert.Equal(positive.Parts, negative.Parts);
            Assert.Equal((positive.ClassName, positive.Background), (negative.ClassName, negative.Background));
        }
    }

    [Fact]
    public void The_default_style_is_unchanged()
    {
        Assert.Equal(ExemplarStyle.Isolated, ConceptWorldOptions.Default.Exemplars);
        var isolated = ConceptWorld.Create(new ConceptWorldOptions { Seed = 1, ImagesPerClass = 4, ExemplarsPerConcept = 3, ImageSize = 96 });
        Assert.Null(isolated.Exemplars("mast").PositiveScenes[0].Background);
    }
}
