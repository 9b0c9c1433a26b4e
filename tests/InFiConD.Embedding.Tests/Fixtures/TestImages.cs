using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Embedding.Tests;

/// <summary>Fixture images made in code with ImageSharp; nothing is downloaded.</summary>
internal static class TestImages
{
    /// <summary>An image of the given size whose pixel (x, y) is (x·7 + y, y·11 + x, (x + y)·3) mod 256: every pixel differs.</summary>
    public static Image<Rgb24> Pattern(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = PatternPixel(x, y);
            }
        }
        return image;
    }

    public static Rgb24 PatternPixel(int x, int y) => new((byte)((x * 7) + y), (byte)((y * 11) + x), (byte)((x + y) * 3));

    public static byte[] Encode(Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }

    public static byte[] Png(int width = 16, int height = 12)
    {
        using var image = Pattern(width, height);
        return Encode(image, new PngEncoder());
    }

    public static byte[] Jpeg(int width = 64, int height = 48)
    {
        using var image = Pattern(width, height);
        return Encode(image, new JpegEncoder { Quality = 90 });
    }

    public static byte[] Solid<TPixel>(int width, int height, TPixel color, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var image = new Image<TPixel>(width, height, color);
        return Encode(image, encoder);
    }
}
