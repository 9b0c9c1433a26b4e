using InFiConD.Embedding;

namespace InFiConD;

/// <summary>
/// A dense encoder whose segment embeddings go through an <see cref="EmbeddingCache"/> (so segment exemplars are encoded
/// once across runs, and images already encoded for a split are read back), and whose whole-image embeddings come from
/// <paramref name="whole"/>.
/// </summary>
internal sealed class CachedDenseImageEncoder(IDenseImageEncoder inner, string cacheDirectory, IImageEncoder whole) : IDenseImageEncoder
{
    public string ModelId => inner.ModelId;

    public int Dimension => inner.Dimension;

    public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        whole.EncodeAsync(images, progress, cancellationToken);

    public Task<SegmentEmbeddings> EncodeSegmentsAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        EmbeddingRunner.EncodeAsync(images, inner, new EncodeOptions { CacheDirectory = cacheDirectory }, progress, cancellationToken);

    public override string ToString() => $"{inner} (segments cached in {cacheDirectory})";
}
