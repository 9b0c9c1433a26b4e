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
}
