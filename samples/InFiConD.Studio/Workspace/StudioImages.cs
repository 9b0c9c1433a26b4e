using System.Collections.Concurrent;
using InFiConD.Embedding;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace InFiConD.Studio;

/// <summary>
/// The session's images as PNG, looked up by split and id among the images the session was built on. Only the ids of
/// the named split exist here: anything else (another split's id, a path, a made-up id) is unknown, so no request can
/// reach a file. A picture wider or taller than <see cref="MaxSide"/> is scaled down (aspect ratio kept), so boxes in
/// the image's own pixels still fall in place.
/// </summary>
internal abstract class StudioImages
{
    /// <summary>The longest side a served picture has.</summary>
    public const int MaxSide = 512;

    // PNGs of pictures up to 512 px are small (about 20–400 KB); keeping a bounded amount avoids decoding again while a person browses.
    private const long CacheBytes = 64L << 20;
    private static readonly PngEncoder Encoder = new() { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };
    private readonly ConcurrentDictionary<(string Split, string Id), byte[]> _cache = new();
    private long _cached;

    /// <summary>
    /// The side in pixels the page gives a picture before it knows the image's own size (its whole-image segment): the
    /// side of every image where all are square and of one size (ConceptWorld).
    /// </summary>
    public abstract int ImageSize { get; }

    /// <summary>Whether the split named <paramref name="split"/> has images here.</summary>
    public abstract bool Has(string split);

    /// <summary>The image as PNG bytes, or <see langword="null"/> when the id is not one of the split's images.</summary>
    public byte[]? Png(string split, string imageId)
    {
        if (_cache.TryGetValue((split, imageId), out var cached))
        {
            return cached;
        }
        if (Picture(split, imageId) is not { } image)
        {
            return null;
        }
        var png = Encode(image);
        if (Interlocked.Add(ref _cached, png.Length) <= CacheBytes)
        {
            _cache.TryAdd((split, imageId), png);
        }
        return png;
    }

    /// <summary>The pixels of one of the split's images, or <see langword="null"/> when the id is not one of them.</summary>
    protected abstract DecodedImage? Picture(string split, string imageId);

    private static byte[] Encode(DecodedImage image)
    {
        using var png = Image.LoadPixelData<Rgb24>(image.Rgb, image.Width, image.Height);
        if (Math.Max(image.Width, image.Height) > MaxSide)
        {
            png.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(MaxSide, MaxSide), Mode = ResizeMode.Max }));
        }
        using var stream = new MemoryStream();
        png.SaveAsPng(stream, Encoder);
        return stream.ToArray();
    }
}
