namespace InFiConD.Embedding;

/// <summary>
/// A decoded image: <see cref="Width"/> × <see cref="Height"/> pixels stored row-major in
/// <see cref="Rgb"/>, three bytes per pixel in red, green, blue order, no padding between rows. The byte at
/// <c>3·(y·Width + x) + c</c> is channel c of pixel (x, y).
/// </summary>
/// <remarks>
/// The record holds the array it was given without copying (images are large): treat it as immutable.
/// Equality compares dimensions and the array <em>reference</em>, as for any record holding an array;
/// use <see cref="ContentEquals"/> to compare pixels.
/// </remarks>
public sealed record DecodedImage
{
    /// <summary>Creates an image after checking that the pixel buffer matches the dimensions.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="rgb">Row-major RGB bytes, exactly <c>3 · width · height</c> of them; not copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rgb"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below 1, or the pixel count exceeds what one array can hold.</exception>
    /// <exception cref="InFiConD.Core.ShapeMismatchException"><paramref name="rgb"/> does not hold exactly <c>3 · width · height</c> bytes.</exception>
    public DecodedImage(int width, int height, byte[] rgb)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(rgb);
        var expected = 3L * width * height;
        if (expected > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width} × {height} pixels do not fit one RGB array.");
        }
        if (rgb.LongLength != expected)
        {
            throw new InFiConD.Core.ShapeMismatchException(nameof(rgb), $"{expected} bytes ({width} × {height} × 3)", $"{rgb.LongLength} bytes");
        }
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Row-major RGB bytes, <c>3 · Width · Height</c> of them.</summary>
    public byte[] Rgb { get; }

    /// <summary>Number of pixels, <c>Width · Height</c>.</summary>
    public long PixelCount => (long)Width * Height;

    /// <summary>Creates an image filled with one colour.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="red">Red value.</param>
    /// <param name="green">Green value.</param>
    /// <param name="blue">Blue value.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below 1 or the image is too large for one array.</exception>
    public static DecodedImage Filled(int width, int height, byte red, byte green, byte blue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (3L * width * height > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width} × {height} pixels do not fit one RGB array.");
        }
        var rgb = new byte[3 * width * height];
        for (var i = 0; i < rgb.Length; i += 3)
        {
            rgb[i] = red;
            rgb[i + 1] = green;
            rgb[i + 2] = blue;
        }
        return new DecodedImage(width, height, rgb);
    }

    /// <summary>The three channel values of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <param name="x">Column, 0 ≤ x &lt; <see cref="Width"/>.</param>
    /// <param name="y">Row, 0 ≤ y &lt; <see cref="Height"/>.</param>
    /// <returns>The red, green and blue values.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The pixel lies outside the image.</exception>
    public (byte Red, byte Green, byte Blue) GetPixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        var i = 3 * (y * Width + x);
        return (Rgb[i], Rgb[i + 1], Rgb[i + 2]);
    }

    /// <summary>Whether <paramref name="other"/> has the same dimensions and the same pixel values.</summary>
    /// <param name="other">The image to compare with.</param>
    /// <returns><see langword="true"/> when every byte matches.</returns>
    public bool ContentEquals(DecodedImage? other) =>
        other is not null && other.Width == Width && other.Height == Height && other.Rgb.AsSpan().SequenceEqual(Rgb);
}
