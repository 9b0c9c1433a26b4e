using InFiConD.Core;

namespace InFiConD.Embedding.Tests.ResNet;

/// <summary>
/// <see cref="ResNet18Backbone"/> on look-alike model files (the package's names and signatures, built in code): bad
/// features and failed runs are named errors.
/// </summary>
public sealed class ResNet18FaultTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string NetworkPath => Path.Combine(_folder.Path, "ResNet18Onnx", "ResNet18.onnx");

    private ResNet18Backbone Load(Func<int, int, float> weight, bool failingNetwork = false)
    {
        FaultyModels.WriteResNet18(_folder.Path, weight, failingNetwork);
        return ResNet18Backbone.Load(_folder.Path, new ResNet18Options { Parallelism = 1, LogLevel = OnnxLogLevel.Fatal });
    }

    private static ImageSource Images() =>
        ImageSource.FromImages([("first", DecodedImage.Filled(40, 30, 10, 20, 30)), ("second", DecodedImage.Filled(40, 30, 200, 100, 0))]);

    [Fact]
    public async Task Features_that_are_all_zero_are_refused_naming_the_network_and_the_image()
    {
        using var backbone = Load((_, _) => 0f);

        var error = await Assert.ThrowsAsync<InvalidEmbeddingException>(() => backbone.EncodeAsync(Images()));

        Assert.Equal((NetworkPath, "image", "first"), (error.Model, error.InputKind, error.Input));
        Assert.True(error.IsAllZero);
        Assert.Equal(512, error.Dimension);
    }

    [Fact]
    public async Task Features_holding_NaN_are_refused_naming_the_index()
    {
        using var backbone = Load((c, _) => c == 7 ? float.NaN : 0.01f);

        var error = await Assert.ThrowsAsync<InvalidEmbeddingException>(() => backbone.EncodeAsync(Images()));

        Assert.Equal(("first", 7), (error.Input, error.Component));
        Assert.True(float.IsNaN(error.Value));
    }

    [Fact]
    public async Task Good_features_are_the_convolution_of_the_channel_means()
    {
        using var backbone = Load((c, k) => (c + 1) * 0.001f * (k + 1));

        var result = await backbone.EncodeAsync(Images());

        // Feature c of a uniform image (r, g, b) is Σ_k w[c, k] · channel_k.
        float[] first = [10f, 20f, 30f];
        for (var c = 0; c < 512; c += 97)
        {
            var expected = Enumerable.Range(0, 3).Sum(k => (c + 1) * 0.001 * (k + 1) * first[k]);
            Assert.Equal(expected, result.Embeddings[0, c], 1e-3 * expected);
        }
    }

    [Fact]
    public async Task A_network_run_that_fails_names_the_network_file_and_its_input()
    {
        using var backbone = Load((_, _) => 1f, failingNetwork: true);

        var error = await Assert.ThrowsAsync<ModelRunException>(() => backbone.EncodeAsync(Images()));

        Assert.Equal(NetworkPath, error.ModelPath);
        Assert.Equal(("net_in", [1L, 3, 224, 224]), (error.InputName, error.InputShape.ToArray()), (a, b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2));
        Assert.IsType<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(error.InnerException);
    }
}
