using System.Globalization;
using System.Security.Cryptography;
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

    private OnnxImageModel(InferenceSession session, string path, Preprocessing preprocessing, OnnxImageModelOptions options, string inputName, string outputName, string fileHash)
    {
        _session = session;
        FileHash = fileHash;
        _options = options;
        ModelPath = path;
        Preprocessing = preprocessing;
        InputName = inputName;
        OutputName = outputName;
        ModelId = $"onnx:{fileHash}:{outputName}:{preprocessing.Key}";
        _inputDimensions = session.InputMetadata[inputName].Dimensions;
        BatchSize = _inputDimensions[0] > 0 ? Math.Min(_inputDimensions[0], options.BatchSize) : options.BatchSize;
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>How images become the input tensor.</summary>
    public Preprocessing Preprocessing { get; }

    /// <summary>The image input's name.</summary>
    public string InputName { get; }

    /// <summary>The output read.</summary>
    public string OutputName { get; }

    /// <summary>Images per inference call.</summary>
    public int BatchSize { get; }

    /// <summary>A stable id: the model file's SHA-256, the output read and the preprocessing key.</summary>
    public string ModelId { get; }

    /// <summary>The model file's SHA-256, lower-case hex.</summary>
    internal string FileHash { get; }

    /// <summary>The session, for encoders that run more of the same graph (OnnxClipEncoder's text side of a combined model).</summary>
    internal InferenceSession Session => _session;

    /// <summary>Loads a model and checks that it takes a rank-4 float image tensor and gives float outputs.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="preprocessing">How images become the input tensor.</param>
    /// <param name="options">Input/output names, batching and decoding; <see langword="null"/> for the defaults.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidFileException">The model's inputs or outputs do not fit; the message lists expected and actual names, types and shapes.</exception>
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
        InferenceSession session;
        try
        {
            session = new InferenceSession(path);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidFileException(path, null, null, $"ONNX Runtime cannot load the model: {e.Message}", e);
        }
        try
        {
            return FromSession(session, path, preprocessing, options);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Wraps a session already open on <paramref name="path"/> (an encoder that checked the graph itself
    /// first, such as OnnxClipEncoder), with the same input/output checks as <see cref="Load"/>. The model
    /// owns the session from then on; the caller disposes it only if this throws.
    /// </summary>
    internal static OnnxImageModel FromSession(InferenceSession session, string path, Preprocessing preprocessing, OnnxImageModelOptions options)
    {
        var input = FindInput(session, path, options.InputName);
        var output = FindOutput(session, path, options.OutputName);
        string hash;
        using (var stream = File.OpenRead(path))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        return new OnnxImageModel(session, Path.GetFullPath(path), preprocessing, options, input, output, hash);
    }

    /// <summary>Runs the model over every image of a source.</summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>One output row per decoded image, and the failures.</returns>
    /// <exception cref="ImageDecodeException">An image failed and <see cref="OnnxImageModelOptions.FailFast"/> is set.</exception>
    /// <exception cref="ShapeMismatchException">The preprocessed tensor does not fit the model's fixed input size.</exception>
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
    /// </summary>
    internal async Task<BatchedRun<T>> RunBatchesAsync<T>(ImageSource images, Func<OrtValue, int, IReadOnlyList<T>> infer, IProgress<ImageModelProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var decoder = new ImageDecoder(_options.Decode);
        var rows = new List<T>(images.Count);
        var ids = new List<string>(images.Count);
        var sourceSizes = new List<(int Width, int Height)>(images.Count);
        var failures = new List<DecodeFailure>();
        var batches = (images.Count + BatchSize - 1) / BatchSize;
        // Decode the next batch while this one runs in ONNX Runtime.
        var pending = batches == 0 ? null : Task.Run(() => Prepare(images, 0, decoder, cancellationToken), cancellationToken);
        for (var b = 0; b < batches; b++)
        {
            var prepared = await pending!.ConfigureAwait(false);
            var next = b + 1; // a copy: the closure must not see the loop variable move on
            pending = next < batches ? Task.Run(() => Prepare(images, next, decoder, cancellationToken), cancellationToken) : null;
            cancellationToken.ThrowIfCancellationRequested();
            failures.AddRange(prepared.Failures);
            if (_options.FailFast && prepared.Failures.Count > 0)
            {
                var first = prepared.Failures[0];
                throw new ImageDecodeException(first);
            }
            if (prepared.Ids.Count > 0)
            {
                using var input = CreateInput(prepared);
                rows.AddRange(infer(input, prepared.Ids.Count));
                ids.AddRange(prepared.Ids);
                sourceSizes.AddRange(prepared.SourceSizes);
            }
            progress?.Report(new ImageModelProgress(Math.Min(images.Count, (b + 1) * BatchSize), images.Count, failures.Count));
        }
        return new BatchedRun<T>(rows, ids, sourceSizes, failures);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private PreparedBatch Prepare(ImageSource images, int batch, ImageDecoder decoder, CancellationToken cancellationToken)
    {
        var start = batch * BatchSize;
        var count = Math.Min(BatchSize, images.Count - start);
        var tensors = new float[count][];
        var sizes = new (int Width, int Height)[count];
        var sourceSizes = new (int Width, int Height)[count];
        var failures = new DecodeFailure?[count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _options.DecodeParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, count, options, i =>
        {
            var outcome = decoder.TryDecode(images[start + i]);
            if (outcome.Image is { } image)
            {
                tensors[i] = Preprocessing.Apply(image);
                sizes[i] = Preprocessing.OutputSize(image.Width, image.Height);
                sourceSizes[i] = (image.Width, image.Height);
            }
            else
            {
                failures[i] = outcome.Failure;
            }
        });
        var ids = new List<string>(count);
        var kept = new List<float[]>(count);
        var keptSizes = new List<(int Width, int Height)>(count);
        var keptSourceSizes = new List<(int Width, int Height)>(count);
        for (var i = 0; i < count; i++)
        {
            if (tensors[i] is { } tensor)
            {
                ids.Add(images[start + i].Id);
                kept.Add(tensor);
                keptSizes.Add(sizes[i]);
                keptSourceSizes.Add(sourceSizes[i]);
            }
        }
        return new PreparedBatch(ids, kept, keptSizes, keptSourceSizes, failures.OfType<DecodeFailure>().ToList());
    }

    /// <summary>The batch's input tensor, [n, 3, H, W] or [n, H, W, 3]; the caller disposes it.</summary>
    private OrtValue CreateInput(PreparedBatch batch)
    {
        var length = batch.Tensors[0].Length;
        var shape = InputShape(batch, length);
        var input = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, shape);
        var data = input.GetTensorMutableDataAsSpan<float>();
        for (var i = 0; i < batch.Tensors.Count; i++)
        {
            if (batch.Sizes[i] != batch.Sizes[0])
            {
                input.Dispose();
                throw new ShapeMismatchException($"image '{batch.Ids[i]}'", $"{batch.Sizes[0].Width} × {batch.Sizes[0].Height} pixels after preprocessing (as the batch's first image)", $"{batch.Sizes[i].Width} × {batch.Sizes[i].Height}; set a fixed crop in the preprocessing");
            }
            batch.Tensors[i].CopyTo(data.Slice(i * length, length));
        }
        return input;
    }

    private float[][] Infer(OrtValue input, int count)
    {
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [InputName], [input], [OutputName]);
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
    private long[] InputShape(PreparedBatch batch, int length)
    {
        var hwc = Preprocessing.Layout == TensorLayout.Hwc;
        var (width, height) = batch.Sizes[0];
        long[] shape = hwc ? [batch.Tensors.Count, height, width, 3] : [batch.Tensors.Count, 3, height, width];
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

    private sealed record PreparedBatch(List<string> Ids, List<float[]> Tensors, List<(int Width, int Height)> Sizes, List<(int Width, int Height)> SourceSizes, List<DecodeFailure> Failures);

    /// <summary>What <see cref="RunBatchesAsync"/> returns: one result per decoded image, its id and decoded size, and the failures.</summary>
    internal sealed record BatchedRun<T>(List<T> Rows, List<string> ImageIds, List<(int Width, int Height)> SourceSizes, List<DecodeFailure> Failures);
}
