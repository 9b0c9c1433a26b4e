namespace InFiConD.Datasets;

/// <summary>
/// An RGB float canvas (channels in [0, 1], row-major, interleaved) with a scratch coverage row for the
/// rasteriser. One canvas per render call: not thread-safe, and need not be.
/// </summary>
internal sealed class Canvas
{
    public Canvas(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new float[3 * width * height];
        CoverageRow = new float[width];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Channel c of pixel (x, y) at <c>3·(y·Width + x) + c</c>.</summary>
    public float[] Pixels { get; }

    /// <summary>Per-column coverage of the row being rasterised; all zero between shapes.</summary>
    public float[] CoverageRow { get; }

    /// <summary>Sets pixel (x, y).</summary>
    public void Set(int x, int y, Rgb colour)
    {
        var i = 3 * ((y * Width) + x);
        Pixels[i] = colour.R;
        Pixels[i + 1] = colour.G;
        Pixels[i + 2] = colour.B;
    }

    /// <summary>Source-over compositing: pixel ← pixel + α·(colour − pixel).</summary>
    public void Blend(int x, int y, Rgb colour, float alpha)
    {
        var i = 3 * ((y * Width) + x);
        Pixels[i] += alpha * (colour.R - Pixels[i]);
        Pixels[i + 1] += alpha * (colour.G - Pixels[i + 1]);
        Pixels[i + 2] += alpha * (colour.B - Pixels[i + 2]);
    }

    /// <summary>The canvas as RGB bytes: round(clamp(v, 0, 1)·255).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Pixels.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((Math.Clamp(Pixels[i], 0f, 1f) * 255f) + 0.5f);
        }
        return bytes;
    }
}
