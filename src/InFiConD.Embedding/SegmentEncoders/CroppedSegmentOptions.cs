namespace InFiConD.Embedding;

/// <summary>How a <see cref="CroppedSegmentEncoder"/> cuts and batches segments.</summary>
public sealed record CroppedSegmentOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static CroppedSegmentOptions Default { get; } = new();

    /// <summary>
    /// Whether the whole image comes first as an extra segment (skipped when the segmentation's first box
    /// already is the whole image, so it is never encoded twice). Default <see langword="false"/>.
    /// </summary>
    public bool IncludeWhole { get; init; }

    /// <summary>
    /// Source images decoded and cut per call to the wrapped encoder, at least 1. Default 32. Bounds memory
    /// (only this many images and their crops are held at once) while giving the encoder full batches.
    /// </summary>
    public int ImagesPerChunk { get; init; } = 32;

    /// <summary>Threads decoding and cutting a chunk; −1 (default) for one per processor.</summary>
    public int DecodeParallelism { get; init; } = -1;

    /// <summary>Decoding limits and allowed formats for the source images.</summary>
    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>Stop at the first image that fails to decode instead of reporting it and going on.</summary>
    public bool FailFast { get; init; }

    /// <summary>Checks every setting.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ImagesPerChunk"/> is below 1, or <see cref="DecodeParallelism"/> is neither −1 nor ≥ 1.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Decode"/> is <see langword="null"/>.</exception>
    public CroppedSegmentOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ImagesPerChunk, 1, nameof(ImagesPerChunk));
        if (DecodeParallelism is not -1 and < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DecodeParallelism), DecodeParallelism, "CroppedSegmentOptions.DecodeParallelism must be -1 or ≥ 1.");
        }
        ArgumentNullException.ThrowIfNull(Decode);
        Decode.Validate();
        return this;
    }
}
