using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace InFiConD.Embedding;

/// <summary>
/// Any ONNX model from images to vectors (an encoder, a classifier): decodes and preprocesses images in
/// parallel while the previous batch runs, batches them, reports images that fail to decode and goes on,
/// and returns one output row per image. Teachers and encoders build on it.
/// </summary>
public sealed class OnnxImageModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OnnxImageModelOptions _options;
    private readonly int[] _inputDimensions;

    /// <summary>Batches decoded ahead of inference: enough to keep the model fed when decode times vary, few enough to bound memory.</summary>
    internal const int PrefetchBatches = 2;

    private OnnxImageModel(InferenceSession session, string path, Preprocessing preprocessing, OnnxImageModelOptions options, string inputName, string outputName, string fileHash,
        int inferenceParallelism, int intraOpThreads)
    {
        _session = session;
        InferenceParallelism = inferenceParallelism;
        IntraOpThreads = intraOpThreads;
        FileHash = fileHash;
        _options = options;
        ModelPath = path;
        Preprocessing = preprocessing;
        InputName = inputName;
        OutputName = outputName;
        ModelId = $"onnx:{fileHash}:{outputName}:{preprocessing.Key}";
        _inputDimensions = session.InputMetadata[inputName].Dimensions;
        CustomMetadata = new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap, StringComparer.Ordinal);
        BatchSize = _inputDimensions[0] > 0 ? Math.Min(_inputDimensions[0], options.BatchSize) : options.BatchSize;
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>The model's own key–value metadata (ONNX <c>metadata_props</c>), such as the class names a composed teacher carries.</summary>
    public IReadOnlyDictionary<string, string> CustomMetadata { get; }

    /// <summary>How images become the input tensor.</summary>
    public Preprocessing Preprocessing { get; }

    /// <summary>The image input's name.</summary>
    public string InputName { get; }

    /// <summary>The output read.</summary>
    public string OutputName { get; }

    /// <summary>Images per inference call.</summary>
    public int BatchSize { get; }

    /// <summary>Inference calls in flight at once (<see cref="OnnxImageModelOptions.InferenceParallelism"/> once resolved).</summary>
    public int InferenceParallelism { get; }

    /// <summary>ONNX Runtime threads inside one call, as the session was opened with; 0 for ONNX Runtime's default.</summary>
    public int IntraOpThreads { get; }

    /// <summary>
    /// The execution provider asked for and the one the session runs on, with the reason when it fell back to the CPU
    /// (<see cref="OnnxImageModelOptions.ExecutionProvider"/>, <see cref="OnnxImageModelOptions.ProviderFallback"/>).
    /// </summary>
    public ExecutionProviderChoice ExecutionProvider { get; private set; } = ExecutionProviderChoice.Cpu;

    /// <summary>A stable id: the model file's SHA-256, the output read and the preprocessing key.</summary>
    public string ModelId { get; }

    /// <summary>The model file's SHA-256, lower-case hex.</summary>
    internal string FileHash { get; }

    /// <summary>The session, for encoders that run more of the same graph (OnnxClipEncoder's text side of a combined model).</summary>
    internal InferenceSession Session => _session;

    /// <summary>The ONNX Runtime log level runs of this model use.</summary>
    internal OnnxLogLevel LogLevel => _options.LogLevel;

    /// <summary>Loads a model and checks that it takes a rank-4 float image tensor and gives float outputs.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="preprocessing">How images become the input tensor.</param>
    /// <param name="options">Input/output names, batching and decoding; <see langword="null"/> for the defaults.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidFileException">The model's inputs or outputs do not fit; the message lists expected and actual names, types and shapes.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The requested provider cannot be used and <see cref="OnnxImageModelOptions.ProviderFallback"/> is <see cref="ProviderFallback.Throw"/>.</exception>
    public static OnnxImageModel Load(string path, Preprocessing preprocessing, OnnxImageModelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(preprocessing);
        preprocessing.Validate();
        options = (options ?? OnnxImageModelOptions.Default).Validate();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        }
        // Explicit settings are used as given (IntraOpThreads 0 with several calls: processors ÷ calls).
        var parallelism = options.InferenceParallelism == -1 ? 1 : options.InferenceParallelism;
        var threads = ThreadsPerCall(options.IntraOpThreads, parallelism);
        InferenceSession? session = Open(path, threads, options, out var provider);
        try
        {
            // Left to the model: whether the batch is fixed at 1 is only known once the model is open, and the threads
            // of a session are fixed when it opens, so such a model is opened again with one thread per call.
            if (options.InferenceParallelism == -1 && options.IntraOpThreads == 0 && Environment.ProcessorCount > 1
                && session.InputMetadata[FindInput(session, path, options.InputName)].Dimensions[0] == 1)
            {
                session.Dispose();
                session = null;
                (parallelism, threads) = (Environment.ProcessorCount, 1);
                session = Open(path, threads, options, out provider);
            }
            if (provider.Message is { } message && options.LogLevel <= OnnxLogLevel.Warning)
            {
                // Said where ONNX Runtime's own warnings go, once per model: a silent fallback would cost a fleet 10–100× in time.
                Console.Error.WriteLine($"InFiConD: {Path.GetFileName(path)}: {message}");
            }
            var model = FromSession(session, path, preprocessing, options, parallelism, threads);
            model.ExecutionProvider = provider;
            return model;
        }
        catch
        {
            session?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Wraps a session already open on <paramref name="path"/> (an encoder that checked the graph itself
    /// first, such as OnnxClipEncoder), with the same input/output checks as <see cref="Load"/>. The model
    /// owns the session from then on; the caller disposes it only if this throws.
    /// </summary>
    /// <remarks>
    /// The session's threads were chosen by its owner, so <see cref="OnnxImageModelOptions.InferenceParallelism"/> −1
    /// means one call at a time here.
    /// </remarks>
    internal static OnnxImageModel FromSession(InferenceSession session, string path, Preprocessing preprocessing, OnnxImageModelOptions options) =>
        FromSession(session, path, preprocessing, options, options.InferenceParallelism == -1 ? 1 : options.InferenceParallelism, options.IntraOpThreads);

    private static OnnxImageModel FromSession(InferenceSession session, string path, Preprocessing preprocessing, OnnxImageModelOptions options, int parallelism, int threads)
    {
        var input = FindInput(session, path, options.InputName);
        var output = FindOutput(session, path, options.OutputName);
        string hash;
        using (var stream = File.OpenRead(path))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        return new OnnxImageModel(session, Path.GetFullPath(path), preprocessing, options, input, output, hash, parallelism, threads);
    }

    /// <summary>Runs the model over every image of a source.</summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>One output row per decoded image, and the failures.</returns>
    /// <exception cref="ImageDecodeException">An image failed and <see cref="OnnxImageModelOptions.FailFast"/> is set.</exception>
    /// <exception cref="ShapeMismatchException">The preprocessed tensor does not fit the model's fixed input size.</exception>
    /// <exception cref="ModelRunException">ONNX Runtime failed while running a batch; names the model file, the input and its shape,
    /// and carries the runtime's message (its exception is the inner exception).</exception>
    public async Task<ImageModelRun> RunAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var run = await RunBatchesAsync(images, Infer, progress, cancellationToken).ConfigureAwait(false);
        var outputs = run.Rows.Count == 0 ? new FloatMatrix(0, OutputWidthFromMetadata()) : FloatMatrix.FromRows(run.Rows);
        return new ImageModelRun(outputs, run.ImageIds, run.Failures);
    }

    /// <summary>
    /// The pipeline of <see cref="RunAsync"/> — decoding overlapped with inference, batching, failure
    /// reports, progress — with the inference of a batch supplied by the caller: <paramref name="infer"/>
    /// receives the batch's input tensor and its image count and returns one result per image. For encoders
    /// that read several outputs or feed more inputs (OnnxClipEncoder's dense mode and combined models).
    /// With <see cref="InferenceParallelism"/> above 1, <paramref name="infer"/> is called from several threads at once.
    /// </summary>
    /// <remarks>
    /// A producer task decodes and preprocesses batches in source order into a bounded channel of
    /// <see cref="PrefetchBatches"/> (at least one per call in flight) while <see cref="InferenceParallelism"/> consumers
    /// take them in that order and run inference, each result kept at its batch's position, so results never depend
    /// on timing. Each batch's pixels live in one pooled buffer that the input tensor wraps without a copy and that
    /// goes back to the pool once the batch has run. A consumer that has taken a batch always finishes it, so every
    /// batch before a failing one has run; of several failures, the one of the earliest batch is thrown (a FailFast
    /// decode failure is the first in source order). On an error or cancellation the producer and the other consumers
    /// are stopped and the batches still queued are released.
    /// </remarks>
    internal async Task<BatchedRun<T>> RunBatchesAsync<T>(ImageSource images, Func<OrtValue, int, IReadOnlyList<T>> infer, IProgress<ImageModelProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var preparer = new BatchPreparer(Preprocessing, new ImageDecoder(_options.Decode), BatchSize, _options.DecodeParallelism);
        var batches = preparer.BatchCount(images);
        var consumers = Math.Clamp(batches, 1, InferenceParallelism);
        var results = new BatchResult<T>?[batches];
        var errors = new List<(int Batch, Exception Error)>();
        var channel = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(Math.Max(PrefetchBatches, consumers)) { SingleReader = consumers == 1, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int done = 0, failed = 0;

        async Task ConsumeAsync()
        {
            // The reader waits without the token: the producer ends the channel when it is stopped.
            while (!stop.IsCancellationRequested && await channel.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (stop.IsCancellationRequested || !channel.Reader.TryRead(out var prepared))
                {
                    continue;
                }
                using (prepared)
                {
                    try
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        results[prepared.Index] = Run(prepared, infer);
                        var count = Math.Min(BatchSize, images.Count - (prepared.Index * BatchSize));
                        progress?.Report(new ImageModelProgress(Interlocked.Add(ref done, count), images.Count, Interlocked.Add(ref failed, prepared.Failures.Count)));
                    }
                    catch (Exception e)
                    {
                        lock (errors)
                        {
                            errors.Add((prepared.Index, e));
                        }
                        stop.Cancel();
                        return;
                    }
                }
            }
        }

        var producer = Task.Run(() => ProduceAsync(preparer, images, batches, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, consumers).Select(_ => Task.Run(ConsumeAsync, CancellationToken.None))).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await producer.ConfigureAwait(false);
                }
                catch (Exception) when (producer.IsFaulted || producer.IsCanceled)
                {
                    // A consequence of stopping it, or a failure in a later batch than the one reported.
                }
                var first = errors.MinBy(e => e.Batch).Error;
                ExceptionDispatchInfo.Throw(first is OperationCanceledException && cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : first);
            }
            await producer.ConfigureAwait(false); // its error, if it stopped on one
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            // Batches queued when the run stopped early.
            while (channel.Reader.TryRead(out var left))
            {
                left.Dispose();
            }
        }
        return Collect(results, images.Count);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    /// <summary>
    /// ONNX Runtime threads per call: as given, or for 0 with several calls in flight, processors ÷ calls (at least 1),
    /// the rule <c>ResNet18Options.IntraOpThreads</c> (InFiConD.Embedding.ResNet18) also follows; 0 (ONNX Runtime's default) for one call.
    /// </summary>
    internal static int ThreadsPerCall(int intraOpThreads, int parallelism) =>
        intraOpThreads != 0 || parallelism == 1 ? intraOpThreads : Math.Max(1, Environment.ProcessorCount / parallelism);

    private static InferenceSession Open(string path, int intraOpThreads, OnnxImageModelOptions options, out ExecutionProviderChoice provider)
    {
        using var sessionOptions = OnnxRun.SessionOptions(intraOpThreads, options.LogLevel);
        provider = ExecutionProviderSelection.Apply(sessionOptions, options.ExecutionProvider, options.ProviderFallback);
        return OnnxRun.Open(path, sessionOptions);
    }

    /// <summary>Prepares batches in order into the channel, waiting while it is full; always completes it.</summary>
    private static async Task ProduceAsync(BatchPreparer preparer, ImageSource images, int batches, ChannelWriter<PreparedBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            for (var b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var prepared = preparer.Prepare(images, b, cancellationToken);
                try
                {
                    await writer.WriteAsync(prepared, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    prepared.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>One batch: its failure checks (in the order the single-consumer pipeline made them), then inference.</summary>
    private BatchResult<T> Run<T>(PreparedBatch prepared, Func<OrtValue, int, IReadOnlyList<T>> infer)
    {
        if (_options.FailFast && prepared.Failures.Count > 0)
        {
            throw new ImageDecodeException(prepared.Failures[0]);
        }
        if (prepared.Mismatch is { } mismatch)
        {
            throw mismatch;
        }
        if (prepared.Ids.Count == 0)
        {
            return new BatchResult<T>([], prepared);
        }
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, prepared.Pixels, InputShape(prepared));
        return new BatchResult<T>(infer(input, prepared.Ids.Count), prepared);
    }

    /// <summary>The batches' results concatenated in batch order.</summary>
    private static BatchedRun<T> Collect<T>(BatchResult<T>?[] results, int count)
    {
        var rows = new List<T>(count);
        var ids = new List<string>(count);
        var sourceSizes = new List<(int Width, int Height)>(count);
        var failures = new List<DecodeFailure>();
        foreach (var result in results)
        {
            // Every batch has a result once the run has ended without an error.
            rows.AddRange(result!.Rows);
            ids.AddRange(result.Ids);
            sourceSizes.AddRange(result.SourceSizes);
            failures.AddRange(result.Failures);
        }
        return new BatchedRun<T>(rows, ids, sourceSizes, failures);
    }

    private float[][] Infer(OrtValue input, int count)
    {
        using var runOptions = OnnxRun.RunOptions(_options.LogLevel);
        using var outputs = OnnxRun.Run(_session, ModelPath, runOptions, [InputName], [input], [OutputName]);
        var values = outputs[0].GetTensorDataAsSpan<float>();
        var width = values.Length / count;
        var rows = new float[count][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = values.Slice(i * width, width).ToArray();
        }
        return rows;
    }

    /// <summary>The input shape for this batch, checked against the model's fixed dimensions.</summary>
    private long[] InputShape(PreparedBatch batch)
    {
        var hwc = Preprocessing.Layout == TensorLayout.Hwc;
        var (width, height) = batch.Sizes[0];
        var length = batch.TensorLength;
        long[] shape = hwc ? [batch.Ids.Count, height, width, 3] : [batch.Ids.Count, 3, height, width];
        for (var d = 1; d < 4; d++)
        {
            if (_inputDimensions[d] > 0 && _inputDimensions[d] != shape[d])
            {
                throw new ShapeMismatchException($"{ModelPath}: input '{InputName}'", Describe(_inputDimensions), $"{string.Join(" × ", shape)} from the preprocessing (tensor of {length} values)");
            }
        }
        return shape;
    }

    private int OutputWidthFromMetadata()
    {
        var dims = _session.OutputMetadata[OutputName].Dimensions;
        var width = 1;
        for (var d = 1; d < dims.Length; d++)
        {
            width *= Math.Max(dims[d], 1);
        }
        return width;
    }

    private static string FindInput(InferenceSession session, string path, string? name)
    {
        var candidates = session.InputMetadata
            .Where(p => p.Value.IsTensor && p.Value.ElementType == typeof(float) && p.Value.Dimensions.Length == 4)
            .Select(p => p.Key).ToList();
        if (name is not null ? candidates.Contains(name) : candidates.Count == 1)
        {
            return name ?? candidates[0];
        }
        var expected = name is null ? "exactly one float input of rank 4 ([N, 3, H, W] or [N, H, W, 3])" : $"a float input '{name}' of rank 4";
        throw new InvalidFileException(path, "inputs", null, $"Expected {expected}; the model has {List(session.InputMetadata)}.");
    }

    private static string FindOutput(InferenceSession session, string path, string? name)
    {
        var candidates = session.OutputMetadata
            .Where(p => p.Value.IsTensor && p.Value.ElementType == typeof(float) && p.Value.Dimensions.Length >= 2)
            .Select(p => p.Key).ToList();
        if (name is not null ? candidates.Contains(name) : candidates.Count >= 1)
        {
            return name ?? candidates[0];
        }
        var expected = name is null ? "a float output of rank ≥ 2 ([N, D, …])" : $"a float output '{name}' of rank ≥ 2";
        throw new InvalidFileException(path, "outputs", null, $"Expected {expected}; the model has {List(session.OutputMetadata)}.");
    }

    private static string List(IReadOnlyDictionary<string, NodeMetadata> values) =>
        values.Count == 0 ? "none" : string.Join(", ", values.Select(p => $"'{p.Key}' {(p.Value.IsTensor ? p.Value.ElementType.Name : p.Value.OnnxValueType.ToString())} [{Describe(p.Value.Dimensions)}]"));

    private static string Describe(int[] dimensions) =>
        string.Join(" × ", dimensions.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)));

    /// <summary>One batch's results, ids, decoded sizes and failures, kept at its position until the run ends.</summary>
    private sealed record BatchResult<T>(IReadOnlyList<T> Rows, List<string> Ids, List<(int Width, int Height)> SourceSizes, List<DecodeFailure> Failures)
    {
        internal BatchResult(IReadOnlyList<T> rows, PreparedBatch prepared)
            : this(rows, prepared.Ids, prepared.SourceSizes, prepared.Failures)
        {
        }
    }

    /// <summary>What <see cref="RunBatchesAsync"/> returns: one result per decoded image, its id and decoded size, and the failures.</summary>
    internal sealed record BatchedRun<T>(List<T> Rows, List<string> ImageIds, List<(int Width, int Height)> SourceSizes, List<DecodeFailure> Failures);
}
