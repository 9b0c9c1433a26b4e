using System.Runtime.InteropServices;
using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding.Tests;

/// <summary>
/// <see cref="OnnxImageModelOptions.InferenceParallelism"/>: several inference calls in flight on one session. The tiny
/// CLIP vision model (its <c>image_embeds</c> is the projection of the channel means, computed by hand) is built with a
/// symbolic batch and with the batch fixed at 1, as the packaged ResNet-18 and a composed teacher kept at batch 1 are.
/// </summary>
public sealed class OnnxImageModelParallelTests
{
    private const float RelativeTolerance = 1e-3f;

    private static readonly TinyClipModels.Spec BatchOfOne = new() { PixelDims = [1, 3, 224, 224] };

    private static readonly OnnxImageModelOptions Embeds = new() { OutputName = "image_embeds", BatchSize = 3 };

    private static (byte R, byte G, byte B) Colour(int i) => ((byte)(i * 37 % 256), (byte)(255 - (i * 11)), (byte)(i * 91 % 256));

    private static ImageSource Source(int count, params int[] bad) =>
        ImageSource.FromArrays(Enumerable.Range(0, count).Select(i => ($"img{i:D2}", bad.Contains(i)
            ? "not an image"u8.ToArray()
            : TestImages.Solid(40 + i, 30 + (i % 5), new SixLabors.ImageSharp.PixelFormats.Rgb24(Colour(i).R, Colour(i).G, Colour(i).B), new SixLabors.ImageSharp.Formats.Png.PngEncoder()))));

    private static float[] Expected(int i) => TinyClipExport.Project(TinyClipExport.Pixel(Colour(i).R, Colour(i).G, Colour(i).B), TinyClipModels.ImageWeight);

    private static bool SameBits(ImageModelRun a, ImageModelRun b) =>
        a.Outputs.Rows == b.Outputs.Rows && MemoryMarshal.AsBytes(a.Outputs.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.Outputs.AsSpan()));

    [Fact]
    public void A_model_with_its_batch_fixed_at_one_runs_one_single_thread_call_per_processor_by_default()
    {
        using var fixedExport = TinyClipExport.Separate(BatchOfOne);
        using var dynamicExport = TinyClipExport.Separate();
        using var fixedDefault = OnnxImageModel.Load(fixedExport.VisionPath, Preprocessing.Clip, Embeds);
        using var fixedThreads = OnnxImageModel.Load(fixedExport.VisionPath, Preprocessing.Clip, Embeds with { IntraOpThreads = 2 });
        using var fixedExplicit = OnnxImageModel.Load(fixedExport.VisionPath, Preprocessing.Clip, Embeds with { InferenceParallelism = 3 });
        using var dynamicDefault = OnnxImageModel.Load(dynamicExport.VisionPath, Preprocessing.Clip, Embeds);
        using var dynamicExplicit = OnnxImageModel.Load(dynamicExport.VisionPath, Preprocessing.Clip, Embeds with { InferenceParallelism = 2, IntraOpThreads = 1 });

        var processors = Environment.ProcessorCount;
        Assert.Equal(1, fixedDefault.BatchSize);
        Assert.Equal((processors, processors > 1 ? 1 : 0), (fixedDefault.InferenceParallelism, fixedDefault.IntraOpThreads));
        Assert.Equal((1, 2), (fixedThreads.InferenceParallelism, fixedThreads.IntraOpThreads));
        Assert.Equal((3, Math.Max(1, processors / 3)), (fixedExplicit.InferenceParallelism, fixedExplicit.IntraOpThreads));
        Assert.Equal((1, 0), (dynamicDefault.InferenceParallelism, dynamicDefault.IntraOpThreads));
        Assert.Equal((2, 1), (dynamicExplicit.InferenceParallelism, dynamicExplicit.IntraOpThreads));
        Assert.Equal(fixedDefault.ModelId, fixedThreads.ModelId); // how it runs is not part of what it computes

        Assert.Throws<ArgumentOutOfRangeException>(() => (Embeds with { InferenceParallelism = 0 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Embeds with { InferenceParallelism = -2 }).Validate());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Parallel_calls_give_the_bits_of_one_call_at_a_time_in_source_order_with_the_failures(bool batchOfOne)
    {
        using var export = batchOfOne ? TinyClipExport.Separate(BatchOfOne) : TinyClipExport.Separate();
        var one = Embeds with { InferenceParallelism = 1, IntraOpThreads = 1 };
        using var serial = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, one);
        using var parallel = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, one with { InferenceParallelism = 4 });
        int[] bad = [0, 4, 5, 6, 7, 8, 19];
        var source = Source(20, bad);

        var reports = new List<ImageModelProgress>();
        var a = await serial.RunAsync(source);
        var b = await parallel.RunAsync(source, new SynchronousProgress(reports));
        var c = await parallel.RunAsync(source);

        var kept = Enumerable.Range(0, 20).Where(i => !bad.Contains(i)).ToArray();
        Assert.Equal(kept.Select(i => $"img{i:D2}"), b.ImageIds);
        Assert.Equal(bad.Select(i => $"img{i:D2}"), b.Failures.Select(f => f.Id));
        for (var k = 0; k < kept.Length; k++)
        {
            var expected = Expected(kept[k]);
            var actual = b.Outputs.Row(k);
            for (var j = 0; j < expected.Length; j++)
            {
                Assert.True(MathF.Abs(expected[j] - actual[j]) <= RelativeTolerance * Math.Max(1f, MathF.Abs(expected[j])), $"image {kept[k]} value {j}: expected {expected[j]}, got {actual[j]}");
            }
        }
        Assert.True(SameBits(a, b));
        Assert.True(SameBits(b, c));
        Assert.Equal(a.ImageIds, c.ImageIds);
        Assert.Equal(a.Failures, c.Failures);

        // One report per batch (from the calls' threads, so in any order), ending with every image and failure counted.
        var batches = batchOfOne ? 20 : 7;
        Assert.Equal(batches, reports.Count);
        Assert.Equal(20, reports.Max(r => r.Done));
        Assert.Equal(bad.Length, reports.Max(r => r.Failed));
    }

    [Fact]
    public async Task The_default_for_a_batch_of_one_gives_the_bits_of_one_single_thread_call()
    {
        using var export = TinyClipExport.Separate(BatchOfOne);
        using var auto = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds);
        using var serial = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds with { InferenceParallelism = 1, IntraOpThreads = 1 });
        var source = Source(9, 2);
        Assert.True(SameBits(await serial.RunAsync(source), await auto.RunAsync(source)));
    }

    [Fact]
    public async Task Fail_fast_with_parallel_calls_reports_the_first_failure_in_source_order()
    {
        using var export = TinyClipExport.Separate(BatchOfOne);
        using var model = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds with { FailFast = true, InferenceParallelism = 4, IntraOpThreads = 1 });
        for (var repeat = 0; repeat < 5; repeat++)
        {
            var error = await Assert.ThrowsAsync<ImageDecodeException>(() => model.RunAsync(Source(12, 5, 6, 7, 11)));
            Assert.Equal("img05", error.Failure.Id);
        }
    }

    [Fact]
    public async Task An_inference_error_is_the_earliest_batch_s_and_every_batch_before_it_has_run()
    {
        using var export = TinyClipExport.Separate(BatchOfOne);
        using var model = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds with { InferenceParallelism = 3, IntraOpThreads = 1 });
        using var serial = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds with { InferenceParallelism = 1, IntraOpThreads = 1 });
        // Each image has its own red value, so a batch is known by its tensor's first value, recorded in batch order.
        var firstValues = new List<float>();
        await serial.RunBatchesAsync<int>(Source(16), (input, count) =>
        {
            firstValues.Add(input.GetTensorDataAsSpan<float>()[0]);
            return [0];
        }, null, CancellationToken.None);
        Assert.Equal(16, firstValues.Distinct().Count());
        for (var repeat = 0; repeat < 3; repeat++)
        {
            var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
            // Batches 4 and 6 fail; 6 at once, 4 after a pause, so the later batch's error is recorded first in time.
            IReadOnlyList<int> Infer(OrtValue input, int count)
            {
                var batch = firstValues.IndexOf(input.GetTensorDataAsSpan<float>()[0]);
                if (batch == 4)
                {
                    Thread.Sleep(150);
                    throw new InvalidOperationException("batch 4");
                }
                if (batch == 6)
                {
                    throw new InvalidOperationException("batch 6");
                }
                Thread.Sleep(10);
                seen.Add(batch);
                return [batch];
            }
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => model.RunBatchesAsync(Source(16), Infer, null, CancellationToken.None));
            Assert.Equal("batch 4", error.Message);
            Assert.Superset(new HashSet<int> { 0, 1, 2, 3 }, seen.ToHashSet());
        }
    }

    [Fact]
    public async Task Cancelling_a_parallel_run_stops_it()
    {
        using var export = TinyClipExport.Separate(BatchOfOne);
        using var model = OnnxImageModel.Load(export.VisionPath, Preprocessing.Clip, Embeds with { InferenceParallelism = 2, IntraOpThreads = 1 });
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress([], after: r =>
        {
            if (r.Done >= 2)
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.RunAsync(Source(30), progress, cancel.Token));
        var again = await model.RunAsync(Source(3)); // the model is still usable
        Assert.Equal(3, again.Outputs.Rows);
    }
}
