using InFiConD.Embedding;

namespace InFiConD.Datasets;

/// <summary>A rendered ConceptWorld image with its ground truth and part masks.</summary>
/// <param name="Scene">The ground truth.</param>
/// <param name="Image">The pixels.</param>
/// <param name="Masks">One mask per drawn part, in drawing order (empty for swatch and background exemplars).</param>
public sealed record ConceptWorldImage(ConceptWorldScene Scene, DecodedImage Image, IReadOnlyList<PartMask> Masks)
{
    /// <summary>The mask of <paramref name="part"/>, or <see langword="null"/> when the part is not drawn.</summary>
    /// <param name="part">A part concept name.</param>
    /// <returns>The mask or <see langword="null"/>.</returns>
    public SegmentMask? MaskOf(string part) => Masks.FirstOrDefault(m => m.Part == part)?.Mask;

    /// <summary>The part masks as a segmentation (one segment per part, in drawing order), for mask-based segment encoders.</summary>
    /// <returns>The segmentation.</returns>
    /// <exception cref="InvalidOperationException">The image has no parts (a swatch or background exemplar).</exception>
    public MaskSegmentation ToSegmentation() =>
        Masks.Count == 0
            ? throw new InvalidOperationException($"Image '{Scene.Id}' draws no parts, so it has no part masks to segment by.")
            : Segmentation.FromMasks(Masks.Select(m => m.Mask).ToArray());
}
