using InFiConD.Core;

namespace InFiConD.Datasets;

/// <summary>
/// An RGB float canvas (channels in [0, 1], row-major, interleaved) with a scratch coverage row for the
/// rasteriser. Not thread-safe: a render call takes its thread's canvas with <see cref="ForThread"/> and
/// overwrites every pixel, which spares a 600 KB large-object allocation (and the garbage collections it
/// triggers) per image.
/// </summary>
internal sealed class Canvas
{
    [ThreadStatic]
    private static Canvas? s_threadCanvas;

    public Canvas(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new float[3 * width * height];
        CoverageRow = new float[width];
    }

    /// <summary>This thread's canvas of the given size, with stale pixels: the caller paints every pixel first.</summary>
    public static Canvas ForThread(int width, int height)
    {
        var canvas = s_threadCanvas;
        if (canvas is null || canvas.Width != width || canvas.Height != height)
        {
            s_threadCanvas = canvas = new Canvas(width, height);
        }
        return canvas;
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

    /// <summary>The canvas as RGB bytes: ⌊clamp(v, 0, 1)·255 + ½⌋ (<see cref="Kernels.QuantizeUnitToBytes"/>).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Pixels.Length];
        Kernels.QuantizeUnitToBytes(Pixels, bytes);
        return bytes;
    }
}
