namespace InFiConD.Datasets.Tests;

public class ExemplarTests
{
    [Fact]
    public void Positives_show_their_concept_and_negatives_do_not()
    {
        var world = Worlds.Small;
        var ids = new HashSet<string>();
        foreach (var concept in world.Concepts)
        {
            var index = world.ConceptIndex(concept.Name);
            var exemplars = world.Exemplars(concept.Name);
            Assert.Equal(concept, exemplars.Concept);
            Assert.Equal(5, exemplars.PositiveScenes.Count);
            Assert.Equal(5, exemplars.NegativeScenes.Count);
            Assert.All(exemplars.PositiveScenes, s => Assert.True(s.ConceptPresence[index], $"{s.Id} lacks {concept.Name}"));
            Assert.All(exemplars.NegativeScenes, s => Assert.False(s.ConceptPresence[index], $"{s.Id} shows {concept.Name}"));
            // Negatives are siblings of the same kind, spread over several of them.
            Assert.All(exemplars.NegativeScenes, s => Assert.Contains(world.Concepts.Where((c, j) => s.ConceptPresence[j]), c => c.Kind == concept.Kind));
            Assert.True(exemplars.NegativeScenes.Select(s => string.Join("|", s.ConceptPresence)).Distinct().Count() >= 2);
            Assert.All(exemplars.PositiveScenes.Concat(exemplars.NegativeScenes), s => Assert.True(ids.Add(s.Id), s.Id));
            Assert.All(exemplars.PositiveScenes.Concat(exemplars.NegativeScenes), s => Assert.Equal(-1, s.ClassIndex));
        }
    }

    [Fact]
    public void Part_exemplars_draw_the_part_and_only_it()
    {
        var world = Worlds.Small;
        foreach (var concept in world.Concepts.Where(c => c.Kind == ConceptKind.Part))
        {
            var exemplars = world.Exemplars(concept.Name);
            for (var k = 0; k < 2; k++)
            {
                var positive = exemplars.RenderPositive(k);
                Assert.Equal([concept.Name], positive.Masks.Select(m => m.Part));
                // Enlarged: the part's box spans a good share of the image.
                var box = positive.MaskOf(concept.Name)!.Bounds!;
                Assert.True(Math.Max(box.Width, box.Height) >= 0.3 * world.Options.ImageSize, $"{concept.Name}: {box.Width} × {box.Height}");
                Assert.Null(exemplars.RenderNegative(k).MaskOf(concept.Name));
            }
        }
    }

    [Fact]
    public void Background_and_swatch_exemplars_show_no_parts_and_no_class()
    {
        var world = Worlds.Small;
        var water = world.Exemplars("water");
        Assert.All(water.PositiveScenes, s => Assert.Equal("water", s.Background));
        Assert.All(water.PositiveScenes, s => Assert.Empty(s.Parts));
        Assert.All(water.NegativeScenes, s => Assert.NotEqual("water", s.Background));
        var striped = world.Exemplars("striped");
        Assert.All(striped.PositiveScenes, s => Assert.Equal("striped", s.Texture));
        Assert.All(striped.PositiveScenes, s => Assert.Null(s.Background));
        Assert.All(striped.NegativeScenes, s => Assert.NotEqual("striped", s.Texture));
    }

    [Fact]
    public void Exemplar_sets_feed_the_bank_builder_in_concept_order()
    {
        var world = Worlds.Small;
        var sets = world.ExemplarSets();
        Assert.Equal(world.ConceptNames, sets.Keys);
        Assert.All(sets.Values, s => Assert.Equal(5, s.Positives.Count));
        Assert.All(sets.Values, s => Assert.Equal(5, s.Negatives!.Count));
        Assert.All(world.ExemplarSets(withNegatives: false).Values, s => Assert.Null(s.Negatives));
        var item = sets["sail"].Positives[0];
        Assert.Equal("exemplar/sail/positive/000", item.Id);
        Assert.True(item.Decoded!.ContentEquals(world.Exemplars("sail").RenderPositive(0).Image));
        Assert.Equal("exemplar/car-body/negative/001", sets["car body"].Negatives![1].Id);
        Assert.Same(world.Exemplars("sail"), world.Exemplars("sail"));
    }

    [Fact]
    public void Exemplars_are_made_once_under_concurrency_and_unknown_concepts_are_refused()
    {
        var world = ConceptWorld.Create(new ConceptWorldOptions { ImagesPerClass = 1 });
        var made = new ConceptWorldExemplars[16];
        Parallel.For(0, made.Length, i => made[i] = world.Exemplars("roof"));
        Assert.All(made, m => Assert.Same(made[0], m));
        var error = Assert.Throws<ArgumentException>(() => world.Exemplars("mountain"));
        Assert.Contains("mountain", error.Message, StringComparison.Ordinal);
        Assert.Contains("water", error.Message, StringComparison.Ordinal);
    }
}
