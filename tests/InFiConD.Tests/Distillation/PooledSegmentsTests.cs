using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Embedding;

namespace InFiConD.Tests.Distillation;

/// <summary><c>WithEncoder(encoder, segmentation)</c> pools from one pass when the encoder is a <see cref="ResNet18FeatureMap"/>.</summary>
public sealed class PooledSegmentsTests
{
    [Fact]
    public async Task A_feature_map_with_a_segmentation_pools_instead_of_cropping()
    {
        using var map = ResNet18FeatureMap.Load();
        var random = new Random(5);
        var vectors = FloatMatrix.FromRows(Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble()).ToArray()).ToList());
        var bank = ConceptBank.Create(["a", "b", "c", "d"], vectors, new ConceptBankOrigin(ConceptBankKind.Imported, description: "random"));
        using var session = await InFiConD.Distillation.On(ColourWorld.Images(12, seed: 4))
            .WithConcepts(bank)
            .WithEncoder(map, Segmentation.Grid(2))
            .WithTeacher(new ColourWorld.CountingTeacher().Teacher)
            .RunAsync();

        Assert.Contains("regionpool[grid:2:0+whole]:resnet18-map:", session.Metadata["encoder"], StringComparison.Ordinal);
        Assert.Equal(12, session.Scores.ImageCount);
    }

    [Fact]
    public async Task A_head_over_the_map_reads_the_pooled_whole_image_and_matches_its_own_pass()
    {
        using var map = ResNet18FeatureMap.Load();
        var random = new Random(6);
        var bank = ConceptBank.Create(["a", "b"], FloatMatrix.FromRows(Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble()).ToArray()).ToList()),
            new ConceptBankOrigin(ConceptBankKind.Imported, description: "random"));
        var head = new ClassifierHead(FloatMatrix.FromRows(Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 512).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()).ToList()),
            [0, 0, 0], ColourWorld.Classes);
        var images = ColourWorld.Images(8, seed: 7);
        using var session = await InFiConD.Distillation.On(images)
            .WithConcepts(bank)
            .WithEncoder(map, Segmentation.Grid(2))
            .WithTeacher(FeatureHeadTeacher.Create(map, head))
            .RunAsync();

        // The map's whole-image output alone and the whole segment pooled beside the grid cells are the same bits.
        var alone = await FeatureHeadTeacher.Create(map, head).PredictAsync(images);
        Assert.Equal(alone.Outputs.Probabilities.AsSpan().ToArray(), session.Teacher.Probabilities.AsSpan().ToArray());
    }
}

