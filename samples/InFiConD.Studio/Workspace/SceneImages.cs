using System.Collections.Concurrent;
using InFiConD.Datasets;
using InFiConD.Embedding;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Studio;

/// <summary>
/// The session's images as PNG, rendered on demand from the ConceptWorld splits the session was built on, looked up by
/// split and id. Only the ids of that split exist here: anything else (another split's id, a path, a made-up id) is
/// unknown, so no request can reach a file.
/// </summary>
internal sealed class SceneImages
{
    // Rendered PNGs are small (about 20–60 KB); keeping a bounded number avoids re-rendering while a person browses.
    private const int CacheLimit = 512;
    private static readonly PngEncoder Encoder = new() { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };
    private readonly Dictionary<string, (ConceptWorldSplit Split, Dictionary<string, int> Index)> _splits;
    private readonly ConcurrentDictionary<(string Split, int Index), byte[]> _cache = new();

    /// <summary>Serves the images of <paramref name="splits"/>, each under its own name (the session's split names).</summary>
    public SceneImages(IReadOnlyList<ConceptWorldSplit> splits)
    {
        _splits = splits.ToDictionary(s => s.Name,
            s => (s, Enumerable.Range(0, s.Count).ToDictionary(i => s.Source[i].Id, i => i, StringComparer.Ordinal)), StringComparer.Ordinal);
        ImageSize = splits[0].ImageSize;
    }

    /// <summary>The side of every image in pixels.</summary>
    public int ImageSize { get; }

    /// <summary>Whether the split named <paramref name="split"/> has images here.</summary>
    public bool Has(string split) => _splits.ContainsKey(split);

    /// <summary>The image as PNG bytes, or <see langword="null"/> when the id is not one of the split's images.</summary>
    public byte[]? Png(string split, string imageId)
    {
        if (!_splits.TryGetValue(split, out var images) || !images.Index.TryGetValue(imageId, out var index))
        {
            return null;
        }
        if (_cache.TryGetValue((split, index), out var cached))
        {
            return cached;
        }
        var png = Encode(images.Split.RenderImage(index));
        if (_cache.Count < CacheLimit)
        {
            _cache.TryAdd((split, index), png);
        }
        return png;
    }

    private static byte[] Encode(DecodedImage image)
    {
        using var png = Image.LoadPixelData<Rgb24>(image.Rgb, image.Width, image.Height);
        using var stream = new MemoryStream();
        png.SaveAsPng(stream, Encoder);
        return stream.ToArray();
    }
}
