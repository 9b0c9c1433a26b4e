using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Embeddings of image segments: the rows of image n are <c>Offsets[n] .. Offsets[n + 1] − 1</c> of
/// <see cref="Segments"/> (the layout <see cref="Kernels.SegmentMaxCosine(FloatMatrix, ReadOnlySpan{int}, FloatMatrix, FloatMatrix, Span{int}, int)"/> reads).
/// </summary>
/// <param name="Segments">Σ P_n × D segment embeddings.</param>
/// <param name="Offsets">N + 1 offsets, starting at 0 and ending at Σ P_n.</param>
/// <param name="ImageIds">The N image ids.</param>
/// <param name="Boxes">Per image, the geometry of its segments in original image pixels (for drawing).</param>
/// <param name="Failures">Images that could not be decoded.</param>
public sealed record SegmentEmbeddings(FloatMatrix Segments, IReadOnlyList<int> Offsets, IReadOnlyList<string> ImageIds, IReadOnlyList<IReadOnlyList<SegmentBox>> Boxes, IReadOnlyList<DecodeFailure> Failures)
{
    /// <summary>
    /// Per image, the <see cref="ImageContentHash"/> its segments are cached under in an <see cref="EmbeddingCache"/> (<see langword="null"/>
    /// where the content could not be hashed), so a segment can be read back later without encoding the image again;
    /// <see langword="null"/> when the encoder did not hash (only <see cref="EmbeddingRunner"/> does).
    /// </summary>
    public IReadOnlyList<string?>? ContentHashes { get; init; }
}
