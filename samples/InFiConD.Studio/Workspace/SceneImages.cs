using System.Collections.Concurrent;
using InFiConD.Datasets;
using InFiConD.Embedding;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Studio;

/// <summary>
/// The session's images as PNG, rendered on demand from the ConceptWorld split the session was built on. Only the ids of
/// that split exist here: anything else (another split, a path, a made-up id) is unknown, so no request can reach a file.
/// </summary>
internal sealed class SceneImages
{
    // Rendered PNGs are small (about 20–60 KB); keeping a bounded number avoids re-rendering while a person browses.
    private const int CacheLimit = 512;
    private static readonly PngEncoder Encoder = new() { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };
    private readonly ConceptWorldSplit _split;
    private readonly Dictionary<string, int> _index;
    private readonly ConcurrentDictionary<int, byte[]> _cache = new();

    public SceneImages(ConceptWorldSplit split)
    {
        _split = split;
        _index = Enumerable.Range(0, split.Count).ToDictionary(i => split.Source[i].Id, i => i, StringComparer.Ordinal);
    }

    /// <summary>The side of every image in pixels.</summary>
    public int ImageSize => _split.ImageSize;

    /// <summary>Whether <paramref name="imageId"/> is one of the session's images.</summary>
    public bool Contains(string imageId) => _index.ContainsKey(imageId);

    /// <summary>The image as PNG bytes, or <see langword="null"/> when the id is not one of the session's images.</summary>
    public byte[]? Png(string imageId)
    {
        if (!_index.TryGetValue(imageId, out var index))
        {
            return null;
        }
        if (_cache.TryGetValue(index, out var cached))
        {
            return cached;
        }
        var png = Encode(_split.RenderImage(index));
        if (_cache.Count < CacheLimit)
        {
            _cache.TryAdd(index, png);
        }
        return png;
    }

    /// <summary>The segment boxes the encoder saw: the whole image first, then the grid's boxes.</summary>
    public IReadOnlyList<SegmentBox> SegmentBoxes()
    {
        var whole = SegmentBox.Whole(ImageSize, ImageSize);
        var boxes = WorldSessionBuilder.Grid.Boxes(ImageSize, ImageSize);
        return boxes.Count > 0 && boxes[0] == whole ? boxes : [whole, .. boxes];
    }

    private static byte[] Encode(DecodedImage image)
    {
        using var png = Image.LoadPixelData<Rgb24>(image.Rgb, image.Width, image.Height);
        using var stream = new MemoryStream();
        png.SaveAsPng(stream, Encoder);
        return stream.ToArray();
    }
}
