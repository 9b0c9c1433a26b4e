namespace InFiConD.Datasets.Tests;

public class SplitStatisticsTests
{
    [Theory]
    [InlineData(0.0, 10)]
    [InlineData(0.25, 10)]
    [InlineData(0.5, 7)]
    [InlineData(0.9, 60)]
    [InlineData(0.9, 1)]
    [InlineData(1.0, 13)]
    [InlineData(0.333, 30)]
    public void Train_and_test_put_exactly_round_strength_n_images_of_each_class_on_its_cue(double strength, int n)
    {
        var world = ConceptWorld.Create(new ConceptWorldOptions { Seed = 4, ImagesPerClass = n, CueStrength = strength });
        var onCue = (int)Math.Round(strength * n, MidpointRounding.AwayFromZero);
        foreach (var split in new[] { world.Train, world.Test })
        {
            Assert.Equal(n * world.ClassNames.Count, split.Count);
            foreach (var cls in world.Classes)
            {
                var scenes = split.Scenes.Where(s => s.ClassName == cls.Name).ToList();
                Assert.Equal(n, scenes.Count);
                Assert.Equal(onCue, scenes.Count(s => s.Background == cls.CueBackground));
                // The rest go round the other five backgrounds: counts differ by at most one.
                var others = ConceptWorld.Backgrounds.Where(b => b != cls.CueBackground).Select(b => scenes.Count(s => s.Background == b)).ToList();
                Assert.Equal(n - onCue, others.Sum());
                Assert.True(others.Max() - others.Min() <= 1, string.Join(",", others));
            }
        }
    }

    [Fact]
    public void The_planted_cues_are_one_background_per_class_with_boat_on_water()
    {
        var world = Worlds.Small;
        Assert.Equal("water", world.Classes.Single(c => c.Name == "boat").CueBackground);
        Assert.Equal("road", world.Classes.Single(c => c.Name == "car").CueBackground);
        Assert.Equal("grass", world.Classes.Single(c => c.Name == "house").CueBackground);
        Assert.Equal(world.Classes.Count, world.Classes.Select(c => c.CueBackground).Distinct().Count());
    }

    [Fact]
    public void Shifted_backgrounds_are_exactly_independent_of_class_when_n_is_a_multiple_of_six()
    {
        var world = ConceptWorld.Create(new ConceptWorldOptions { Seed = 8, ImagesPerClass = 12, CueStrength = 1 });
        var split = world.Shifted;
        var total = split.Count;
        foreach (var cls in world.ClassNames)
        {
            foreach (var background in ConceptWorld.Backgrounds)
            {
                var joint = split.Scenes.Count(s => s.ClassName == cls && s.Background == background);
                var byClass = split.Scenes.Count(s => s.ClassName == cls);
                var byBackground = split.Scenes.Count(s => s.Background == background);
                Assert.Equal(2, joint);
                // P(class, background) = P(class) · P(background), exactly.
                Assert.Equal((long)byClass * byBackground, (long)joint * total);
            }
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(3)]
    public void Shifted_backgrounds_are_balanced_within_one_otherwise(int n)
    {
        var world = ConceptWorld.Create(new ConceptWorldOptions { Seed = 8, ShiftedImagesPerClass = n });
        var split = world.Shifted;
        foreach (var cls in world.ClassNames)
        {
            var counts = ConceptWorld.Backgrounds.Select(b => split.Scenes.Count(s => s.ClassName == cls && s.Background == b)).ToList();
            Assert.Equal(n, counts.Sum());
            Assert.True(counts.Max() - counts.Min() <= 1);
        }
        // Six classes rotate the remainder over all six backgrounds, so the background totals are equal too.
        var totals = ConceptWorld.Backgrounds.Select(b => split.Scenes.Count(s => s.Background == b)).Distinct();
        Assert.Single(totals);
    }

    [Fact]
    public void Splits_have_their_own_counts_ids_labels_and_images()
    {
        var world = ConceptWorld.Create(new ConceptWorldOptions { ImagesPerClass = 5, TestImagesPerClass = 3, ShiftedImagesPerClass = 6, Classes = ["fish", "car", "tree"] });
        Assert.Equal(["fish", "car", "tree"], world.ClassNames);
        Assert.Equal(15, world.Train.Count);
        Assert.Equal(9, world.Test.Count);
        Assert.Equal(18, world.Shifted.Count);
        foreach (var kind in Enum.GetValues<ConceptWorldSplitKind>())
        {
            var split = world.Split(kind);
            Assert.Equal(kind, split.Kind);
            Assert.Equal(split.Count, split.Source.Count);
            for (var i = 0; i < split.Count; i++)
            {
                Assert.Equal($"{split.Name}/{i:D6}", split.Scenes[i].Id);
                var item = split.Source[i];
                Assert.Equal(split.Scenes[i].Id, item.Id);
                Assert.Equal(world.ClassNames[split.Labels[i]], item.Label);
            }
            foreach (var cls in Enumerable.Range(0, 3))
            {
                Assert.Equal(split.Count / 3, split.Labels.Count(l => l == cls));
            }
        }
        // Only the chosen classes' parts are concepts; colours, textures and backgrounds always are.
        Assert.Contains("fin", world.ConceptNames);
        Assert.DoesNotContain("sail", world.ConceptNames);
        Assert.Equal(7 + 4 + 6, world.Concepts.Count(c => c.Kind != ConceptKind.Part));
    }

    [Fact]
    public void The_default_world_has_six_classes_and_37_concepts()
    {
        var world = ConceptWorld.Create();
        Assert.Equal(["boat", "car", "house", "tree", "flower", "fish"], world.ClassNames);
        Assert.Equal(37, world.Concepts.Count);
        Assert.Equal(20, world.Concepts.Count(c => c.Kind == ConceptKind.Part));
        Assert.Equal(world.ConceptNames.Count, world.ConceptNames.Distinct().Count());
        Assert.Equal(360, world.Train.Count);
        Assert.Equal(224, world.Train.ImageSize);
        Assert.Equal(31, world.ConceptIndex("water"));
        Assert.Equal(-1, world.ConceptIndex("mountain"));
        var corpus = world.ToCorpus();
        Assert.Equal(world.ConceptNames, corpus.Names);
        Assert.Equal("background", corpus[31].Group);
        Assert.All(world.Concepts, c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
    }
}
