using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Segments from masks by pooling dense features (<see cref="MaskPooling"/>): each image runs through a dense
/// encoder once (for example <see cref="OnnxClipEncoder"/> in dense mode, whose segments are its patch grid), and
/// each mask's segment is the coverage-weighted, L2-normalised average of the patch embeddings under it. The other
/// way to get mask segments, <see cref="CroppedSegmentEncoder"/> with a <see cref="MaskSegmentation"/>, encodes
/// each mask's bounding box as an image of its own: sharper for small masks, but one model call per mask.
/// </summary>
/// <remarks>
/// Every segment the wrapped encoder gives is taken as a patch, except the leading global embedding of an
/// <see cref="OnnxClipEncoder"/> loaded with <see cref="OnnxClipOptions.IncludeGlobal"/>, which is skipped.
/// The masks apply to every image and must have its size, as with <see cref="MaskSegmentation"/>.
/// </remarks>
public sealed class MaskPooledSegmentEncoder : IDenseImageEncoder
{
    private readonly int _skip;

    private MaskPooledSegmentEncoder(IDenseImageEncoder encoder, MaskSegmentation masks)
    {
        Encoder = encoder;
        Masks = masks;
        _skip = encoder is OnnxClipEncoder { Options.IncludeGlobal: true } ? 1 : 0;
        ModelId = $"maskpool[{masks.Key}]:{encoder.ModelId}";
    }

    /// <summary>The dense encoder whose patch embeddings are pooled.</summary>
    public IDenseImageEncoder Encoder { get; }

    /// <summary>The masks, one segment each, in order.</summary>
    public MaskSegmentation Masks { get; }

    /// <summary><c>maskpool[</c>the masks' key<c>]:</c> then the wrapped encoder's id.</summary>
    public string ModelId { get; }

    /// <summary>The wrapped encoder's width.</summary>
    public int Dimension => Encoder.Dimension;

    /// <summary>Wraps a dense encoder.</summary>
    /// <param name="encoder">The dense encoder (its segments are the patches).</param>
    /// <param name="masks">The masks to pool under.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static MaskPooledSegmentEncoder Create(IDenseImageEncoder encoder, MaskSegmentation masks)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(masks);
        return new MaskPooledSegmentEncoder(encoder, masks);
    }

    /// <summary>Encodes whole images with the wrapped encoder (one row per image).</summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives the wrapped encoder's progress.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The wrapped encoder's result.</returns>
    public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Encoder.EncodeAsync(images, progress, cancellationToken);

    /// <summary>
    /// Encodes every image densely, then pools its patches under each mask. Image n's rows are its masks in order;
    /// their boxes are the masks' bounding boxes. Failures are the wrapped encoder's.
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives the wrapped encoder's progress.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One normalised row per mask and image, with offsets, boxes, ids and failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is <see langword="null"/>.</exception>
    /// <exception cref="ShapeMismatchException">An image's patch boxes do not fit inside the masks (the masks are not the image's size; names the image).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<SegmentEmbeddings> EncodeSegmentsAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var dense = await Encoder.EncodeSegmentsAsync(images, progress, cancellationToken).ConfigureAwait(false);
        var masks = Masks.Masks;
        var bounds = masks.Select(m => m.Bounds!).ToArray();
        var pooled = new FloatMatrix(dense.ImageIds.Count * masks.Count, Dimension);
        var offsets = new List<int>(dense.ImageIds.Count + 1) { 0 };
        var boxes = new List<IReadOnlyList<SegmentBox>>(dense.ImageIds.Count);
        for (var n = 0; n < dense.ImageIds.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = dense.Offsets[n] + _skip;
            var count = dense.Offsets[n + 1] - first;
            var patchBoxes = dense.Boxes[n].Skip(_skip).ToArray();
            var patches = dense.Segments.AsSpan().Slice(first * Dimension, count * Dimension);
            for (var m = 0; m < masks.Count; m++)
            {
                float[] weights;
                try
                {
                    weights = MaskPooling.CoverageWeights(patchBoxes, masks[m]);
                }
                catch (ShapeMismatchException e)
                {
                    throw new ShapeMismatchException($"masks[{m}] on image '{dense.ImageIds[n]}'", $"a {masks[m].Width} × {masks[m].Height} image", $"patches outside it ({e.Message})");
                }
                MaskPooling.Pool(patches, weights, pooled.Row(offsets[^1] + m));
            }
            offsets.Add(offsets[^1] + masks.Count);
            boxes.Add(bounds);
        }
        return new SegmentEmbeddings(pooled, offsets, dense.ImageIds, boxes, dense.Failures);
    }

    /// <summary>The masks' key plus <c>+pooled</c>.</summary>
    public string SegmentationKey => Masks.Key + "+pooled";

    /// <inheritdoc />
    public override string ToString() => $"MaskPooledSegmentEncoder ({Masks.Key} over {Encoder})";
}
