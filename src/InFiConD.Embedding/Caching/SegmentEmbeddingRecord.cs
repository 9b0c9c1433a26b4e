using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// One cached image: its content hash, its P segment embeddings (P × D) and the segments' boxes in
/// original image pixels, in the order the encoder gave them.
/// </summary>
/// <param name="ContentHash">The image's content hash, 64 lower-case hex digits (see <see cref="ImageContentHash"/>).</param>
/// <param name="Segments">P × D embeddings, one row per segment.</param>
/// <param name="Boxes">P boxes, one per row of <paramref name="Segments"/>.</param>
public sealed record SegmentEmbeddingRecord(string ContentHash, FloatMatrix Segments, IReadOnlyList<SegmentBox> Boxes);
