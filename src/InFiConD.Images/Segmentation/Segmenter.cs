namespace InFiConD.Embedding;

/// <summary>Cuts segment pixels out of decoded images.</summary>
public static class Segmenter
{
    /// <summary>Copies the pixels of one box into a new image.</summary>
    /// <param name="image">The source image.</param>
    /// <param name="box">A box inside the image.</param>
    /// <returns>A <c>box.Width × box.Height</c> image (the source itself when the box is the whole image).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The box does not fit inside the image.</exception>
    public static DecodedImage Crop(DecodedImage image, SegmentBox box)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(box);
        if (!box.FitsIn(image.Width, image.Height))
        {
            throw new ArgumentOutOfRangeException(nameof(box), box, $"The box does not fit inside the {image.Width} × {image.Height} image.");
        }
        if (box.X == 0 && box.Y == 0 && box.Width == image.Width && box.Height == image.Height)
        {
            return image;
        }
        var rgb = new byte[3L * box.Width * box.Height];
        for (var y = 0; y < box.Height; y++)
        {
            image.Rgb.AsSpan(3 * (((box.Y + y) * image.Width) + box.X), 3 * box.Width).CopyTo(rgb.AsSpan(3 * y * box.Width));
        }
        return new DecodedImage(box.Width, box.Height, rgb);
    }

    /// <summary>Cuts every segment of an image, in segment order.</summary>
    /// <param name="image">The source image.</param>
    /// <param name="segmentation">How to segment it.</param>
    /// <returns>One image per box of <see cref="Segmentation.Boxes"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InFiConD.Core.ShapeMismatchException">Masks do not match the image size.</exception>
    public static IReadOnlyList<DecodedImage> Crops(DecodedImage image, Segmentation segmentation)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(segmentation);
        return segmentation.Boxes(image.Width, image.Height).Select(box => Crop(image, box)).ToArray();
    }
}
