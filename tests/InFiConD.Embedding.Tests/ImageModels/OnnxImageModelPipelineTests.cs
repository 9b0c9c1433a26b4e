using System.Runtime.InteropServices;
using InFiConD.Core;

namespace InFiConD.Embedding.Tests;

/// <summary>
/// <see cref="OnnxImageModel"/>'s pipeline (decoding in a producer, bounded prefetch, inference in order) on the
/// tiny CLIP vision model, whose <c>image_embeds</c> is the projection of the channel means, computed by hand.
/// </summary>
public sealed class OnnxImageModelPipelineTests
{
    /// <summary>Relative tolerance on unnormalised outputs: ONNX Runtime's GlobalAveragePool sums 50,176 floats in float, a few 1e-4 off.</summary>
    private const float RelativeTolerance = 1e-3f;

    private static readonly OnnxImageModelOptions Embeds = new() { OutputName = "image_embeds", BatchSize = 3 };

    private static (byte R, byte G, byte B) Colour(int i) => ((byte)(i * 37 % 256), (byte)(255 - (i * 11)), (byte)(i * 91 % 256));

    /// <summary>PNG-encoded uniform images, with undecodable bytes at the given positions.</summary>
    private static ImageSource Source(int count, params int[] bad) =>
        ImageSource.FromArrays(Enumerable.Range(0, count).Select(i => ($"img{i:D2}", bad.Contains(i)
            ? "not an image"u8.ToArray()
            : TestImages.Solid(40 + i, 30 + (i % 5), new SixLabors.ImageSharp.PixelFormats.Rgb24(Colour(i).R, Colour(i).G, Colour(i).B), new SixLabors.ImageSharp.Formats.Png.PngEncoder()))));

    private static float[] Expected(int i) => TinyClipExport.Project(TinyClipExport.Pixel(Colour(i).R, Colour(i).G, Colour(i).B), TinyClipModels.ImageWeight);

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.True(MathF.Abs(expected[j] - actual[j]) <= RelativeTolerance * Math.Max(1f, MathF.Abs(expected[j])), $"value {j}: expected {expected[j]}, got {actual[j]}");
        }
    }

    [Fact]
    public async Task Many_batches_with_failures_anywhere_come_back_in_source_order_with_hand_computed_rows()
    {
        using var export = TinyClipExport.Separate();
        using var model = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds);
        // Batches of 3: the first image, two in one batch, a whole batch (6–8) and the last image fail.
        int[] bad = [0, 4, 5, 6, 7, 8, 19];
        var reports = new List<ImageModelProgress>();
        var run = await model.RunAsync(Source(20, bad), new SynchronousProgress(reports));

        var kept = Enumerable.Range(0, 20).Where(i => !bad.Contains(i)).ToArray();
        Assert.Equal(kept.Select(i => $"img{i:D2}"), run.ImageIds);
        Assert.Equal(bad.Select(i => $"img{i:D2}"), run.Failures.Select(f => f.Id));
        Assert.Equal(kept.Length, run.Outputs.Rows);
        for (var k = 0; k < kept.Length; k++)
        {
            AssertClose(Expected(kept[k]), run.Outputs.Row(k));
        }
        // One report per batch, in order, the last counting every image and failure.
        Assert.Equal([3, 6, 9, 12, 15, 18, 20], reports.Select(r => r.Done));
        Assert.Equal(bad.Length, reports[^1].Failed);
    }

    [Fact]
    public async Task Runs_give_the_same_bits_whatever_the_decode_parallelism()
    {
        using var export = TinyClipExport.Separate();
        using var serial = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds with { DecodeParallelism = 1 });
        using var parallel = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds);
        using var oneThread = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds with { IntraOpThreads = 1 });
        var source = Source(11, 3);
        var a = await serial.RunAsync(source);
        var b = await parallel.RunAsync(source);
        var c = await parallel.RunAsync(source);
        var d = await oneThread.RunAsync(source);
        Assert.True(MemoryMarshal.AsBytes(a.Outputs.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.Outputs.AsSpan())));
        Assert.True(MemoryMarshal.AsBytes(b.Outputs.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(c.Outputs.AsSpan())));
        Assert.Equal(a.ImageIds, b.ImageIds);
        Assert.Equal(a.ImageIds, d.ImageIds);
        for (var k = 0; k < d.Outputs.Rows; k++)
        {
            AssertClose(a.Outputs.Row(k).ToArray(), d.Outputs.Row(k));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => (Embeds with { IntraOpThreads = -1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxClipOptions { IntraOpThreads = -1 }.Validate());
    }

    [Fact]
    public async Task Without_a_fixed_crop_same_sized_batches_run_and_a_mixed_batch_names_the_odd_image()
    {
        using var export = TinyClipExport.Separate();
        var uncropped = Preprocessing.Clip with { ResizeShortestSide = 0, CropWidth = 0, CropHeight = 0 };
        using var model = OnnxImageModel.Load(export.VisionPath, uncropped, Embeds);
        var same = ImageSource.FromImages(Enumerable.Range(0, 4).Select(i => ($"s{i}", DecodedImage.Filled(224, 224, Colour(i).R, Colour(i).G, Colour(i).B))));
        var run = await model.RunAsync(same);
        for (var i = 0; i < 4; i++)
        {
            AssertClose(Expected(i), run.Outputs.Row(i));
        }

        var mixed = ImageSource.FromImages([("a", DecodedImage.Filled(224, 224, 1, 2, 3)), ("b", DecodedImage.Filled(200, 224, 1, 2, 3))]);
        var error = await Assert.ThrowsAsync<ShapeMismatchException>(() => model.RunAsync(mixed));
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_mid_run_stops_it()
    {
        using var export = TinyClipExport.Separate();
        using var model = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds with { BatchSize = 1 });
        using var cancel = new CancellationTokenSource();
        var reports = new List<ImageModelProgress>();
        var progress = new SynchronousProgress(reports, after: r =>
        {
            if (r.Done == 2)
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.RunAsync(Source(12), progress, cancel.Token));
        Assert.Equal([1, 2], reports.Select(r => r.Done));
    }

    [Fact]
    public async Task Fail_fast_stops_at_the_first_failure_in_source_order()
    {
        using var export = TinyClipExport.Separate();
        using var model = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds with { FailFast = true });
        var error = await Assert.ThrowsAsync<ImageDecodeException>(() => model.RunAsync(Source(9, 5, 7)));
        Assert.Equal("img05", error.Failure.Id);
    }

    [Fact]
    public async Task An_error_while_preparing_a_batch_reaches_the_caller_after_the_batches_before_it()
    {
        using var export = TinyClipExport.Separate();
        using var model = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds);
        var reports = new List<ImageModelProgress>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => model.RunAsync(new BrokenSource(Source(9), broken: 7), new SynchronousProgress(reports)));
        Assert.Contains("item 7", error.Message, StringComparison.Ordinal);
        Assert.Equal([3, 6], reports.Select(r => r.Done));
    }

    /// <summary>A source whose indexer throws for one item, as a failing custom source would.</summary>
    private sealed class BrokenSource(ImageSource inner, int broken) : ImageSource
    {
        public override int Count => inner.Count;

        public override string Description => "broken";

        public override ImageItem this[int index] => index == broken ? throw new InvalidOperationException($"item {index} cannot be read") : inner[index];
    }
}
