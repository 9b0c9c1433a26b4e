using System.Collections.Concurrent;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Segments pooled from one forward pass: each image runs through <see cref="ResNet18FeatureMap"/> once, and each segment
/// of a <see cref="Embedding.Segmentation"/> (grid cells, boxes, masks) is the coverage-weighted average of the map's cells
/// under it (<see cref="MaskPooling.Average"/>), so a whole image plus a 2 × 2 grid costs one pass instead of five. The
/// whole-image segment is the network's own pooled features (to float rounding), so a classifier head trained on them
/// reads the same values. The alternative, <see cref="CroppedSegmentEncoder"/>, encodes every crop as an image of its own:
/// sharper for small regions, which it sees at full resolution, but one pass per segment.
/// </summary>
/// <remarks>
/// A cell sees a 32-pixel block of the 224 × 224 centre crop and, through its receptive field, much of the image around it,
/// so region features are context-blurred where crops are not. Parts of a non-square image outside the centre crop belong to
/// no cell: a segment lying wholly there is the zero vector (it scores 0 for every concept). Masks must have the image's size.
/// </remarks>
public sealed class RegionPooledSegmentEncoder : IDenseImageEncoder
{
    private RegionPooledSegmentEncoder(ResNet18FeatureMap map, Segmentation segmentation, bool includeWhole)
    {
        Map = map;
        Segmentation = segmentation;
        IncludeWhole = includeWhole;
        ModelId = $"regionpool[{segmentation.Key}{(includeWhole ? "+whole" : "")}]:{map.ModelId}";
    }

    /// <summary>The feature map the segments are pooled from.</summary>
    public ResNet18FeatureMap Map { get; }

    /// <summary>How images are cut.</summary>
    public Segmentation Segmentation { get; }

    /// <summary>Whether the whole image comes first as an extra segment (not repeated when the segmentation's first box is already the whole image).</summary>
    public bool IncludeWhole { get; }

    /// <summary>
    /// <c>regionpool[</c>segmentation key<c>(+whole)]:</c> then the map's id: never a <see cref="CroppedSegmentEncoder"/>'s, so a cache
    /// never mixes pooled and cropped segments.
    /// </summary>
    public string ModelId { get; }

    /// <summary>512.</summary>
    public int Dimension => Map.Dimension;

    /// <summary>Pools a segmentation's regions from a feature map.</summary>
    /// <param name="map">The feature map (not owned: dispose it yourself).</param>
    /// <param name="segmentation">How images are cut, such as <c>Segmentation.Grid(2)</c>.</param>
    /// <param name="includeWhole">Whether the whole image comes first as an extra segment.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static RegionPooledSegmentEncoder Create(ResNet18FeatureMap map, Segmentation segmentation, bool includeWhole = false)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(segmentation);
        return new RegionPooledSegmentEncoder(map, segmentation, includeWhole);
    }

    /// <summary>Encodes whole images: the average of each image's map (see <see cref="ResNet18FeatureMap.EncodeAsync"/>).</summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>The map's pooled features.</returns>
    public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Map.EncodeAsync(images, progress, cancellationToken);

    /// <summary>
    /// Runs every image through the map once and pools its segments. Image n's rows are <c>Offsets[n] .. Offsets[n + 1] − 1</c>, in
    /// the order of its boxes (the whole image first with <see cref="IncludeWhole"/>, then the segmentation's boxes).
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>Σ P_n × 512 pooled segments with offsets, boxes in source pixels, ids and failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The map was disposed.</exception>
    /// <exception cref="ImageDecodeException">An image failed and the map's <see cref="ResNet18FeatureMapOptions.FailFast"/> is set.</exception>
    /// <exception cref="ShapeMismatchException">A mask does not have an image's size (names the image and both sizes).</exception>
    /// <exception cref="InvalidEmbeddingException">An image's map holds NaN or ±∞, or is all zeros.</exception>
    /// <exception cref="ModelRunException">ONNX Runtime failed on a batch.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<SegmentEmbeddings> EncodeSegmentsAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var rows = new float[]?[images.Count];
        var boxes = new IReadOnlyList<SegmentBox>?[images.Count];
        // Sizes repeat across a dataset, so each size's boxes and weights are worked out once (by whichever worker meets it first).
        var plans = new ConcurrentDictionary<(int, int), RegionPoolingPlan>();
        var failures = await Map.RunAsync(images, (index, width, height, map) =>
        {
            var plan = plans.GetOrAdd((width, height), size => RegionPoolingPlan.Create(Segmentation, IncludeWhole, Map.Preprocessing, size.Item1, size.Item2, images[index].Id));
            var cells = new float[map.Length];
            FeatureMapCells.Transpose(map, cells);
            EmbeddingCheck.Require(Whole(map), ModelId, "image", images[index].Id);
            rows[index] = plan.Pool(cells, Dimension);
            boxes[index] = plan.Boxes;
        }, progress, cancellationToken).ConfigureAwait(false);
        var kept = Enumerable.Range(0, rows.Length).Where(i => rows[i] is not null).ToList();
        var offsets = new List<int>(kept.Count + 1) { 0 };
        foreach (var i in kept)
        {
            offsets.Add(offsets[^1] + boxes[i]!.Count);
        }
        var segments = new FloatMatrix(offsets[^1], Dimension);
        for (var k = 0; k < kept.Count; k++)
        {
            rows[kept[k]].AsSpan().CopyTo(segments.AsSpan().Slice(offsets[k] * Dimension));
        }
        return new SegmentEmbeddings(segments, offsets, kept.Select(i => images[i].Id).ToList(), kept.Select(i => boxes[i]!).ToList(), failures.OfType<DecodeFailure>().ToList());
    }

    /// <summary>The segmentation's key, plus <c>+whole</c> with <see cref="IncludeWhole"/>, plus <c>+regionpool</c>.</summary>
    public string SegmentationKey => Segmentation.Key + (IncludeWhole ? "+whole" : "") + "+regionpool";

    /// <inheritdoc />
    public override string ToString() => $"RegionPooledSegmentEncoder ({Segmentation.Key}{(IncludeWhole ? " + whole" : "")} over {Map})";

    private float[] Whole(ReadOnlySpan<float> map)
    {
        var average = new float[Dimension];
        FeatureMapCells.Average(map, average);
        return average;
    }
}
