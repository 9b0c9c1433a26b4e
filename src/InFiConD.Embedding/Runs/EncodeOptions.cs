namespace InFiConD.Embedding;

/// <summary>How <see cref="EmbeddingRunner.EncodeAsync"/> runs: cache, shard, chunking and failure handling.</summary>
public sealed record EncodeOptions
{
    /// <summary>The defaults: no cache, the whole source, chunks of 64, failures reported.</summary>
    public static EncodeOptions Default { get; } = new();

    /// <summary>
    /// An <see cref="EmbeddingCache"/> directory, created when missing; <see langword="null"/> (default) for
    /// no cache. Shards of one run should each get their own directory, merged afterwards with
    /// <see cref="EmbeddingCache.Merge"/>.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Encode only shard <c>Index</c> of <c>Count</c> of the source (see <see cref="ImageSource.Shard"/>); <see langword="null"/> (default) for all of it.</summary>
    public (int Index, int Count)? Shard { get; init; }

    /// <summary>Stop at the first image that fails (after caching the chunk's successes) instead of reporting it and going on.</summary>
    public bool FailFast { get; init; }

    /// <summary>
    /// Uncached images per call to the encoder, at least 1. Default 64. Each chunk is appended to the cache
    /// as soon as it is encoded, so a killed run loses at most one chunk of work; cancellation is checked
    /// between chunks.
    /// </summary>
    public int ImagesPerChunk { get; init; } = 64;

    /// <summary>
    /// The segmentation key recorded in the cache header. <see langword="null"/> (default) takes it from the
    /// encoder: a <see cref="CroppedSegmentEncoder"/>'s segmentation key (with <c>+whole</c> when it adds the
    /// whole image), a <see cref="MaskPooledSegmentEncoder"/>'s mask key (with <c>+pooled</c>), otherwise <c>native</c> (the
    /// encoder's own segments, already named by its model id).
    /// </summary>
    public string? SegmentationKey { get; init; }

    /// <summary>Checks every setting.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ImagesPerChunk"/> is below 1, or <see cref="Shard"/> has a count below 1 or an index outside 0 .. count − 1.</exception>
    /// <exception cref="ArgumentException"><see cref="CacheDirectory"/> or <see cref="SegmentationKey"/> is empty (rather than <see langword="null"/>).</exception>
    public EncodeOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ImagesPerChunk, 1, nameof(ImagesPerChunk));
        if (Shard is { } shard)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(shard.Count, 1, "Shard.Count");
            ArgumentOutOfRangeException.ThrowIfNegative(shard.Index, "Shard.Index");
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard.Index, shard.Count, "Shard.Index");
        }
        if (CacheDirectory is { Length: 0 })
        {
            throw new ArgumentException("EncodeOptions.CacheDirectory must be null (no cache) or a path.", nameof(CacheDirectory));
        }
        if (SegmentationKey is { Length: 0 })
        {
            throw new ArgumentException("EncodeOptions.SegmentationKey must be null (from the encoder) or non-empty.", nameof(SegmentationKey));
        }
        return this;
    }
}
