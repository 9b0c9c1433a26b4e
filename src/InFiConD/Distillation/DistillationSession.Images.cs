using System.Collections.Concurrent;
using InFiConD.Embedding;
using InFiConD.Students;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace InFiConD;

public sealed partial class DistillationSession
{
    private readonly ConcurrentDictionary<string, ImageSource> _images = new(StringComparer.Ordinal);

    /// <summary>The images of a split, as the run read them; <see langword="null"/> for a loaded session until <see cref="UseImages"/> is called.</summary>
    /// <param name="split">The split's name.</param>
    /// <returns>The source, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">No split has that name.</exception>
    public ImageSource? ImagesOf(string split) => _images.GetValueOrDefault(Split(split).Name);

    /// <summary>Gives the session a split's images (a reloaded session keeps scores, not pictures), for thumbnails.</summary>
    /// <param name="split">The split's name.</param>
    /// <param name="images">The images; ids are matched to the split's ids.</param>
    /// <exception cref="ArgumentException">No split has that name.</exception>
    public void UseImages(string split, ImageSource images)
    {
        ArgumentNullException.ThrowIfNull(images);
        _images[Split(split).Name] = images;
    }

    /// <summary>
    /// A small PNG of one image, its longest side at most <paramref name="size"/> pixels (an image is made smaller, never
    /// larger: a view enlarges small ones), with the box where <paramref name="concept"/>
    /// was found outlined (none where the concept is absent, as <see cref="Locate"/> says) — for notebook views and reports.
    /// </summary>
    /// <param name="imageId">The image's id.</param>
    /// <param name="split">The split's name.</param>
    /// <param name="concept">A concept to outline; <see langword="null"/> for none.</param>
    /// <param name="size">The largest longest side in pixels, 16 to 1024.</param>
    /// <returns>The PNG bytes; <see langword="null"/> when the session has no images for the split or the image cannot be read.</returns>
    /// <exception cref="ArgumentException">No split has that name, or no concept has that name.</exception>
    public byte[]? Thumbnail(string imageId, string split = DataSplit.TrainingName, string? concept = null, int size = 96)
    {
        ArgumentNullException.ThrowIfNull(imageId);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 1024);
        var data = Split(split);
        if (ImagesOf(data.Name) is not { } images || images.FirstOrDefault(i => i.Id == imageId) is not { } item
            || ImageDecoder.Default.TryDecode(item).Image is not { } decoded)
        {
            return null;
        }
        var box = concept is null || data.Scores.IndexOfImage(imageId) < 0 ? null : Locate(imageId, data.Name).Of(concept).Box;
        using var picture = Image.LoadPixelData<Rgb24>(decoded.Rgb, decoded.Width, decoded.Height);
        var scale = Math.Min(1.0, (double)size / Math.Max(decoded.Width, decoded.Height));
        var (width, height) = (Math.Max(1, (int)Math.Round(decoded.Width * scale)), Math.Max(1, (int)Math.Round(decoded.Height * scale)));
        picture.Mutate(p => p.Resize(width, height));
        if (box is not null)
        {
            Outline(picture, (int)(box.X * scale), (int)(box.Y * scale), Math.Max(1, (int)Math.Round(box.Width * scale)), Math.Max(1, (int)Math.Round(box.Height * scale)));
        }
        using var png = new MemoryStream();
        picture.SaveAsPng(png);
        return png.ToArray();
    }

    /// <summary>A two-pixel orange frame inside the rectangle (no drawing library needed for a box).</summary>
    private static void Outline(Image<Rgb24> picture, int x, int y, int width, int height)
    {
        var orange = new Rgb24(237, 137, 54);
        var (right, bottom) = (Math.Min(picture.Width, x + width) - 1, Math.Min(picture.Height, y + height) - 1);
        for (var t = 0; t < 2; t++)
        {
            for (var i = x; i <= right; i++)
            {
                picture[i, Math.Min(y + t, bottom)] = orange;
                picture[i, Math.Max(bottom - t, y)] = orange;
            }
            for (var j = y; j <= bottom; j++)
            {
                picture[Math.Min(x + t, right), j] = orange;
                picture[Math.Max(right - t, x), j] = orange;
            }
        }
    }
}
