using InFiConD.Core;
using InFiConD.Embedding;

namespace InFiConD;

/// <summary>
/// An image encoder whose whole-image embeddings go through an <see cref="EmbeddingCache"/>, so exemplar images
/// are encoded once across runs. Rows are the bit-exact floats the inner encoder gave.
/// </summary>
internal sealed class CachedImageEncoder(IImageEncoder inner, string cacheDirectory) : IImageEncoder
{
    private readonly IDenseImageEncoder _whole = CroppedSegmentEncoder.Create(inner, Segmentation.Whole);

    public string ModelId => inner.ModelId;

    public int Dimension => inner.Dimension;

    public async Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var segments = await EmbeddingRunner.EncodeAsync(images, _whole, new EncodeOptions { CacheDirectory = cacheDirectory }, progress, cancellationToken).ConfigureAwait(false);
        if (segments.Segments.Rows != segments.ImageIds.Count)
        {
            throw new ShapeMismatchException($"whole-image encoding of {images.Description}", $"{segments.ImageIds.Count} rows (one per image)", $"{segments.Segments.Rows} rows");
        }
        return new ImageEmbeddings(segments.Segments, segments.ImageIds, segments.Failures);
    }

    public override string ToString() => $"{inner} (cached in {cacheDirectory})";
}
