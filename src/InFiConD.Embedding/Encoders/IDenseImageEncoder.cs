namespace InFiConD.Embedding;

/// <summary>
/// An image encoder that also gives one embedding per image region (patch or segment) in the joint
/// image–text space, so concept presence can be scored per region.
/// </summary>
public interface IDenseImageEncoder : IImageEncoder
{
    /// <summary>Encodes every image of a source into its segments' embeddings.</summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Σ P_n × D segment embeddings with per-image offsets, geometry, ids and failures.</returns>
    Task<SegmentEmbeddings> EncodeSegmentsAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// What this encoder's segments are, for the header of an <see cref="EmbeddingCache"/>: a key that changes whenever
    /// the segments would (a segment encoder's segmentation and options). The default, <c>native</c>, suits encoders
    /// whose segments are their own (a vision transformer's patches).
    /// </summary>
    string SegmentationKey => "native";
}
