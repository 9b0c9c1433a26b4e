using System.Globalization;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Makes any <see cref="IImageEncoder"/> dense by cropping: each image is decoded, cut into the boxes of a
/// <see cref="Embedding.Segmentation"/> and every crop is encoded as an image of its own (resized by the
/// encoder's preprocessing like any other image). This is how a global encoder such as
/// <c>ResNet18Backbone</c> (package InFiConD.Embedding.ResNet18) gets per-region embeddings, for example a 2 × 2 grid. Crops of several
/// images go to the wrapped encoder together, so it sees full batches.
/// </summary>
public sealed class CroppedSegmentEncoder : IDenseImageEncoder
{
    private readonly ImageDecoder _decoder;

    private CroppedSegmentEncoder(IImageEncoder encoder, Segmentation segmentation, CroppedSegmentOptions options)
    {
        Encoder = encoder;
        Segmentation = segmentation;
        Options = options;
        _decoder = new ImageDecoder(options.Decode);
        ModelId = $"crops[{segmentation.Key}{(options.IncludeWhole ? "+whole" : "")}]:{encoder.ModelId}";
    }

    /// <summary>The encoder each crop goes through.</summary>
    public IImageEncoder Encoder { get; }

    /// <summary>How images are cut.</summary>
    public Segmentation Segmentation { get; }

    /// <summary>Whole-image segment, chunking and decoding settings.</summary>
    public CroppedSegmentOptions Options { get; }

    /// <summary><c>crops[</c>segmentation key<c>(+whole)]:</c> then the wrapped encoder's id.</summary>
    public string ModelId { get; }

    /// <summary>The wrapped encoder's width.</summary>
    public int Dimension => Encoder.Dimension;

    /// <summary>Wraps an encoder with the default options.</summary>
    /// <param name="encoder">The encoder each crop goes through.</param>
    /// <param name="segmentation">How images are cut, such as <c>Segmentation.Grid(2)</c>.</param>
    /// <returns>The dense encoder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static CroppedSegmentEncoder Create(IImageEncoder encoder, Segmentation segmentation) => Create(encoder, segmentation, CroppedSegmentOptions.Default);

    /// <summary>Wraps an encoder.</summary>
    /// <param name="encoder">The encoder each crop goes through.</param>
    /// <param name="segmentation">How images are cut.</param>
    /// <param name="options">Whole-image segment, chunking and decoding.</param>
    /// <returns>The dense encoder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static CroppedSegmentEncoder Create(IImageEncoder encoder, Segmentation segmentation, CroppedSegmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(options);
        return new CroppedSegmentEncoder(encoder, segmentation, options.Validate());
    }

    /// <summary>Encodes whole images with the wrapped encoder (one row per image, no cropping).</summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives the wrapped encoder's progress.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The wrapped encoder's result.</returns>
    public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Encoder.EncodeAsync(images, progress, cancellationToken);

    /// <summary>
    /// Cuts every image into its segments and encodes each crop. Image n's rows are
    /// <c>Offsets[n] .. Offsets[n + 1] − 1</c>, in the order of its <see cref="SegmentEmbeddings.Boxes"/>
    /// (the whole image first with <see cref="CroppedSegmentOptions.IncludeWhole"/>, then the segmentation's boxes).
    /// An image that fails to decode, or any of whose crops the wrapped encoder rejects, is reported and skipped whole.
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress after each chunk, counting source images.</param>
    /// <param name="cancellationToken">Cancels between chunks and the wrapped encoder's batches.</param>
    /// <returns>Σ P_n × D embeddings with offsets, boxes in source pixels, ids and failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is <see langword="null"/>.</exception>
    /// <exception cref="ImageDecodeException">An image failed and <see cref="CroppedSegmentOptions.FailFast"/> is set.</exception>
    /// <exception cref="ShapeMismatchException">The wrapped encoder returned rows of another width than its <see cref="IImageEncoder.Dimension"/>,
    /// or mask segments do not match an image's size.</exception>
    /// <exception cref="InvalidEmbeddingException">A crop's embedding holds NaN or ±∞, or is all zeros; names the model (the wrapped
    /// encoder's file, or its model id), the source image and the segment.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<SegmentEmbeddings> EncodeSegmentsAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var pieces = new List<(FloatMatrix Matrix, int Row)>();
        var offsets = new List<int> { 0 };
        var ids = new List<string>();
        var boxes = new List<IReadOnlyList<SegmentBox>>();
        var failures = new List<DecodeFailure>();
        for (var start = 0; start < images.Count; start += Options.ImagesPerChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = Cut(images, start, Math.Min(Options.ImagesPerChunk, images.Count - start), cancellationToken);
            if (Options.FailFast && chunk.FirstOrDefault(c => c.Failure is not null) is { Failure: { } first })
            {
                throw new ImageDecodeException(first);
            }
            var crops = chunk.Where(c => c.Crops is not null).SelectMany(c => c.Crops!.Select((crop, k) => (CropId(c.Index, k), crop))).ToList();
            var encoded = crops.Count == 0 ? null : await EncodeCropsAsync(crops, images, cancellationToken).ConfigureAwait(false);
            if (encoded is not null && encoded.Embeddings.Columns != Dimension)
            {
                throw new ShapeMismatchException($"embeddings from {Encoder.ModelId}", $"{Dimension} columns (the encoder's Dimension)", $"{encoded.Embeddings.Rows} × {encoded.Embeddings.Columns}");
            }
            var rowOf = encoded?.ImageIds.Select((id, row) => (id, row)).ToDictionary(p => p.id, p => p.row, StringComparer.Ordinal);
            var cropFailures = encoded?.Failures.ToDictionary(f => f.Id, StringComparer.Ordinal);
            foreach (var image in chunk)
            {
                if (image.Failure is { } failure)
                {
                    failures.Add(failure);
                    continue;
                }
                var rows = new int[image.Boxes!.Count];
                DecodeFailure? rejected = null;
                for (var k = 0; k < rows.Length && rejected is null; k++)
                {
                    var id = CropId(image.Index, k);
                    if (rowOf!.TryGetValue(id, out var row))
                    {
                        // Checked here too: a wrapped encoder of the user's own may not check its rows.
                        EmbeddingCheck.Require(encoded!.Embeddings.Row(row), Encoder.ModelId, "image", image.Item.Id, k);
                        rows[k] = row;
                    }
                    else
                    {
                        var why = cropFailures!.GetValueOrDefault(id);
                        rejected = new DecodeFailure(image.Item.Id, image.Item.Path, why?.Reason ?? DecodeFailureReason.Corrupt,
                            $"segment {k} ({Describe(image.Boxes[k])}) was not encoded: {why?.Message ?? "the encoder returned no row for it."}");
                    }
                }
                if (rejected is not null)
                {
                    if (Options.FailFast)
                    {
                        throw new ImageDecodeException(rejected);
                    }
                    failures.Add(rejected);
                    continue;
                }
                pieces.AddRange(rows.Select(r => (encoded!.Embeddings, r)));
                offsets.Add(pieces.Count);
                ids.Add(image.Item.Id);
                boxes.Add(image.Boxes);
            }
            progress?.Report(new ImageModelProgress(start + chunk.Length, images.Count, failures.Count));
        }
        var segments = new FloatMatrix(pieces.Count, Dimension);
        for (var r = 0; r < pieces.Count; r++)
        {
            pieces[r].Matrix.Row(pieces[r].Row).CopyTo(segments.Row(r));
        }
        return new SegmentEmbeddings(segments, offsets, ids, boxes, failures);
    }

    /// <summary>The segmentation's key, plus <c>+whole</c> with <see cref="CroppedSegmentOptions.IncludeWhole"/>.</summary>
    public string SegmentationKey => Segmentation.Key + (Options.IncludeWhole ? "+whole" : "");

    /// <inheritdoc />
    public override string ToString() => $"CroppedSegmentEncoder ({Segmentation.Key}{(Options.IncludeWhole ? " + whole" : "")} over {Encoder})";

    /// <summary>
    /// Encodes a chunk's crops with the wrapped encoder. An <see cref="InvalidEmbeddingException"/> it raises names a crop id
    /// (<see cref="CropId"/>); it is restated with the source image's id and the segment.
    /// </summary>
    private async Task<ImageEmbeddings> EncodeCropsAsync(List<(string Id, DecodedImage Crop)> crops, ImageSource images, CancellationToken cancellationToken)
    {
        try
        {
            return await Encoder.EncodeAsync(ImageSource.FromImages(crops), null, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidEmbeddingException e) when (e.InputKind == "image" && e.Segment is null && ParseCropId(e.Input) is var (index, segment) && index < images.Count)
        {
            throw new InvalidEmbeddingException(e.Model, "image", images[index].Id, segment, e.Dimension, e.Component, e.Value, e);
        }
    }

    /// <summary>The source position and segment of a <see cref="CropId"/>, or <see langword="null"/> for another id.</summary>
    private static (int Index, int Segment)? ParseCropId(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && int.TryParse(id.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(id.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var segment)
            ? (index, segment)
            : null;
    }

    /// <summary>The segment boxes of one image, with the whole image first when asked for and not already there.</summary>
    private IReadOnlyList<SegmentBox> BoxesOf(DecodedImage image)
    {
        var boxes = Segmentation.Boxes(image.Width, image.Height);
        var whole = SegmentBox.Whole(image.Width, image.Height);
        return Options.IncludeWhole && !(boxes.Count > 0 && boxes[0] == whole) ? [whole, .. boxes] : boxes;
    }

    /// <summary>Decodes and cuts <paramref name="count"/> images from <paramref name="start"/>, in parallel, in order.</summary>
    private CutImage[] Cut(ImageSource images, int start, int count, CancellationToken cancellationToken)
    {
        var cut = new CutImage[count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Options.DecodeParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, count, options, i =>
        {
            var item = images[start + i];
            var outcome = _decoder.TryDecode(item);
            if (outcome.Image is { } image)
            {
                var boxes = BoxesOf(image);
                cut[i] = new CutImage(start + i, item, boxes, boxes.Select(b => Segmenter.Crop(image, b)).ToArray(), null);
            }
            else
            {
                cut[i] = new CutImage(start + i, item, null, null, outcome.Failure);
            }
        });
        return cut;
    }

    /// <summary>A crop's id in the wrapped encoder's run: source position and segment index, unique whatever the source ids are.</summary>
    private static string CropId(int index, int segment) => string.Create(CultureInfo.InvariantCulture, $"{index}/{segment}");

    private static string Describe(SegmentBox box) => string.Create(CultureInfo.InvariantCulture, $"{box.Width} × {box.Height} at ({box.X}, {box.Y})");

    private sealed record CutImage(int Index, ImageItem Item, IReadOnlyList<SegmentBox>? Boxes, IReadOnlyList<DecodedImage>? Crops, DecodeFailure? Failure);
}
