using System.Text.Json.Serialization;

namespace InFiConD.Embedding;

/// <summary>
/// A binary mask over an image: <see cref="Values"/> holds <see cref="Width"/> · <see cref="Height"/> bytes
/// row-major, non-zero inside the segment. Not copied: treat it as immutable. Serialises to JSON with the
/// values as base64.
/// </summary>
public sealed record SegmentMask
{
    /// <summary>Creates a mask.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="values">Row-major bytes, <c>width · height</c> of them, non-zero inside; not copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="InFiConD.Core.ShapeMismatchException"><paramref name="values"/> has the wrong length.</exception>
    public SegmentMask(int width, int height, byte[] values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(values);
        if (values.LongLength != (long)width * height)
        {
            throw new InFiConD.Core.ShapeMismatchException(nameof(values), $"{(long)width * height} bytes ({width} × {height})", $"{values.LongLength} bytes");
        }
        Width = width;
        Height = height;
        Values = values;
        Bounds = ComputeBounds();
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Row-major bytes, non-zero inside the segment.</summary>
    public byte[] Values { get; }

    /// <summary>The smallest box holding every pixel of the mask, or <see langword="null"/> when the mask is empty.</summary>
    [JsonIgnore]
    public SegmentBox? Bounds { get; }

    /// <summary>Creates a mask from a <c>[row, column]</c> array (<c>mask[y, x]</c>), <see langword="true"/> inside.</summary>
    /// <param name="mask">The mask, indexed [y, x].</param>
    /// <returns>The mask.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is 0.</exception>
    public static SegmentMask FromBooleans(bool[,] mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int height = mask.GetLength(0), width = mask.GetLength(1);
        var values = new byte[(long)width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                values[(y * width) + x] = mask[y, x] ? (byte)1 : (byte)0;
            }
        }
        return new SegmentMask(width, height, values);
    }

    private SegmentBox? ComputeBounds()
    {
        int left = Width, right = -1, top = Height, bottom = -1;
        for (var y = 0; y < Height; y++)
        {
            var row = Values.AsSpan(y * Width, Width);
            var first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }
            var last = row.LastIndexOfAnyExcept((byte)0);
            left = Math.Min(left, first);
            right = Math.Max(right, last);
            top = Math.Min(top, y);
            bottom = y;
        }
        return right < 0 ? null : new SegmentBox(left, top, right - left + 1, bottom - top + 1);
    }
}
