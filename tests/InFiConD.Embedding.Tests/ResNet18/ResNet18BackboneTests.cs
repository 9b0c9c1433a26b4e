using System.Diagnostics;
using InFiConD.Core;
using Xunit.Abstractions;

namespace InFiConD.Embedding.Tests.ResNet;

public sealed class ResNet18BackboneTests(ResNet18Fixture fixture, ITestOutputHelper output) : IClassFixture<ResNet18Fixture>
{
    /// <summary>How much closer an image must be to its mirror than to an unrelated image.</summary>
    private const double UnrelatedMargin = 0.2;

    private readonly ResNet18Backbone _backbone = fixture.Backbone;

    [Fact]
    public void Loads_the_packaged_models_from_next_to_the_app()
    {
        Assert.Equal(512, _backbone.Dimension);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "DnnImageModels"), _backbone.ModelsDirectory);
        Assert.StartsWith("resnet18-dnn:", _backbone.ModelId, StringComparison.Ordinal);
        Assert.EndsWith(Preprocessing.ResNet18Package.Key, _backbone.ModelId, StringComparison.Ordinal);
        using var again = ResNet18Backbone.Load(_backbone.ModelsDirectory, new ResNet18Options { Parallelism = 1 });
        Assert.Equal(_backbone.ModelId, again.ModelId);
    }

    [Fact]
    public async Task An_image_and_its_mirror_are_close_and_unrelated_images_are_not()
    {
        var stripes = SyntheticImages.Stripes();
        var checkerboard = SyntheticImages.Checkerboard();
        var scene = SyntheticImages.Scene();
        var source = ImageSource.FromImages([
            ("stripes", stripes), ("stripes-mirror", SyntheticImages.Mirror(stripes)),
            ("checkerboard", checkerboard), ("checkerboard-mirror", SyntheticImages.Mirror(checkerboard)),
            ("scene", scene), ("scene-mirror", SyntheticImages.Mirror(scene)),
            ("solid", SyntheticImages.Solid()), ("noise", SyntheticImages.Noise())]);
        var result = await _backbone.EncodeAsync(source);
        Assert.Empty(result.Failures);
        Assert.Equal(["stripes", "stripes-mirror", "checkerboard", "checkerboard-mirror", "scene", "scene-mirror", "solid", "noise"], result.ImageIds);
        Assert.Equal((8, 512), (result.Embeddings.Rows, result.Embeddings.Columns));
        double Cos(int a, int b) => Cosine(result.Embeddings.Row(a), result.Embeddings.Row(b));
        for (var a = 0; a < 8; a++)
        {
            output.WriteLine($"{result.ImageIds[a],-20} {string.Join(" ", Enumerable.Range(0, 8).Select(b => $"{Cos(a, b):F3}"))}");
        }
        (int Image, int Mirror)[] pairs = [(0, 1), (2, 3), (4, 5)];
        foreach (var (image, mirror) in pairs)
        {
            Assert.True(Cos(image, mirror) > 0.9, $"{result.ImageIds[image]} vs its mirror: {Cos(image, mirror)}");
        }
        // Every image against every image of another kind (6 and 7 are kinds of their own).
        var kind = new[] { 0, 0, 1, 1, 2, 2, 3, 4 };
        var weakestMirror = pairs.Min(p => Cos(p.Image, p.Mirror));
        for (var a = 0; a < 8; a++)
        {
            for (var b = a + 1; b < 8; b++)
            {
                if (kind[a] != kind[b])
                {
                    Assert.True(Cos(a, b) < weakestMirror - UnrelatedMargin, $"{result.ImageIds[a]} vs {result.ImageIds[b]}: {Cos(a, b)}, weakest mirror pair {weakestMirror}");
                }
            }
        }
    }

    [Fact]
    public async Task Features_do_not_depend_on_parallelism_or_position()
    {
        var images = new[] { SyntheticImages.Stripes(), SyntheticImages.Checkerboard(), SyntheticImages.Noise(seed: 3) };
        var forward = await _backbone.EncodeAsync(ImageSource.FromImages(images.Select((im, i) => ($"i{i}", im))));
        using var serial = ResNet18Backbone.Load(null, new ResNet18Options { Parallelism = 1, IntraOpThreads = 1 });
        var backward = await serial.EncodeAsync(ImageSource.FromImages(images.Select((im, i) => ($"i{i}", im)).Reverse()));
        for (var i = 0; i < images.Length; i++)
        {
            var a = forward.Embeddings.Row(i).ToArray();
            var b = backward.Embeddings.Row(images.Length - 1 - i).ToArray();
            for (var j = 0; j < a.Length; j++)
            {
                Assert.True(Math.Abs(a[j] - b[j]) <= 1e-4f * (1 + Math.Abs(a[j])), $"image {i}, feature {j}: {a[j]} vs {b[j]}");
            }
        }
        Assert.All(forward.Embeddings.AsSpan().ToArray(), v => Assert.True(float.IsFinite(v) && v >= 0, $"pooled ReLU features are finite and non-negative: {v}"));
    }

    [Fact]
    public async Task Bad_images_are_reported_and_the_run_goes_on()
    {
        var source = ImageSource.FromItems([
            ImageItem.FromDecoded("good-1", SyntheticImages.Solid()),
            ImageItem.FromEncoded("broken", [1, 2, 3, 4, 5]),
            ImageItem.FromEncoded("empty", []),
            ImageItem.FromDecoded("good-2", SyntheticImages.Stripes(100))]);
        var progress = new List<ImageModelProgress>();
        var result = await _backbone.EncodeAsync(source, new SynchronousProgress(progress));
        Assert.Equal(["good-1", "good-2"], result.ImageIds);
        Assert.Equal(["broken", "empty"], result.Failures.Select(f => f.Id));
        Assert.Equal(DecodeFailureReason.Empty, result.Failures[1].Reason);
        Assert.Equal(4, progress.Count);
        Assert.Equal(new ImageModelProgress(4, 4, 2), progress.MaxBy(p => p.Done));
    }

    [Fact]
    public async Task FailFast_throws_the_first_failure()
    {
        using var strict = ResNet18Backbone.Load(null, new ResNet18Options { FailFast = true, Parallelism = 1 });
        var source = ImageSource.FromItems([ImageItem.FromDecoded("ok", SyntheticImages.Solid()), ImageItem.FromEncoded("bad", [9, 9, 9])]);
        var error = await Assert.ThrowsAsync<ImageDecodeException>(() => strict.EncodeAsync(source));
        Assert.Equal("bad", error.Failure.Id);
    }

    [Fact]
    public async Task An_empty_source_gives_an_empty_512_wide_matrix()
    {
        var result = await _backbone.EncodeAsync(ImageSource.FromImages([]));
        Assert.Equal((0, 512), (result.Embeddings.Rows, result.Embeddings.Columns));
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var source = ImageSource.FromImages([("a", SyntheticImages.Solid())]);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _backbone.EncodeAsync(source, cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Disposed_backbone_refuses_to_run()
    {
        var backbone = ResNet18Backbone.Load();
        backbone.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => backbone.EncodeAsync(ImageSource.FromImages([])));
    }

    [Fact]
    public async Task Reports_milliseconds_per_image()
    {
        var source = ImageSource.FromImages(Enumerable.Range(0, 16).Select(i => ($"n{i}", SyntheticImages.Noise(256, i))));
        await _backbone.EncodeAsync(ImageSource.FromImages([("warm", SyntheticImages.Solid())]));
        var clock = Stopwatch.StartNew();
        var result = await _backbone.EncodeAsync(source);
        clock.Stop();
        Assert.Equal(16, result.ImageIds.Count);
        output.WriteLine($"{clock.Elapsed.TotalMilliseconds / 16:F1} ms/image ({_backbone.Parallelism} images × {_backbone.IntraOpThreads} threads, {Environment.ProcessorCount} processors)");
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
        return dot / Math.Sqrt(na * nb);
    }
}
