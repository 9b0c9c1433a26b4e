namespace InFiConD.Embedding.Tests;

/// <summary>
/// An independent double-precision statement of what <see cref="Preprocessing.Apply(DecodedImage)"/> computes:
/// every output value evaluated directly as a 2-D sum over all source pixels of the separable filter's weights,
/// with no tables, windows or vectors. Filters as ImageSharp defines them (Keys' cubic with a = −0.5 written in its
/// textbook form, and the triangle), sampling centre <c>(i + 0.5) · ratio − 0.5</c>, filter widened by the shrink
/// factor, weights normalised over the pixels inside the image, result clamped to 0–255, then
/// <c>(v · scale − mean) / std</c>; crop pixels off the resized image are 0.
/// </summary>
internal static class ResamplingReference
{
    public static double Filter(ResizeResampler resampler, double x)
    {
        x = Math.Abs(x);
        if (resampler == ResizeResampler.Bilinear)
        {
            return Math.Max(0, 1 - x);
        }
        const double a = -0.5;
        if (x <= 1)
        {
            return ((a + 2) * x * x * x) - ((a + 3) * x * x) + 1;
        }
        return x < 2 ? (a * x * x * x) - (5 * a * x * x) + (8 * a * x) - (4 * a) : 0;
    }

    /// <summary>The weight of every source index for resized index <paramref name="index"/> of an axis.</summary>
    public static double[] AxisWeights(ResizeResampler resampler, int source, int resized, int index)
    {
        var ratio = (double)source / resized;
        var widen = Math.Max(ratio, 1);
        var centre = ((index + 0.5) * ratio) - 0.5;
        var weights = new double[source];
        for (var i = 0; i < source; i++)
        {
            weights[i] = Filter(resampler, (i - centre) / widen);
        }
        var sum = weights.Sum();
        return [.. weights.Select(w => w / sum)];
    }

    public static int CropStart(int size, int crop) =>
        size >= crop ? (int)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven) : -((crop - size) / 2);

    /// <summary>The resampled value (0–255, clamped) of channel <paramref name="c"/> at crop pixel (x, y), or 0 off the image.</summary>
    public static double Pixel(DecodedImage image, Preprocessing p, int x, int y, int c)
    {
        var (rw, rh) = p.ResizedSize(image.Width, image.Height);
        var (cw, ch) = p.OutputSize(image.Width, image.Height);
        var rx = x + CropStart(rw, cw);
        var ry = y + CropStart(rh, ch);
        if (rx < 0 || rx >= rw || ry < 0 || ry >= rh)
        {
            return 0;
        }
        var wx = AxisWeights(p.Resampler, image.Width, rw, rx);
        var wy = AxisWeights(p.Resampler, image.Height, rh, ry);
        var sum = 0.0;
        for (var j = 0; j < image.Height; j++)
        {
            for (var i = 0; i < image.Width; i++)
            {
                sum += wy[j] * wx[i] * image.Rgb[(3 * ((j * image.Width) + i)) + c];
            }
        }
        return Math.Clamp(sum, 0, 255);
    }

    /// <summary>The whole tensor, in the preprocessing's layout and channel order.</summary>
    public static double[] Tensor(DecodedImage image, Preprocessing p)
    {
        var (w, h) = p.OutputSize(image.Width, image.Height);
        var tensor = new double[3 * w * h];
        double[] mean = [p.Mean.Red, p.Mean.Green, p.Mean.Blue];
        double[] std = [p.Std.Red, p.Std.Green, p.Std.Blue];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var k = 0; k < 3; k++)
                {
                    var c = p.ChannelOrder == ChannelOrder.Rgb ? k : 2 - k;
                    var value = ((Pixel(image, p, x, y, c) * p.Scale) - mean[c]) / std[c];
                    var index = p.Layout == TensorLayout.Chw ? (k * w * h) + (y * w) + x : (3 * ((y * w) + x)) + k;
                    tensor[index] = value;
                }
            }
        }
        return tensor;
    }

    /// <summary>A photo-like image: smooth gradients, a disc and ±12 noise, fixed by the seed.</summary>
    public static DecodedImage Photo(int width, int height, int seed)
    {
        var random = new Random(seed);
        var (cx, cy, radius) = (random.Next(width), random.Next(height), 3 + random.Next(Math.Max(1, Math.Min(width, height) / 2)));
        var rgb = new byte[3 * width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) < radius * radius;
                var i = 3 * ((y * width) + x);
                rgb[i] = Noisy(random, inside ? 220 : 200 * x / width);
                rgb[i + 1] = Noisy(random, inside ? 40 : 180 * y / height);
                rgb[i + 2] = Noisy(random, inside ? 90 : ((x + y) & 0xFF) / 2);
            }
        }
        return new DecodedImage(width, height, rgb);
    }

    /// <summary>Uniform random bytes: the hardest case for a resampler (every neighbour differs, lots of overshoot).</summary>
    public static DecodedImage Noise(int width, int height, int seed)
    {
        var rgb = new byte[3 * width * height];
        new Random(seed).NextBytes(rgb);
        return new DecodedImage(width, height, rgb);
    }

    private static byte Noisy(Random random, int value) => (byte)Math.Clamp(value + random.Next(-12, 13), 0, 255);
}
