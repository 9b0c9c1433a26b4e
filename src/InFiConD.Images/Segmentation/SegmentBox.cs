using System.Text.Json.Serialization;

namespace InFiConD.Embedding;

/// <summary>
/// A rectangle of an image in pixels: columns <see cref="X"/> to <see cref="X"/> + <see cref="Width"/> − 1
/// and rows <see cref="Y"/> to <see cref="Y"/> + <see cref="Height"/> − 1, origin at the top-left. A plain
/// record so a front end can receive it as JSON and draw it.
/// </summary>
public sealed record SegmentBox
{
    /// <summary>Creates a box.</summary>
    /// <param name="x">Left column, at least 0.</param>
    /// <param name="y">Top row, at least 0.</param>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is negative, a size is below 1, or the box overflows <see cref="int"/>.</exception>
    public SegmentBox(int x, int y, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)x + width, int.MaxValue, nameof(width));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)y + height, int.MaxValue, nameof(height));
        X = x;
        Y = y;
        Width = width;
        Height = height;
    }

    /// <summary>Left column.</summary>
    public int X { get; }

    /// <summary>Top row.</summary>
    public int Y { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The box covering a whole <paramref name="width"/> × <paramref name="height"/> image.</summary>
    /// <param name="width">Image width, at least 1.</param>
    /// <param name="height">Image height, at least 1.</param>
    /// <returns>(0, 0, width, height).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public static SegmentBox Whole(int width, int height) => new(0, 0, width, height);

    /// <summary>Whether the box lies inside a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    /// <param name="width">Image width.</param>
    /// <param name="height">Image height.</param>
    /// <returns><see langword="true"/> when every pixel of the box is in the image.</returns>
    public bool FitsIn(int width, int height) => (long)X + Width <= width && (long)Y + Height <= height;

    /// <summary>Number of pixels, <c>Width · Height</c> (derived, so not in JSON).</summary>
    [JsonIgnore]
    public long Area => (long)Width * Height;
}
