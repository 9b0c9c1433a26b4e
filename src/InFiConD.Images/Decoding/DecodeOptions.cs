namespace InFiConD.Embedding;

/// <summary>
/// Limits and choices for <see cref="ImageDecoder"/>. Limits are checked against the image header
/// <em>before</em> any pixel is decoded, so a small file that claims to be 100 000 × 100 000 pixels is
/// refused without allocating its pixels. Init-only; checked once by <see cref="Validate"/> (the decoder
/// calls it when created).
/// </summary>
public sealed record DecodeOptions
{
    /// <summary>The default options.</summary>
    public static DecodeOptions Default { get; } = new();

    /// <summary>Largest accepted <c>width · height</c>. Default 100 000 000 (100 megapixels).</summary>
    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>Largest accepted width in pixels. Default 16 384.</summary>
    public int MaxWidth { get; init; } = 16_384;

    /// <summary>Largest accepted height in pixels. Default 16 384.</summary>
    public int MaxHeight { get; init; } = 16_384;

    /// <summary>
    /// Largest accepted encoded size in bytes; the whole encoded image is read into memory before
    /// decoding. Default 512 MiB.
    /// </summary>
    public long MaxEncodedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// Formats that may be decoded; a recognised format outside this set fails with
    /// <see cref="DecodeFailureReason.FormatNotAllowed"/>. Default <see cref="ImageFormats.Default"/>
    /// (PNG, JPEG, BMP, GIF, WebP, TIFF).
    /// </summary>
    public ImageFormats AllowedFormats { get; init; } = ImageFormats.Default;

    /// <summary>
    /// Whether to turn the image upright as its EXIF orientation tag says (a phone photo stored sideways
    /// with orientation 6 comes out rotated 90° clockwise, width and height swapped). Default
    /// <see langword="true"/>.
    /// </summary>
    public bool ApplyExifOrientation { get; init; } = true;

    /// <summary>Checks every rule.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxPixels"/>, <see cref="MaxWidth"/>,
    /// <see cref="MaxHeight"/> or <see cref="MaxEncodedBytes"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><see cref="AllowedFormats"/> is empty or holds unknown flags.</exception>
    public DecodeOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, 1, nameof(MaxPixels));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWidth, 1, nameof(MaxWidth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeight, 1, nameof(MaxHeight));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEncodedBytes, 1, nameof(MaxEncodedBytes));
        if (AllowedFormats == ImageFormats.None)
        {
            throw new ArgumentException("At least one format must be allowed.", nameof(AllowedFormats));
        }
        if ((AllowedFormats & ~ImageFormats.All) != 0)
        {
            throw new ArgumentException($"'{AllowedFormats}' holds flags that are not image formats.", nameof(AllowedFormats));
        }
        return this;
    }
}
