namespace InFiConD.Embedding.Tests.ResNet;

/// <summary>Images drawn from raw RGB arrays, so the real-model tests need no files.</summary>
internal static class SyntheticImages
{
    /// <summary>
    /// Vertical red/white stripes with a dark blue block near the left edge: not mirror-symmetric, but its
    /// mirror keeps the stripes' orientation (diagonal stripes would turn from / to \, which a network
    /// rightly sees as a different texture).
    /// </summary>
    public static DecodedImage Stripes(int size = 224) => Draw(size, (x, y) =>
        x > size / 10 && x < size / 3 && y > size / 3 && y < size * 2 / 3 ? ((byte)20, (byte)30, (byte)120)
        : (x / 16) % 2 == 0 ? ((byte)220, (byte)40, (byte)40) : ((byte)245, (byte)245, (byte)245));

    /// <summary>A small scene: sky gradient, a yellow sun off to the left, green ground with a brown house on the right.</summary>
    public static DecodedImage Scene(int size = 224) => Draw(size, (x, y) =>
    {
        var sun = ((x - (size / 4)) * (x - (size / 4))) + ((y - (size / 5)) * (y - (size / 5))) < (size / 10) * (size / 10);
        var house = x > size * 3 / 5 && x < size * 17 / 20 && y > size / 2 && y < size * 4 / 5;
        return sun ? ((byte)250, (byte)220, (byte)40)
            : house ? ((byte)120, (byte)70, (byte)30)
            : y > size * 7 / 10 ? ((byte)50, (byte)140, (byte)50)
            : ((byte)(90 + (y / 3)), (byte)(150 + (y / 4)), (byte)235);
    });

    /// <summary>A black-and-yellow checkerboard of 28-pixel squares.</summary>
    public static DecodedImage Checkerboard(int size = 224) => Draw(size, (x, y) =>
        ((x / 28) + (y / 28)) % 2 == 0 ? ((byte)10, (byte)10, (byte)10) : ((byte)240, (byte)220, (byte)30));

    /// <summary>One flat green.</summary>
    public static DecodedImage Solid(int size = 224) => DecodedImage.Filled(size, size, 40, 160, 60);

    /// <summary>Uniform random noise from a fixed seed.</summary>
    public static DecodedImage Noise(int size = 224, int seed = 7)
    {
        var random = new Random(seed);
        var rgb = new byte[3 * size * size];
        random.NextBytes(rgb);
        return new DecodedImage(size, size, rgb);
    }

    /// <summary>The image flipped left to right.</summary>
    public static DecodedImage Mirror(DecodedImage image)
    {
        var rgb = new byte[image.Rgb.Length];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var source = 3 * ((y * image.Width) + x);
                var target = 3 * ((y * image.Width) + (image.Width - 1 - x));
                image.Rgb.AsSpan(source, 3).CopyTo(rgb.AsSpan(target, 3));
            }
        }
        return new DecodedImage(image.Width, image.Height, rgb);
    }

    private static DecodedImage Draw(int size, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var rgb = new byte[3 * size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var (r, g, b) = pixel(x, y);
                var i = 3 * ((y * size) + x);
                (rgb[i], rgb[i + 1], rgb[i + 2]) = (r, g, b);
            }
        }
        return new DecodedImage(size, size, rgb);
    }
}
