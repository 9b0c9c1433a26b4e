using System.Text.Json.Serialization;

namespace InFiConD.Embedding;

/// <summary>
/// How an image is split into segments before encoding: the whole image, a grid, or the bounding boxes
/// of masks. A serialisable definition (System.Text.Json, discriminated by <c>"kind"</c>) with a
/// <see cref="Key"/> for caches; <see cref="Boxes"/> computes the geometry for an image size, and
/// <see cref="Segmenter"/> cuts the pixels.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(WholeImageSegmentation), "whole")]
[JsonDerivedType(typeof(GridSegmentation), "grid")]
[JsonDerivedType(typeof(MaskSegmentation), "masks")]
public abstract record Segmentation
{
    private protected Segmentation() { }

    /// <summary>One segment: the whole image.</summary>
    public static WholeImageSegmentation Whole { get; } = new();

    /// <summary>A <paramref name="size"/> × <paramref name="size"/> grid (see <see cref="GridSegmentation"/>).</summary>
    /// <param name="size">Cells per side, 1 to 64.</param>
    /// <param name="overlap">How far neighbouring cells overlap, as a fraction of the cell size, 0 ≤ overlap &lt; 1.</param>
    /// <param name="includeWhole">Whether the whole image comes first as an extra segment.</param>
    /// <returns>The grid segmentation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> or <paramref name="overlap"/> is out of range.</exception>
    public static GridSegmentation Grid(int size, double overlap = 0, bool includeWhole = false) => new(size, overlap, includeWhole);

    /// <summary>One segment per mask: its bounding box (see <see cref="MaskSegmentation"/>).</summary>
    /// <param name="masks">The masks, all of the image's size, none empty.</param>
    /// <returns>The mask segmentation.</returns>
    /// <exception cref="ArgumentException">The list is empty, a mask is empty (names its index) or the sizes differ.</exception>
    public static MaskSegmentation FromMasks(IReadOnlyList<SegmentMask> masks) => new(masks);

    /// <summary>A short stable text naming the segmentation, used in cache keys: <c>whole</c>, <c>grid:2:0.25</c>, <c>masks:3:…</c>.</summary>
    [JsonIgnore]
    public abstract string Key { get; }

    /// <summary>Number of segments per image.</summary>
    [JsonIgnore]
    public abstract int SegmentCount { get; }

    /// <summary>The segment boxes of a <paramref name="width"/> × <paramref name="height"/> image, in segment order.</summary>
    /// <param name="width">Image width, at least 1.</param>
    /// <param name="height">Image height, at least 1.</param>
    /// <returns><see cref="SegmentCount"/> boxes, each inside the image.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="InFiConD.Core.ShapeMismatchException">Masks do not match the image size.</exception>
    public abstract IReadOnlyList<SegmentBox> Boxes(int width, int height);
}
