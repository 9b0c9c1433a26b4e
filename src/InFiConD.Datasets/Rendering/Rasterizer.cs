namespace InFiConD.Datasets;

/// <summary>
/// Fills shapes with anti-aliased edges: each pixel row is sampled on <see cref="SubScanlines"/> horizontal
/// lines, and along each line the covered length of every pixel is exact, so coverage is exact in x and
/// quantised to 1/4 in y. A pixel is blended with its coverage as alpha (times the paint's opacity).
/// </summary>
internal static class Rasterizer
{
    /// <summary>Sample lines per pixel row.</summary>
    public const int SubScanlines = 4;

    private const float LineWeight = 1f / SubScanlines;

    /// <summary>
    /// Composites <paramref name="shape"/> filled with <paramref name="paint"/> onto the canvas and, when
    /// <paramref name="mask"/> is given, sets its byte to 1 at every pixel the shape covers by at least half.
    /// </summary>
    public static void Fill(Canvas canvas, Shape shape, in Paint paint, byte[]? mask = null, float opacity = 1f)
    {
        int width = canvas.Width, height = canvas.Height;
        var top = Math.Max(0, (int)Math.Floor(shape.Top));
        var bottom = Math.Min(height, (int)Math.Ceiling(shape.Bottom));
        if (top >= bottom || shape.Right <= 0 || shape.Left >= width)
        {
            return;
        }
        var coverage = canvas.CoverageRow;
        Span<double> ends = stackalloc double[Math.Max(2, shape.MaxEndpoints)];
        for (var y = top; y < bottom; y++)
        {
            int low = width, high = -1;
            for (var s = 0; s < SubScanlines; s++)
            {
                var count = shape.Intervals(y + ((s + 0.5) / SubScanlines), ends);
                for (var k = 0; k < count; k += 2)
                {
                    double a = Math.Max(ends[k], 0), b = Math.Min(ends[k + 1], width);
                    if (!(b > a))
                    {
                        continue;
                    }
                    int ia = (int)a, ib = (int)b;
                    if (ia == ib)
                    {
                        coverage[ia] += (float)(b - a) * LineWeight;
                    }
                    else
                    {
                        coverage[ia] += (float)(ia + 1 - a) * LineWeight;
                        for (var x = ia + 1; x < ib; x++)
                        {
                            coverage[x] += LineWeight;
                        }
                        if (ib < width)
                        {
                            coverage[ib] += (float)(b - ib) * LineWeight;
                        }
                    }
                    low = Math.Min(low, ia);
                    high = Math.Max(high, Math.Min(ib, width - 1));
                }
            }
            for (var x = low; x <= high; x++)
            {
                var c = coverage[x];
                coverage[x] = 0;
                if (c <= 0)
                {
                    continue;
                }
                c = Math.Min(c, 1f);
                canvas.Blend(x, y, paint.At(x, y), c * opacity);
                if (mask is not null && c >= 0.5f)
                {
                    mask[(y * width) + x] = 1;
                }
            }
        }
    }
}
