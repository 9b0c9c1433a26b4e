using InFiConD.Embedding;

namespace InFiConD.Datasets.Tests;

public class GroundTruthTests
{
    public static TheoryData<string> Splits => new() { "small/train", "small/shifted", "tiny64/train", "tiny64/test" };

    private static ConceptWorldSplit SplitOf(string name)
    {
        var world = name.StartsWith("small", StringComparison.Ordinal) ? Worlds.Small : Worlds.Tiny64;
        return name.EndsWith("train", StringComparison.Ordinal) ? world.Train : name.EndsWith("test", StringComparison.Ordinal) ? world.Test : world.Shifted;
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void Items_carry_the_drawn_background_colour_and_texture_as_metadata(string name)
    {
        var split = SplitOf(name);
        for (var i = 0; i < split.Count; i++)
        {
            var scene = split.Scenes[i];
            var metadata = split.Source[i].Metadata!;
            Assert.Equal(scene.Background, metadata["background"]);
            Assert.Equal(scene.Colour, metadata.GetValueOrDefault("colour"));
            Assert.Equal(scene.Texture, metadata.GetValueOrDefault("texture"));
            Assert.Equal(scene.ClassName, split.Source[i].Label);
        }
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void Present_parts_have_non_empty_masks_and_absent_parts_none(string name)
    {
        var split = SplitOf(name);
        for (var i = 0; i < split.Count; i++)
        {
            var rendered = split.Render(i);
            var scene = split.Scenes[i];
            Assert.Equal(scene.Parts, rendered.Masks.Select(m => m.Part));
            foreach (var mask in rendered.Masks)
            {
                Assert.Equal(split.ImageSize, mask.Mask.Width);
                Assert.Equal(split.ImageSize, mask.Mask.Height);
                Assert.NotNull(mask.Mask.Bounds);
                Assert.True(mask.Mask.Bounds!.FitsIn(split.ImageSize, split.ImageSize));
                Assert.All(mask.Mask.Values, v => Assert.True(v <= 1));
            }
            var classParts = Worlds.Small.Classes.Single(c => c.Name == scene.ClassName).Parts;
            Assert.All(scene.Parts, p => Assert.Contains(p, classParts));
            foreach (var absent in classParts.Except(scene.Parts))
            {
                Assert.Null(rendered.MaskOf(absent));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void Concept_presence_recounts_from_the_scene_fields(string name)
    {
        var split = SplitOf(name);
        for (var i = 0; i < split.Count; i++)
        {
            var scene = split.Scenes[i];
            Assert.Equal(split.Labels[i], scene.ClassIndex);
            Assert.Equal(split.ClassNames[scene.ClassIndex], scene.ClassName);
            for (var j = 0; j < split.Concepts.Count; j++)
            {
                var concept = split.Concepts[j];
                var expected = concept.Kind switch
                {
                    ConceptKind.Part => scene.Parts.Contains(concept.Name),
                    ConceptKind.Colour => scene.Colour == concept.Name,
                    ConceptKind.Texture => scene.Texture == concept.Name,
                    _ => scene.Background == concept.Name,
                };
                Assert.Equal(expected, scene.ConceptPresence[j]);
                Assert.Equal(expected, split.HasConcept(i, j));
            }
            // Exactly one background, one colour and one texture per scene.
            Assert.Equal(1, Count(split, scene, ConceptKind.Background));
            Assert.Equal(1, Count(split, scene, ConceptKind.Colour));
            Assert.Equal(1, Count(split, scene, ConceptKind.Texture));
        }
        var matrix = split.PresenceMatrix();
        Assert.Equal(split.Count, matrix.GetLength(0));
        Assert.Equal(split.ConceptNames.Count, matrix.GetLength(1));
        Assert.Equal(split.Scenes[^1].ConceptPresence[^1], matrix[split.Count - 1, split.ConceptNames.Count - 1]);
    }

    private static int Count(ConceptWorldSplit split, ConceptWorldScene scene, ConceptKind kind) =>
        split.Concepts.Select((c, j) => (c, j)).Count(x => x.c.Kind == kind && scene.ConceptPresence[x.j]);

    [Fact]
    public void The_object_colour_is_in_the_pixels_of_its_primary_part()
    {
        var split = Worlds.Small.Train;
        for (var i = 0; i < split.Count; i++)
        {
            var rendered = split.Render(i);
            var scene = rendered.Scene;
            var model = WorldCatalog.Models[WorldCatalog.ModelIndex(scene.ClassName!)];
            var primary = model.Parts.First(p => p.IsPrimary && scene.Parts.Contains(p.Name)).Name;
            var colour = WorldCatalog.Colours[WorldCatalog.ColourNames.ToList().IndexOf(scene.Colour!)];
            var mask = rendered.MaskOf(primary)!;
            // Masks are amodal: leave out pixels that parts drawn later (windows, wheels, an eye) paint over.
            var later = rendered.Masks.SkipWhile(m => m.Part != primary).Skip(1).Select(m => m.Mask.Values).ToList();
            int inside = 0, near = 0;
            for (var p = 0; p < mask.Values.Length; p++)
            {
                if (mask.Values[p] == 0 || later.Any(v => v[p] != 0))
                {
                    continue;
                }
                inside++;
                var rgb = rendered.Image.Rgb.AsSpan(3 * p, 3);
                // Base colour ± the 0.04 per-image jitter, with slack for rounding and anti-aliased edges.
                if (Math.Abs((rgb[0] / 255f) - colour.R) < 0.07 && Math.Abs((rgb[1] / 255f) - colour.G) < 0.07 && Math.Abs((rgb[2] / 255f) - colour.B) < 0.07)
                {
                    near++;
                }
            }
            // Plain parts are the colour but for anti-aliased edges; patterns put the darker shade and the
            // one-pixel ramps between the two on up to about 60 % of the part (stripes with a 10-pixel period).
            var share = scene.Texture == "plain" ? 0.85 : 0.3;
            Assert.True(near > share * inside, $"{scene.Id}: {near} of {inside} pixels of the {primary} are {scene.Colour}.");
        }
    }

    [Fact]
    public void The_background_pixels_are_nearest_to_the_scene_s_background()
    {
        var world = Worlds.Small;
        var means = ConceptWorld.Backgrounds.ToDictionary(b => b, b =>
        {
            var exemplars = world.Exemplars(b);
            return Mean(Enumerable.Range(0, 3).Select(k => exemplars.RenderPositive(k).Image), null);
        });
        foreach (var split in new[] { world.Train, world.Shifted })
        {
            for (var i = 0; i < split.Count; i++)
            {
                var rendered = split.Render(i);
                var outside = new bool[rendered.Image.Width * rendered.Image.Height];
                Array.Fill(outside, true);
                foreach (var mask in rendered.Masks)
                {
                    for (var p = 0; p < outside.Length; p++)
                    {
                        outside[p] &= mask.Mask.Values[p] == 0;
                    }
                }
                var mean = Mean([rendered.Image], outside);
                var nearest = means.MinBy(m => Distance(m.Value, mean)).Key;
                Assert.Equal(rendered.Scene.Background, nearest);
            }
        }
    }

    private static (double R, double G, double B) Mean(IEnumerable<DecodedImage> images, bool[]? where)
    {
        double r = 0, g = 0, b = 0;
        long n = 0;
        foreach (var image in images)
        {
            for (var p = 0; p < image.PixelCount; p++)
            {
                if (where is null || where[p])
                {
                    r += image.Rgb[3 * p];
                    g += image.Rgb[(3 * p) + 1];
                    b += image.Rgb[(3 * p) + 2];
                    n++;
                }
            }
        }
        return (r / n, g / n, b / n);
    }

    private static double Distance((double R, double G, double B) a, (double R, double G, double B) b) =>
        Math.Sqrt(((a.R - b.R) * (a.R - b.R)) + ((a.G - b.G) * (a.G - b.G)) + ((a.B - b.B) * (a.B - b.B)));

    [Fact]
    public void Part_masks_make_a_mask_segmentation()
    {
        var rendered = Worlds.Small.Train.Render(0);
        var segmentation = rendered.ToSegmentation();
        Assert.Equal(rendered.Masks.Count, segmentation.SegmentCount);
        var boxes = segmentation.Boxes(rendered.Image.Width, rendered.Image.Height);
        Assert.Equal(rendered.Masks.Select(m => m.Mask.Bounds), boxes);
        var swatch = Worlds.Small.Exemplars("red").RenderPositive(0);
        Assert.Empty(swatch.Masks);
        Assert.Throws<InvalidOperationException>(() => swatch.ToSegmentation());
    }
}
