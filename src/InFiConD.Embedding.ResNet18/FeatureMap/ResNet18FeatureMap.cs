using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// The packaged ResNet-18 (<c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>, as in <see cref="ResNet18Backbone"/>)
/// cut before its global average pooling, so one forward pass gives an image's last convolutional map: 7 × 7 cells
/// of 512 features, each cell seeing a 32 × 32 block of the 224 × 224 centre crop (and, through its receptive
/// field, its surroundings). Its segments are those 49 cells, row by row, with their boxes in source pixels, so
/// regions, grid cells and masks are pooled from one pass (<see cref="RegionPooledSegmentEncoder"/>,
/// <see cref="MaskPooledSegmentEncoder"/>) instead of one pass per crop. Images run in batches
/// (<see cref="ResNet18FeatureMapOptions.BatchSize"/>: the batch axis is made symbolic), decoded while the previous
/// batch runs. Thread-safe; dispose to free the session.
/// </summary>
public sealed class ResNet18FeatureMap : IDenseImageEncoder, IDisposable
{
    /// <summary>The map's cells per image: 7 × 7.</summary>
    public const int CellCount = ResNet18DenseGraph.MapSide * ResNet18DenseGraph.MapSide;

    private readonly ResNet18MapSession _session;
    private readonly ImageDecoder _decoder;
    private volatile bool _disposed;

    private ResNet18FeatureMap(ResNet18MapSession session, string modelsDirectory, string modelId)
    {
        _session = session;
        _decoder = new ImageDecoder(session.Options.Decode);
        ModelsDirectory = modelsDirectory;
        ModelId = modelId;
    }

    /// <summary>The <c>DnnImageModels</c> folder the models were loaded from.</summary>
    public string ModelsDirectory { get; }

    /// <summary>How images become the network's input: <see cref="Preprocessing.ResNet18Package"/>, as for <see cref="ResNet18Backbone"/>.</summary>
    public Preprocessing Preprocessing => Preprocessing.ResNet18Package;

    /// <summary>
    /// <c>resnet18-map:</c> a SHA-256 of both model files, then the preprocessing key: never a <see cref="ResNet18Backbone"/>'s id, so
    /// caches of cells and of whole-image features never mix.
    /// </summary>
    public string ModelId { get; }

    /// <summary>512.</summary>
    public int Dimension => ResNet18Backbone.FeatureDimension;

    /// <summary>The options it runs with.</summary>
    public ResNet18FeatureMapOptions Options => _session.Options;

    /// <summary>The execution provider the network runs on: the one <see cref="ResNet18FeatureMapOptions.ExecutionProvider"/> asked for, or the CPU with the reason.</summary>
    public ExecutionProviderChoice ExecutionProvider => _session.Provider;

    /// <summary>Loads the models with the default options (see <see cref="Load(string?, ResNet18FeatureMapOptions)"/>).</summary>
    /// <param name="modelsDirectory">The package's <c>DnnImageModels</c> folder or its parent; <see langword="null"/> to look next to the application.</param>
    /// <returns>The feature map encoder.</returns>
    /// <exception cref="FileNotFoundException">The model files are not there; the message lists the folders searched and names the package to reference.</exception>
    /// <exception cref="InvalidFileException">A model file is not the packaged graph expected (names the file and what differs).</exception>
    public static ResNet18FeatureMap Load(string? modelsDirectory = null) => Load(modelsDirectory, ResNet18FeatureMapOptions.Default);

    /// <summary>
    /// Finds the package's two models as <see cref="ResNet18Backbone.Load(string?, ResNet18Options)"/> does and builds, in memory,
    /// one graph from them: the preprocessing model in front of the network, the network's final 7 × 7 average pooling removed,
    /// the batch made symbolic (every node is checked to treat the images of a batch independently).
    /// </summary>
    /// <param name="modelsDirectory">The <c>DnnImageModels</c> folder or its parent; <see langword="null"/> to search.</param>
    /// <param name="options">Batch size, threads and decoding.</param>
    /// <returns>The feature map encoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="FileNotFoundException">The model files are not there; the message lists the folders searched and names the package to reference.</exception>
    /// <exception cref="InvalidFileException">A model file is not the packaged graph expected (names the file and what differs).</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The provider asked for cannot be used and <see cref="ResNet18FeatureMapOptions.ProviderFallback"/> says to throw.</exception>
    public static ResNet18FeatureMap Load(string? modelsDirectory, ResNet18FeatureMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var files = ResNet18ModelFiles.Locate(modelsDirectory);
        var modelId = $"resnet18-map:{files.ContentHash()}:{Preprocessing.ResNet18Package.Key}";
        return new ResNet18FeatureMap(ResNet18MapSession.Open(files, options), files.Directory, modelId);
    }

    /// <summary>
    /// Encodes every image into the average of its map's 49 cells: the packaged network's own pooled features (to float
    /// rounding: the average is summed in double here, in cell order).
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>N × 512 features of the decoded images, in source order, their ids and the failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The encoder was disposed.</exception>
    /// <exception cref="ImageDecodeException">An image failed and <see cref="ResNet18FeatureMapOptions.FailFast"/> is set (the first in source order).</exception>
    /// <exception cref="InvalidEmbeddingException">An image's map holds NaN or ±∞, or is all zeros (the model and the image named).</exception>
    /// <exception cref="ModelRunException">ONNX Runtime failed on a batch (the model and the batch's shape named).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var rows = new float[]?[images.Count];
        var failures = await ResNet18MapPipeline.RunAsync(_session, _decoder, images, (index, _, _, map) =>
        {
            var row = new float[Dimension];
            FeatureMapCells.Average(map, row);
            EmbeddingCheck.Require(row, _session.Name, "image", images[index].Id);
            rows[index] = row;
        }, progress, cancellationToken).ConfigureAwait(false);
        var kept = Enumerable.Range(0, rows.Length).Where(i => rows[i] is not null).ToList();
        var embeddings = kept.Count == 0 ? new FloatMatrix(0, Dimension) : FloatMatrix.FromRows(kept.Select(i => rows[i]!).ToList());
        return new ImageEmbeddings(embeddings, kept.Select(i => images[i].Id).ToList(), failures.OfType<DecodeFailure>().ToList());
    }

    /// <summary>
    /// Encodes every image into its map's 49 cells: image n's rows are its cells row by row from the top-left, each with the
    /// box of source pixels it covers (<see cref="Preprocessing"/>'s resize and centre crop undone; parts of the source outside the
    /// crop belong to no cell).
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>49 rows of 512 per decoded image, offsets, cell boxes, ids and failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The encoder was disposed.</exception>
    /// <exception cref="ImageDecodeException">An image failed and <see cref="ResNet18FeatureMapOptions.FailFast"/> is set (the first in source order).</exception>
    /// <exception cref="InvalidEmbeddingException">An image's map holds NaN or ±∞, or is all zeros (the model and the image named).</exception>
    /// <exception cref="ModelRunException">ONNX Runtime failed on a batch.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<SegmentEmbeddings> EncodeSegmentsAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var cells = new float[]?[images.Count];
        var boxes = new IReadOnlyList<SegmentBox>?[images.Count];
        var failures = await ResNet18MapPipeline.RunAsync(_session, _decoder, images, (index, width, height, map) =>
        {
            var average = new float[Dimension];
            FeatureMapCells.Average(map, average);
            EmbeddingCheck.Require(average, _session.Name, "image", images[index].Id);
            var rows = new float[map.Length];
            FeatureMapCells.Transpose(map, rows);
            cells[index] = rows;
            boxes[index] = PatchGrid.Boxes(Preprocessing, width, height, CellCount);
        }, progress, cancellationToken).ConfigureAwait(false);
        var kept = Enumerable.Range(0, cells.Length).Where(i => cells[i] is not null).ToList();
        var segments = new FloatMatrix(kept.Count * CellCount, Dimension);
        for (var k = 0; k < kept.Count; k++)
        {
            cells[kept[k]].AsSpan().CopyTo(segments.AsSpan().Slice(k * CellCount * Dimension));
        }
        return new SegmentEmbeddings(segments, Enumerable.Range(0, kept.Count + 1).Select(k => k * CellCount).ToList(),
            kept.Select(i => images[i].Id).ToList(), kept.Select(i => boxes[i]!).ToList(), failures.OfType<DecodeFailure>().ToList());
    }

    /// <summary>Runs images through the network, handing each decoded image's map to <paramref name="sink"/> (see <see cref="ResNet18MapPipeline"/>).</summary>
    internal Task<DecodeFailure?[]> RunAsync(ImageSource images, MapSink sink, IProgress<ImageModelProgress>? progress, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ResNet18MapPipeline.RunAsync(_session, _decoder, images, sink, progress, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _session.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ResNet18FeatureMap ({ModelsDirectory}, batches of {Options.BatchSize}, {Options.ResolvedInferenceParallelism} × {Options.ResolvedIntraOpThreads} threads)";
}
