using InFiConD.Core;
using Xunit.Abstractions;

namespace InFiConD.Embedding.Tests.ResNet;

/// <summary>The cut network against the uncut one, batches against single images, pooled regions against a brute-force pixel loop.</summary>
public sealed class ResNet18FeatureMapTests(ResNet18Fixture fixture, ITestOutputHelper output) : IClassFixture<ResNet18Fixture>
{
    /// <summary>
    /// Largest difference allowed between two computations of the same features, relative to the largest feature: the cut graph
    /// averages in double after the network, the packaged one in float inside it, and batches may take other kernel paths.
    /// </summary>
    private const float Tolerance = 1e-5f;

    private readonly ResNet18Backbone _backbone = fixture.Backbone;

    private static ImageSource Images() => ImageSource.FromImages([
        ("stripes", SyntheticImages.Stripes()), ("scene", SyntheticImages.Scene()), ("checkerboard", SyntheticImages.Checkerboard()),
        ("solid", SyntheticImages.Solid()), ("noise", SyntheticImages.Noise()), ("wide", Wide()), ("small", SyntheticImages.Scene(100))]);

    /// <summary>A 320 × 200 image: the centre crop leaves out both sides.</summary>
    private static DecodedImage Wide()
    {
        var scene = SyntheticImages.Noise(320, seed: 3);
        return new DecodedImage(320, 200, scene.Rgb.AsSpan(0, 3 * 320 * 200).ToArray());
    }

    [Fact]
    public async Task Pooling_the_whole_map_gives_the_packaged_models_own_pooled_features()
    {
        using var map = ResNet18FeatureMap.Load(null, new ResNet18FeatureMapOptions { BatchSize = 3 });
        var expected = await _backbone.EncodeAsync(Images());
        var actual = await map.EncodeAsync(Images());
        Assert.Equal(expected.ImageIds, actual.ImageIds);
        AssertClose(expected.Embeddings, actual.Embeddings, "whole-map average vs packaged pooling");
        Assert.StartsWith("resnet18-map:", map.ModelId, StringComparison.Ordinal);
        Assert.NotEqual(_backbone.ModelId, map.ModelId);
    }

    [Fact]
    public async Task A_batch_gives_the_rows_of_single_image_runs_and_the_same_bits_every_time()
    {
        using var single = ResNet18FeatureMap.Load(null, new ResNet18FeatureMapOptions { BatchSize = 1, InferenceParallelism = 1, IntraOpThreads = 1 });
        using var batched = ResNet18FeatureMap.Load(null, new ResNet18FeatureMapOptions { BatchSize = 4, InferenceParallelism = 2, IntraOpThreads = 1 });
        var one = await single.EncodeSegmentsAsync(Images());
        var four = await batched.EncodeSegmentsAsync(Images());
        var again = await batched.EncodeSegmentsAsync(Images());
        Assert.Equal(Enumerable.Range(0, 8).Select(k => k * 49), four.Offsets);
        Assert.Equal(one.ImageIds, four.ImageIds);
        AssertClose(one.Segments, four.Segments, "batch 4 vs batch 1");
        // Measured on ONNX Runtime 1.31 (CPU): the convolutions run image by image, so a batch's rows are bit-identical too
        // (with the same threads per call); two workers change only which thread runs a batch.
        output.WriteLine($"batch 4 bit-identical to batch 1: {one.Segments.AsSpan().SequenceEqual(four.Segments.AsSpan())}");
        Assert.True(four.Segments.AsSpan().SequenceEqual(again.Segments.AsSpan()), "two runs of one configuration differ");
    }

    [Fact]
    public async Task Asked_for_cuda_without_the_gpu_build_it_runs_on_the_cpu_with_the_same_bits_or_refuses()
    {
        var options = new ResNet18FeatureMapOptions { BatchSize = 4, InferenceParallelism = 1, IntraOpThreads = 1, LogLevel = OnnxLogLevel.Fatal };
        using var cpu = ResNet18FeatureMap.Load(null, options);
        using var cuda = ResNet18FeatureMap.Load(null, options with { ExecutionProvider = ExecutionProvider.Cuda() });
        Assert.Equal(ExecutionProviderChoice.Cpu, cpu.ExecutionProvider);
        Assert.True(cuda.ExecutionProvider.FellBack);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", cuda.ExecutionProvider.Message, StringComparison.Ordinal);
        var expected = await cpu.EncodeSegmentsAsync(Images());
        var actual = await cuda.EncodeSegmentsAsync(Images());
        Assert.True(expected.Segments.AsSpan().SequenceEqual(actual.Segments.AsSpan()), "the CPU fallback differs from the CPU");
        Assert.Throws<ExecutionProviderUnavailableException>(() => ResNet18FeatureMap.Load(null,
            options with { ExecutionProvider = ExecutionProvider.Cuda(1), ProviderFallback = ProviderFallback.Throw }));
    }

    [Fact]
    public void Batch_size_and_parallelism_follow_the_device_unless_given()
    {
        var cpu = ResNet18FeatureMapOptions.Default;
        var gpu = cpu with { ExecutionProvider = ExecutionProvider.Cuda() };
        Assert.Equal((4, Environment.ProcessorCount), (cpu.BatchSize, cpu.ResolvedInferenceParallelism));
        Assert.Equal((64, 1), (gpu.BatchSize, gpu.ResolvedInferenceParallelism));
        Assert.Equal((8, 3), ((gpu with { BatchSize = 8, InferenceParallelism = 3 }).BatchSize, (gpu with { InferenceParallelism = 3 }).ResolvedInferenceParallelism));
        Assert.Throws<ArgumentOutOfRangeException>(() => (cpu with { ProviderFallback = (ProviderFallback)7 }).Validate());
        Assert.Throws<ArgumentNullException>(() => (cpu with { ExecutionProvider = null! }).Validate());
    }

    [Fact]
    public async Task Cells_tile_the_centre_crop_in_source_pixels()
    {
        using var map = ResNet18FeatureMap.Load();
        var result = await map.EncodeSegmentsAsync(Images());
        var square = result.Boxes[0];
        Assert.Equal(49, square.Count);
        Assert.Equal(new SegmentBox(0, 0, 32, 32), square[0]);
        Assert.Equal(new SegmentBox(192, 192, 32, 32), square[48]);
        // 320 × 200 resizes to 358 × 224; the 224-wide crop starts at 67, i.e. at 60 source pixels.
        var wide = result.Boxes[5];
        Assert.Equal(0, wide[0].Y);
        Assert.InRange(wide[0].X, 58, 62);
        Assert.Equal(200, wide[48].Y + wide[48].Height);
    }

    [Fact]
    public async Task Grid_and_whole_segments_are_the_pixel_averages_of_the_map()
    {
        using var map = ResNet18FeatureMap.Load(null, new ResNet18FeatureMapOptions { BatchSize = 2 });
        var encoder = RegionPooledSegmentEncoder.Create(map, Segmentation.Grid(2), includeWhole: true);
        var source = ImageSource.FromImages([("scene", SyntheticImages.Scene()), ("stripes", SyntheticImages.Stripes())]);
        var pooled = await encoder.EncodeSegmentsAsync(source);
        var cells = await map.EncodeSegmentsAsync(source);
        var whole = await _backbone.EncodeAsync(source);
        Assert.Equal([0, 5, 10], pooled.Offsets);
        for (var n = 0; n < 2; n++)
        {
            Assert.Equal(SegmentBox.Whole(224, 224), pooled.Boxes[n][0]);
            AssertClose(whole.Embeddings.Row(n).ToArray(), pooled.Segments.Row(pooled.Offsets[n]).ToArray(), "whole segment vs packaged pooling");
            for (var s = 0; s < 5; s++)
            {
                var box = pooled.Boxes[n][s];
                var expected = PixelAverage(cells, n, (x, y) => x >= box.X && x < box.X + box.Width && y >= box.Y && y < box.Y + box.Height);
                AssertClose(expected, pooled.Segments.Row(pooled.Offsets[n] + s).ToArray(), $"image {n} segment {s}");
            }
        }
        Assert.StartsWith("regionpool[grid:2:0+whole]:resnet18-map:", encoder.ModelId, StringComparison.Ordinal);
        Assert.Equal("grid:2:0+whole+regionpool", EmbeddingRunner.SegmentationKeyOf(encoder));
    }

    [Fact]
    public async Task Mask_segments_are_the_pixel_averages_under_the_mask()
    {
        using var map = ResNet18FeatureMap.Load();
        var disc = new byte[224 * 224];
        for (var y = 0; y < 224; y++)
        {
            for (var x = 0; x < 224; x++)
            {
                disc[(y * 224) + x] = (byte)((x - 150) * (x - 150) + ((y - 80) * (y - 80)) < 50 * 50 ? 1 : 0);
            }
        }
        var mask = new SegmentMask(224, 224, disc);
        var encoder = RegionPooledSegmentEncoder.Create(map, Segmentation.FromMasks([mask]));
        var source = ImageSource.FromImages([("scene", SyntheticImages.Scene())]);
        var pooled = await encoder.EncodeSegmentsAsync(source);
        var cells = await map.EncodeSegmentsAsync(source);
        AssertClose(PixelAverage(cells, 0, (x, y) => disc[(y * 224) + x] != 0), pooled.Segments.Row(0).ToArray(), "disc mask");

        var wrong = RegionPooledSegmentEncoder.Create(map, Segmentation.FromMasks([new SegmentMask(100, 100, Enumerable.Repeat((byte)1, 100 * 100).ToArray())]));
        var error = await Assert.ThrowsAsync<ShapeMismatchException>(() => wrong.EncodeSegmentsAsync(source));
        Assert.Contains("scene", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_image_is_reported_and_the_others_keep_their_rows()
    {
        using var map = ResNet18FeatureMap.Load(null, new ResNet18FeatureMapOptions { BatchSize = 2 });
        var good = await map.EncodeAsync(ImageSource.FromImages([("a", SyntheticImages.Scene()), ("c", SyntheticImages.Stripes())]));
        var items = ImageSource.FromItems([
            ImageSource.FromImages([("a", SyntheticImages.Scene())])[0],
            ImageSource.FromArrays([("b", new byte[] { 1, 2, 3, 4 })])[0],
            ImageSource.FromImages([("c", SyntheticImages.Stripes())])[0]]);
        var result = await map.EncodeAsync(items);
        Assert.Equal(["a", "c"], result.ImageIds);
        Assert.Equal("b", Assert.Single(result.Failures).Id);
        Assert.True(good.Embeddings.AsSpan().SequenceEqual(result.Embeddings.AsSpan()));

        using var strict = ResNet18FeatureMap.Load(null, new ResNet18FeatureMapOptions { BatchSize = 2, FailFast = true });
        var error = await Assert.ThrowsAsync<ImageDecodeException>(() => strict.EncodeAsync(items));
        Assert.Equal("b", error.Failure.Id);
    }

    [Fact]
    public void Options_out_of_range_are_named()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ResNet18FeatureMap.Load(null, new ResNet18FeatureMapOptions { BatchSize = 0 }));
        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The brute-force reference: every pixel of a 224 × 224 image takes its cell's features; averages those inside.</summary>
    private static float[] PixelAverage(SegmentEmbeddings cells, int image, Func<int, int, bool> inside)
    {
        var sum = new double[512];
        var count = 0;
        for (var y = 0; y < 224; y++)
        {
            for (var x = 0; x < 224; x++)
            {
                if (!inside(x, y))
                {
                    continue;
                }
                var row = cells.Segments.Row(cells.Offsets[image] + ((y / 32 * 7) + (x / 32)));
                for (var j = 0; j < 512; j++)
                {
                    sum[j] += row[j];
                }
                count++;
            }
        }
        return sum.Select(s => (float)(s / count)).ToArray();
    }

    private static void AssertClose(FloatMatrix expected, FloatMatrix actual, string what)
    {
        Assert.Equal((expected.Rows, expected.Columns), (actual.Rows, actual.Columns));
        AssertClose(expected.AsSpan().ToArray(), actual.AsSpan().ToArray(), what);
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(Math.Abs);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= Tolerance * scale, $"{what}: largest difference {worst} against largest value {scale}");
    }
}
