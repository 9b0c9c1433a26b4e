using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace InFiConD.Embedding;

/// <summary>Resizing with ImageSharp and centre cropping on RGB buffers.</summary>
internal static class ImageResizer
{
    /// <summary>Resizes to exactly <paramref name="size"/>; returns the image itself when the size is unchanged.</summary>
    public static DecodedImage Resize(DecodedImage image, (int Width, int Height) size, ResizeResampler resampler)
    {
        if (size.Width == image.Width && size.Height == image.Height)
        {
            return image;
        }
        using var sharp = RgbConversion.ToImageSharp(image);
        var sampler = resampler == ResizeResampler.Bilinear ? KnownResamplers.Triangle : KnownResamplers.Bicubic;
        sharp.Mutate(x => x.Resize(new ResizeOptions
        {
            Size = new Size(size.Width, size.Height),
            Mode = ResizeMode.Stretch, // the aspect ratio is already kept by the caller's size
            Sampler = sampler,
        }));
        return RgbConversion.FromRgb(sharp);
    }

    /// <summary>The centre <paramref name="width"/> × <paramref name="height"/> region (see <see cref="CenterCrop"/>), black where it overhangs.</summary>
    public static DecodedImage CenterCropped(DecodedImage image, int width, int height)
    {
        if (width == image.Width && height == image.Height)
        {
            return image;
        }
        var startX = CenterCrop.Start(image.Width, width);
        var startY = CenterCrop.Start(image.Height, height);
        var rgb = new byte[3L * width * height];
        // Columns of the crop that fall inside the source; the rest stays 0 (black padding).
        var x0 = Math.Max(0, -startX);
        var x1 = Math.Min(width, image.Width - startX);
        for (var y = 0; y < height; y++)
        {
            var sy = y + startY;
            if (sy < 0 || sy >= image.Height || x1 <= x0)
            {
                continue;
            }
            var source = image.Rgb.AsSpan(3 * ((sy * image.Width) + startX + x0), 3 * (x1 - x0));
            source.CopyTo(rgb.AsSpan(3 * ((y * width) + x0)));
        }
        return new DecodedImage(width, height, rgb);
    }
}
