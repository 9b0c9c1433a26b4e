using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Embedding;

/// <summary>Copies ImageSharp images into <see cref="DecodedImage"/> buffers.</summary>
internal static class RgbConversion
{
    /// <summary>
    /// Copies the first frame, compositing any transparency over white:
    /// <c>out = (c·a + 255·(255 − a)) / 255</c>, rounded. White rather than black because transparent
    /// regions of icons, logos and product shots are meant to sit on a light page; an opaque pixel
    /// (a = 255) is copied unchanged.
    /// </summary>
    public static DecodedImage FromRgba(Image<Rgba32> image)
    {
        var width = image.Width;
        var rgb = new byte[3L * width * image.Height];
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                var row = accessor.GetRowSpan(y);
                var target = rgb.AsSpan(3 * y * width, 3 * width);
                if (IsOpaque(row))
                {
                    // The common case (an opaque image decoded as RGBA): ImageSharp's vectorised RGBA → RGB copy.
                    PixelOperations<Rgba32>.Instance.ToRgb24Bytes(Configuration.Default, row, target, width);
                    continue;
                }
                for (var x = 0; x < row.Length; x++)
                {
                    var p = row[x];
                    var a = p.A;
                    if (a == 255)
                    {
                        target[3 * x] = p.R;
                        target[3 * x + 1] = p.G;
                        target[3 * x + 2] = p.B;
                    }
                    else
                    {
                        var background = 255 * (255 - a);
                        target[3 * x] = (byte)(((p.R * a) + background + 127) / 255);
                        target[3 * x + 1] = (byte)(((p.G * a) + background + 127) / 255);
                        target[3 * x + 2] = (byte)(((p.B * a) + background + 127) / 255);
                    }
                }
            }
        });
        return new DecodedImage(width, image.Height, rgb);
    }

    /// <summary>Copies an RGB ImageSharp image into a new <see cref="DecodedImage"/> (one copy: Rgb24 is the same byte layout).</summary>
    public static DecodedImage FromRgb(Image<Rgb24> image)
    {
        var rgb = new byte[3L * image.Width * image.Height];
        image.CopyPixelDataTo(rgb);
        return new DecodedImage(image.Width, image.Height, rgb);
    }

    private static bool IsOpaque(ReadOnlySpan<Rgba32> row)
    {
        foreach (var p in row)
        {
            if (p.A != 255)
            {
                return false;
            }
        }
        return true;
    }
}
