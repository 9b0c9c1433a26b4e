using System.Runtime.ExceptionServices;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// The ImageNet-trained ResNet-18 shipped in the NuGet package <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>,
/// run with ONNX Runtime alone: each image is resized and centre-cropped to 224 × 224 (<see cref="Preprocessing.ResNet18Package"/>),
/// passed through the package's preprocessing model (RGB → BGR, minus a mean image) and then the network,
/// whose 512 globally pooled features are the embedding. Both models take one image per call, so several
/// images run at once (<see cref="ResNet18Options.Parallelism"/>). Thread-safe; dispose to free the sessions.
/// </summary>
public sealed class ResNet18Backbone : IImageEncoder, IDisposable
{
    internal const int ImageSide = 224;
    internal const int FeatureDimension = 512;
    internal const int TensorLength = 3 * ImageSide * ImageSide;

    private readonly ResNet18Sessions _sessions;
    private readonly ResNet18Options _options;
    private readonly ImageDecoder _decoder;
    private volatile bool _disposed;

    private ResNet18Backbone(ResNet18Sessions sessions, ResNet18Options options, string modelsDirectory, string modelId)
    {
        _sessions = sessions;
        _options = options;
        _decoder = new ImageDecoder(options.Decode);
        ModelsDirectory = modelsDirectory;
        ModelId = modelId;
        Parallelism = options.ResolvedParallelism;
        IntraOpThreads = options.ResolvedIntraOpThreads;
    }

    /// <summary>The <c>DnnImageModels</c> folder the models were loaded from.</summary>
    public string ModelsDirectory { get; }

    /// <summary>How images become the preprocessing model's input: <see cref="Preprocessing.ResNet18Package"/>.</summary>
    public Preprocessing Preprocessing => Preprocessing.ResNet18Package;

    /// <summary><c>resnet18-dnn:</c> a SHA-256 of both model files, then the preprocessing key.</summary>
    public string ModelId { get; }

    /// <summary>512.</summary>
    public int Dimension => FeatureDimension;

    /// <summary>Images in flight at once.</summary>
    public int Parallelism { get; }

    /// <summary>ONNX Runtime threads inside one model call.</summary>
    public int IntraOpThreads { get; }

    /// <summary>Loads the models with the default options (see <see cref="Load(string?, ResNet18Options)"/>).</summary>
    /// <param name="modelsDirectory">The package's <c>DnnImageModels</c> folder or its parent; <see langword="null"/> to look next to the application.</param>
    /// <returns>The backbone.</returns>
    /// <exception cref="FileNotFoundException">The model files are not there; the message lists the folders searched and names the package to reference.</exception>
    /// <exception cref="InvalidFileException">A model file cannot be loaded or does not have the expected input and output.</exception>
    public static ResNet18Backbone Load(string? modelsDirectory = null) => Load(modelsDirectory, ResNet18Options.Default);

    /// <summary>
    /// Loads the preprocessing model and the network from the package's <c>DnnImageModels</c> folder. With no
    /// folder given, looks in <c>DnnImageModels/</c> next to the application (where the package's build
    /// props copy it), then in the NuGet global packages folder (for notebooks and scripts). Checks each
    /// model's input and output (1 × 3 × 224 × 224 in, 1 × 512 × 1 × 1 out of the network).
    /// </summary>
    /// <param name="modelsDirectory">The <c>DnnImageModels</c> folder or its parent; <see langword="null"/> to search.</param>
    /// <param name="options">Parallelism, threads and decoding.</param>
    /// <returns>The backbone.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="FileNotFoundException">The model files are not there; the message lists the folders searched and names the package to reference.</exception>
    /// <exception cref="InvalidFileException">A model file cannot be loaded or does not have the expected input and output; names expected and actual.</exception>
    public static ResNet18Backbone Load(string? modelsDirectory, ResNet18Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var files = ResNet18ModelFiles.Locate(modelsDirectory);
        var modelId = $"resnet18-dnn:{files.ContentHash()}:{Preprocessing.ResNet18Package.Key}";
        var sessions = ResNet18Sessions.Open(files, options.ResolvedIntraOpThreads, options.LogLevel);
        return new ResNet18Backbone(sessions, options, files.Directory, modelId);
    }

    /// <summary>
    /// Encodes every image of a source into its 512 pooled features. Images that fail to decode are
    /// reported and skipped (or stop the run with <see cref="ResNet18Options.FailFast"/>).
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress after each image, from worker threads.</param>
    /// <param name="cancellationToken">Cancels between images.</param>
    /// <returns>N × 512 features of the decoded images, in source order, their ids and the failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The backbone was disposed.</exception>
    /// <exception cref="ImageDecodeException">An image failed and <see cref="ResNet18Options.FailFast"/> is set (the first failure in source order among the images seen).</exception>
    /// <exception cref="InvalidEmbeddingException">The network gave an image features holding NaN or ±∞, or all zeros (the network file and the image named).</exception>
    /// <exception cref="ModelRunException">ONNX Runtime failed on an image (the model file, its input and shape named).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var count = images.Count;
        var rows = new float[]?[count];
        var failures = new DecodeFailure?[count];
        int next = -1, done = 0, failed = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        void Work()
        {
            using var worker = new ResNet18Worker(_options.LogLevel);
            try
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    stop.Token.ThrowIfCancellationRequested();
                    var outcome = _decoder.TryDecode(images[i]);
                    if (outcome.Image is { } image)
                    {
                        Preprocessing.Apply(image, worker.Input);
                        rows[i] = worker.Run(_sessions);
                        EmbeddingCheck.Require(rows[i], _sessions.Files.NetworkPath, "image", images[i].Id);
                    }
                    else
                    {
                        failures[i] = outcome.Failure;
                        Interlocked.Increment(ref failed);
                        if (_options.FailFast)
                        {
                            stop.Cancel();
                        }
                    }
                    progress?.Report(new ImageModelProgress(Interlocked.Increment(ref done), count, Volatile.Read(ref failed)));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stop the other workers instead of letting them finish a run that has already failed.
                stop.Cancel();
                throw;
            }
        }

        var workers = Enumerable.Range(0, Math.Min(Parallelism, count)).Select(_ => Task.Run(Work, CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception) when (workers.All(w => w.IsCompleted))
        {
            // Sorted out below: the workers stopped by a failing one end in cancellations, which must
            // not hide the error that stopped them.
        }
        var errors = workers.Where(w => w.IsFaulted).SelectMany(w => w.Exception!.InnerExceptions).ToList();
        if (errors.FirstOrDefault(e => e is not OperationCanceledException) is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (_options.FailFast && failures.FirstOrDefault(f => f is not null) is { } first)
        {
            throw new ImageDecodeException(first);
        }
        if (errors.Count > 0)
        {
            ExceptionDispatchInfo.Throw(errors[0]);
        }
        return Collect(images, rows, failures);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _sessions.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ResNet18Backbone ({ModelsDirectory}, {Parallelism} × {IntraOpThreads} threads)";

    private static ImageEmbeddings Collect(ImageSource images, float[]?[] rows, DecodeFailure?[] failures)
    {
        var kept = new List<float[]>(rows.Length);
        var ids = new List<string>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] is { } row)
            {
                kept.Add(row);
                ids.Add(images[i].Id);
            }
        }
        var embeddings = kept.Count == 0 ? new FloatMatrix(0, FeatureDimension) : FloatMatrix.FromRows(kept);
        return new ImageEmbeddings(embeddings, ids, failures.OfType<DecodeFailure>().ToList());
    }
}
