using System.Text.Json;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Embedding;

namespace InFiConD.Tests.Distillation;

/// <summary><see cref="DistillationSession.Locate"/>: boxes, best segments and per-segment scores, before and after a reload.</summary>
public sealed class ConceptLocationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("infcd-locations-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DistillationBuilder Configured(ImageSource images) =>
        InFiConD.Distillation.On(images)
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(new ColourWorld.MeanColourEncoder(), Segmentation.Grid(2))
            .WithTeacher(new ColourWorld.CountingTeacher().Teacher)
            .WithStudents(s => s with { Options = s.Options with { BootstrapMembers = 4 } });

    private string Cache => Path.Combine(_directory, "cache");

    [Fact]
    public async Task Locate_MatchesPerSegmentCosinesComputedByHand_AndDrawsNoBoxWhereAConceptIsAbsent()
    {
        var images = ColourWorld.Images(24, seed: 31);
        using var session = await Configured(images).WithCache(Cache).RunAsync();
        var bank = ColourWorld.Bank();
        var checkedAbsent = 0;
        foreach (var item in images.Take(6))
        {
            var located = session.Locate(item.Id);
            Assert.Equal(item.Id, located.ImageId);
            Assert.Equal("train", located.Split);
            // Whole image first, then the 2 × 2 cells of the 16 × 16 image.
            Assert.Equal([new SegmentBox(0, 0, 16, 16), new SegmentBox(0, 0, 8, 8), new SegmentBox(8, 0, 8, 8), new SegmentBox(0, 8, 8, 8), new SegmentBox(8, 8, 8, 8)], located.Segments);
            Assert.Null(located.SegmentScoresUnavailable);
            var segmentScores = located.SegmentScores!;
            Assert.Equal((5, 4), (segmentScores.Rows, segmentScores.Columns));
            var image = item.Decoded!;
            for (var p = 0; p < 5; p++)
            {
                var expected = HandScores(image, located.Segments[p], bank);
                for (var j = 0; j < 4; j++)
                {
                    Assert.Equal(expected[j], segmentScores[p, j], 4);
                }
            }
            var thresholds = session.Scores.PresenceThresholds.Span;
            for (var j = 0; j < 4; j++)
            {
                var concept = located.Concepts[j];
                var column = Enumerable.Range(0, 5).Select(p => segmentScores[p, j]).ToArray();
                Assert.Equal(session.Scores.Values[session.Scores.IndexOfImage(item.Id), j], concept.Score);
                Assert.Equal(column.Max(), concept.Score);
                Assert.Equal(concept.Score >= thresholds[j], concept.Present);
                if (concept.Present)
                {
                    Assert.Equal(Array.IndexOf(column, column.Max()), concept.BestSegment);
                    Assert.Equal(located.Segments[concept.BestSegment!.Value], concept.Box);
                }
                else
                {
                    Assert.Null(concept.BestSegment);
                    Assert.Null(concept.Box);
                    checkedAbsent++;
                }
            }
            // The image's main colour fills its left ten columns: it is found in a left cell (or the whole image).
            var main = located.Of(item.Label!);
            Assert.True(main.Present);
            Assert.Equal(0, main.Box!.X);
            Assert.Equal(located.PresentConcepts.First().Score, located.Concepts.Where(c => c.Present).Max(c => c.Score));
        }
        Assert.True(checkedAbsent > 0, "no absent concept was checked");
    }

    [Fact]
    public async Task Locations_SurviveSaveAndLoad_OnEverySplit()
    {
        using var session = await Configured(ColourWorld.Images(24, seed: 32)).WithEvaluation("held-out", ColourWorld.Images(9, seed: 33)).WithCache(Cache).RunAsync();
        var path = Path.Combine(_directory, "s.infcd");
        await session.SaveAsync(path);
        using var reopened = await DistillationSession.LoadAsync(path);

        Assert.Equal(session.EmbeddingCacheDirectory, reopened.EmbeddingCacheDirectory);
        foreach (var split in new[] { "train", "held-out" })
        {
            foreach (var id in session.Split(split).ImageIds)
            {
                var before = session.Locate(id, split);
                var after = reopened.Locate(id, split);
                Assert.Equal(before.Segments, after.Segments);
                Assert.Equal(before.Concepts, after.Concepts);
                Assert.Equal(before.SegmentScores!.AsSpan().ToArray(), after.SegmentScores!.AsSpan().ToArray());
            }
        }
        Assert.True(reopened.Split("held-out").Scores.HasBestSegment);
        Assert.Equal(session.Split("held-out").Scores.BestSegment.ToArray(), reopened.Split("held-out").Scores.BestSegment.ToArray());
    }

    [Fact]
    public async Task WithoutACache_BoxesAndBestSegmentsRemain_AndTheReasonIsGiven()
    {
        using var session = await Configured(ColourWorld.Images(12, seed: 34)).RunAsync();
        var located = session.Locate("img000");

        Assert.Null(session.EmbeddingCacheDirectory);
        Assert.Equal(5, located.Segments.Count);
        Assert.Null(located.SegmentScores);
        Assert.Contains("WithCache", located.SegmentScoresUnavailable, StringComparison.Ordinal);
        Assert.NotNull(located.Of("red").Box);
    }

    [Fact]
    public async Task AMovedCache_IsNamed_AndUseEmbeddingCacheFindsTheCopy()
    {
        using (var session = await Configured(ColourWorld.Images(12, seed: 35)).WithCache(Cache).RunAsync())
        {
            await session.SaveAsync(Path.Combine(_directory, "s.infcd"));
        }
        var moved = Path.Combine(_directory, "moved");
        Directory.Move(Cache, moved);
        using var reopened = await DistillationSession.LoadAsync(Path.Combine(_directory, "s.infcd"));

        var gone = reopened.Locate("img001");
        Assert.Null(gone.SegmentScores);
        Assert.Contains("is gone", gone.SegmentScoresUnavailable, StringComparison.Ordinal);

        reopened.UseEmbeddingCache(Path.Combine(moved, "segments"));
        var found = reopened.Locate("img001");
        Assert.Null(found.SegmentScoresUnavailable);
        Assert.Equal(found.Concepts.Max(c => c.Score), found.SegmentScores!.AsSpan().ToArray().Max());
    }

    [Fact]
    public async Task AnUnknownImage_NamesTheSplit()
    {
        using var session = await Configured(ColourWorld.Images(6, seed: 36)).RunAsync();
        var error = Assert.Throws<ArgumentException>(() => session.Locate("nope"));
        Assert.Contains("'train' has no image 'nope' (6 images)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locations_RoundTripAsJson()
    {
        using var session = await Configured(ColourWorld.Images(12, seed: 37)).WithCache(Cache).RunAsync();
        var located = session.Locate("img002");
        var json = JsonSerializer.Serialize(located, InFiConDJsonContext.Default.ConceptLocations);
        var back = JsonSerializer.Deserialize(json, InFiConDJsonContext.Default.ConceptLocations)!;

        Assert.Contains("\"box\":{\"x\":", json, StringComparison.Ordinal);
        Assert.Equal(located.Segments, back.Segments);
        Assert.Equal(located.Concepts, back.Concepts);
        Assert.Equal(located.SegmentScores!.AsSpan().ToArray(), back.SegmentScores!.AsSpan().ToArray());
    }

    [Fact]
    public async Task ABrokenLocationsAttachment_IsNamedOnLoad()
    {
        using (var session = await Configured(ColourWorld.Images(6, seed: 38)).RunAsync())
        {
            await session.SaveAsync(Path.Combine(_directory, "s.infcd"));
        }
        var loaded = await SessionFile.LoadAsync(Path.Combine(_directory, "s.infcd"));
        var bad = """{"splits":[{"split":"train","layouts":[[[0,0,16,16]]],"layoutOfImage":[0,0,0,0,0,7]}]}"""u8.ToArray();
        await SessionFile.SaveAsync(Path.Combine(_directory, "bad.infcd"), loaded.Session, attachments: new Dictionary<string, byte[]> { ["locations.json"] = bad });

        var error = await Assert.ThrowsAsync<InvalidFileException>(() => DistillationSession.LoadAsync(Path.Combine(_directory, "bad.infcd")));
        Assert.Equal("attachments/locations.json", error.Field);
        Assert.Contains("'layoutOfImage[5]' is 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBootstrapSpread_SurvivesSaveAndLoad_StaleWhereAnEditChangedAClass()
    {
        using var session = await Configured(ColourWorld.Images(30, seed: 39)).RunAsync();
        await session.EditAsync(e => e.ForClass("red").Remove("grey"));
        var path = Path.Combine(_directory, "s.infcd");
        await session.SaveAsync(path);
        using var reopened = await DistillationSession.LoadAsync(path);

        var (before, after) = (session.Students.Spread!, reopened.Students.Spread!);
        Assert.Equal(before.Mean.AsSpan().ToArray(), after.Mean.AsSpan().ToArray());
        Assert.Equal(before.Deviation.AsSpan().ToArray(), after.Deviation.AsSpan().ToArray());
        Assert.Equal(before.NonZeroFraction.AsSpan().ToArray(), after.NonZeroFraction.AsSpan().ToArray());
        Assert.Equal([0], reopened.Students.Spread!.StaleClasses);
        Assert.Equal(4, reopened.Students.Spread.Members);
        await reopened.UndoAsync();
        Assert.Empty(reopened.Students.Spread!.StaleClasses);
    }

    /// <summary>max(0, cos) of the crop's mean colour (+ the encoder's constant) with each concept, in double precision.</summary>
    private static float[] HandScores(DecodedImage image, SegmentBox box, ConceptBank bank)
    {
        var mean = new double[3];
        for (var y = box.Y; y < box.Y + box.Height; y++)
        {
            for (var x = box.X; x < box.X + box.Width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    mean[c] += image.Rgb[((y * image.Width) + x) * 3 + c] / 255.0;
                }
            }
        }
        double[] e = [.. mean.Select(m => m / box.Area), 0.1];
        var scores = new float[bank.Count];
        for (var j = 0; j < bank.Count; j++)
        {
            var t = bank.Vectors.Row(j).ToArray();
            double dot = 0, ee = 0, tt = 0;
            for (var d = 0; d < 4; d++)
            {
                dot += e[d] * t[d];
                ee += e[d] * e[d];
                tt += t[d] * t[d];
            }
            scores[j] = (float)Math.Max(0, dot / Math.Sqrt(ee * tt));
        }
        return scores;
    }
}
