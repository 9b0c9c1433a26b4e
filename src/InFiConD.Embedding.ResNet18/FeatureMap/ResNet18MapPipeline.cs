using System.Threading.Channels;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding;

/// <summary>
/// Receives one image's map (512 channels × 49 cells, channel-major as the network writes it), on the thread that ran its
/// batch: calls for different images may come at once, from several threads, in any order.
/// </summary>
/// <param name="index">The image's position in the source.</param>
/// <param name="width">The decoded image's width.</param>
/// <param name="height">The decoded image's height.</param>
/// <param name="map">The map; only valid during the call.</param>
internal delegate void MapSink(int index, int width, int height, ReadOnlySpan<float> map);

/// <summary>
/// The two-stage run behind <see cref="ResNet18FeatureMap"/>: one task decodes and resizes the next batches (in
/// parallel) while <see cref="ResNet18FeatureMapOptions.InferenceParallelism"/> workers run batches through the shared
/// session, so the cores the network leaves idle decode instead of waiting. At most as many decoded batches wait as
/// there are workers, which bounds memory. Batches are cut by source position, so a given source always gives the same
/// batches, and an image's rows do not depend on which worker ran it.
/// </summary>
internal static class ResNet18MapPipeline
{
    internal const int MapLength = ResNet18Backbone.FeatureDimension * ResNet18DenseGraph.MapSide * ResNet18DenseGraph.MapSide;

    /// <summary>Runs every image through the network; returns the decode failures by source position (null where decoded).</summary>
    /// <exception cref="ImageDecodeException">An image failed with <see cref="ResNet18FeatureMapOptions.FailFast"/> set (the first in source order).</exception>
    /// <exception cref="Core.ModelRunException">ONNX Runtime failed on a batch.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    internal static async Task<DecodeFailure?[]> RunAsync(ResNet18MapSession session, ImageDecoder decoder, ImageSource images, MapSink sink,
        IProgress<ImageModelProgress>? progress, CancellationToken cancellationToken)
    {
        var failures = new DecodeFailure?[images.Count];
        var workers = session.Options.ResolvedInferenceParallelism;
        var channel = Channel.CreateBounded<ResNet18MapBatch>(new BoundedChannelOptions(workers) { SingleReader = workers == 1, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => Produce(session.Options, decoder, images, failures, channel.Writer, stop.Token), CancellationToken.None);
        var counts = new Counts(images.Count, progress);
        var consumers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => Consume(session, channel.Reader, sink, counts, stop), CancellationToken.None)).ToArray();
        try
        {
            try
            {
                await Task.WhenAll(consumers).ConfigureAwait(false);
            }
            catch (Exception) when (consumers.Any(c => c.IsFaulted && c.Exception!.InnerExceptions.Any(e => e is not OperationCanceledException)))
            {
                // A worker that failed stops the others, whose cancellations must not hide its error.
                var error = consumers.Where(c => c.IsFaulted).SelectMany(c => c.Exception!.InnerExceptions).First(e => e is not OperationCanceledException);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
        }
        catch
        {
            // The decoder must not go on filling batches no one reads.
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(producer).ConfigureAwait(false);
            throw;
        }
        await producer.ConfigureAwait(false);
        return failures;
    }

    private static async Task Produce(ResNet18FeatureMapOptions options, ImageDecoder decoder, ImageSource images, DecodeFailure?[] failures,
        ChannelWriter<ResNet18MapBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ResolvedDecodeParallelism, CancellationToken = cancellationToken };
            for (var start = 0; start < images.Count; start += options.BatchSize)
            {
                var batch = ResNet18MapBatch.Rent(start, Math.Min(options.BatchSize, images.Count - start));
                Parallel.For(0, batch.Slots, parallel, i =>
                {
                    var outcome = decoder.TryDecode(images[start + i]);
                    if (outcome.Image is { } image)
                    {
                        Preprocessing.ResNet18Package.Apply(image, batch.Slot(i));
                        batch.Sizes[i] = (image.Width, image.Height);
                    }
                    else
                    {
                        failures[start + i] = outcome.Failure;
                    }
                });
                batch.Compact(failures);
                if (options.FailFast && failures.AsSpan(start, batch.Slots).ToArray().FirstOrDefault(f => f is not null) is { } first)
                {
                    batch.Return();
                    throw new ImageDecodeException(first);
                }
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

    private static async Task Consume(ResNet18MapSession session, ChannelReader<ResNet18MapBatch> reader, MapSink sink, Counts counts, CancellationTokenSource stop)
    {
        try
        {
            await ConsumeBatches(session, reader, sink, counts, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stop the decoder and the other workers instead of letting them finish a run that has already failed.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ConsumeBatches(ResNet18MapSession session, ChannelReader<ResNet18MapBatch> reader, MapSink sink, Counts counts, CancellationToken cancellationToken)
    {
        var output = new float[session.Options.BatchSize * MapLength];
        using var runOptions = OnnxRun.RunOptions(session.Options.LogLevel);
        await foreach (var batch in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (batch.Count > 0)
                {
                    Run(session, runOptions, batch, output);
                    for (var j = 0; j < batch.Count; j++)
                    {
                        var (width, height) = batch.Sizes[j];
                        sink(batch.Indices[j], width, height, output.AsSpan(j * MapLength, MapLength));
                    }
                }
            }
            finally
            {
                batch.Return();
            }
            counts.Add(batch.Slots, batch.Slots - batch.Count);
        }
    }

    /// <summary>Images done and failed across the workers, reported after each batch.</summary>
    private sealed class Counts(int total, IProgress<ImageModelProgress>? progress)
    {
        private readonly Lock _lock = new();
        private int _done;
        private int _failed;

        public void Add(int done, int failed)
        {
            lock (_lock)
            {
                _done += done;
                _failed += failed;
                progress?.Report(new ImageModelProgress(_done, total, _failed));
            }
        }
    }

    private static void Run(ResNet18MapSession session, RunOptions runOptions, ResNet18MapBatch batch, float[] output)
    {
        var k = batch.Count;
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.Input.AsMemory(0, k * ResNet18Backbone.TensorLength),
            [k, 3, ResNet18Backbone.ImageSide, ResNet18Backbone.ImageSide]);
        using var map = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output.AsMemory(0, k * MapLength),
            [k, ResNet18Backbone.FeatureDimension, ResNet18DenseGraph.MapSide, ResNet18DenseGraph.MapSide]);
        OnnxRun.Run(session.Session, session.Name, runOptions, [session.InputName], [input], [session.OutputName], [map]);
    }
}
