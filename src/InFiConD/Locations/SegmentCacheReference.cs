namespace InFiConD;

/// <summary>
/// Where a session's segment embeddings can be read back: an <see cref="Embedding.EmbeddingCache"/> directory (or none) and
/// what the embeddings were made with, so a cache of another model or segmentation is refused rather than read.
/// </summary>
internal sealed record SegmentCacheReference(string? Directory, string ModelId, string Segmentation, int Dimension);
