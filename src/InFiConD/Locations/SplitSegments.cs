using InFiConD.Embedding;

namespace InFiConD;

/// <summary>
/// What a session keeps of one split's segments, aligned to the split's image order: each image's segment boxes (stored once
/// per distinct layout: every image of one size under a grid shares one) and the content hash its segment embeddings are
/// cached under. Cheap at any size; the per-segment scores are recomputed from the embedding cache on demand.
/// </summary>
internal sealed class SplitSegments
{
    private readonly SegmentBox[][] _layouts;
    private readonly int[] _layoutOf;
    private readonly byte[]? _hashes;

    private SplitSegments(SegmentBox[][] layouts, int[] layoutOf, byte[]? hashes)
    {
        _layouts = layouts;
        _layoutOf = layoutOf;
        _hashes = hashes;
    }

    public int ImageCount => _layoutOf.Length;

    public IReadOnlyList<SegmentBox> BoxesOf(int image) => _layouts[_layoutOf[image]];

    /// <summary>The image's content hash as lower-case hex, or <see langword="null"/> when it was not hashed.</summary>
    public string? HashOf(int image)
    {
        if (_hashes is null)
        {
            return null;
        }
        var bytes = _hashes.AsSpan(image * HashBytes, HashBytes);
        return bytes.IndexOfAnyExcept((byte)0) < 0 ? null : Convert.ToHexStringLower(bytes);
    }

    private const int HashBytes = 32;

    /// <summary>The segments of <paramref name="imageIds"/> (a subset of the encoded images, in the split's order).</summary>
    public static SplitSegments From(SegmentEmbeddings segments, IReadOnlyList<string> imageIds)
    {
        var index = new Dictionary<string, int>(segments.ImageIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < segments.ImageIds.Count; i++)
        {
            index[segments.ImageIds[i]] = i;
        }
        var rows = imageIds.Select(id => index[id]).ToArray();
        var hashes = segments.ContentHashes is { } given ? rows.Select(r => given[r]).ToArray() : null;
        return Create(rows.Select(r => segments.Boxes[r]).ToArray(), hashes);
    }

    /// <summary>Deduplicates the layouts and packs the hashes (each SHA-256 hex or <see langword="null"/>).</summary>
    public static SplitSegments Create(IReadOnlyList<IReadOnlyList<SegmentBox>> boxes, IReadOnlyList<string?>? hashes)
    {
        var layouts = new List<SegmentBox[]>();
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        var layoutOf = new int[boxes.Count];
        for (var n = 0; n < boxes.Count; n++)
        {
            var key = string.Join(';', boxes[n].Select(b => $"{b.X},{b.Y},{b.Width},{b.Height}"));
            if (!known.TryGetValue(key, out layoutOf[n]))
            {
                layoutOf[n] = known[key] = layouts.Count;
                layouts.Add([.. boxes[n]]);
            }
        }
        byte[]? packed = null;
        if (hashes is not null && hashes.Any(h => h is not null))
        {
            packed = new byte[boxes.Count * HashBytes];
            for (var n = 0; n < hashes.Count; n++)
            {
                if (hashes[n] is { } hash)
                {
                    Convert.FromHexString(hash).CopyTo(packed.AsSpan(n * HashBytes));
                }
            }
        }
        return new SplitSegments([.. layouts], layoutOf, packed);
    }

    /// <summary>The document saved in a session file.</summary>
    public LocationsDocument.SplitDocument ToDocument(string split) => new()
    {
        Split = split,
        Layouts = [.. _layouts.Select(l => l.Select(b => new List<int> { b.X, b.Y, b.Width, b.Height }).ToList())],
        LayoutOfImage = [.. _layoutOf],
        ContentHashes = _hashes is null ? null : [.. Enumerable.Range(0, ImageCount).Select(HashOf)],
    };

    /// <summary>Reads a saved split's segments, checking every index and box; the problem names the field.</summary>
    public static SplitSegments FromDocument(LocationsDocument.SplitDocument document, int images, Func<string, Exception> fail)
    {
        var layouts = document.Layouts ?? throw fail("'layouts' is missing.");
        var layoutOf = document.LayoutOfImage ?? throw fail("'layoutOfImage' is missing.");
        if (layoutOf.Count != images)
        {
            throw fail($"'layoutOfImage' holds {layoutOf.Count} entries; the split has {images} images.");
        }
        var boxes = new IReadOnlyList<SegmentBox>[layouts.Count];
        for (var l = 0; l < layouts.Count; l++)
        {
            var layout = layouts[l] ?? throw fail($"'layouts[{l}]' is null.");
            var list = new SegmentBox[layout.Count];
            for (var p = 0; p < layout.Count; p++)
            {
                if (layout[p] is not [var x, var y, var w, var h] || x < 0 || y < 0 || w < 1 || h < 1)
                {
                    throw fail($"'layouts[{l}][{p}]' is not a box [x ≥ 0, y ≥ 0, width ≥ 1, height ≥ 1].");
                }
                list[p] = new SegmentBox(x, y, w, h);
            }
            boxes[l] = list;
        }
        var perImage = new IReadOnlyList<SegmentBox>[images];
        for (var n = 0; n < images; n++)
        {
            if ((uint)layoutOf[n] >= (uint)layouts.Count)
            {
                throw fail($"'layoutOfImage[{n}]' is {layoutOf[n]}; expected a layout index in [0, {layouts.Count}).");
            }
            perImage[n] = boxes[layoutOf[n]];
        }
        var hashes = document.ContentHashes;
        if (hashes is not null)
        {
            if (hashes.Count != images)
            {
                throw fail($"'contentHashes' holds {hashes.Count} entries; the split has {images} images.");
            }
            var bad = hashes.FindIndex(h => h is not null && (h.Length != 2 * HashBytes || !h.All(char.IsAsciiHexDigit)));
            if (bad >= 0)
            {
                throw fail($"'contentHashes[{bad}]' is not a SHA-256 in hex (64 hex digits).");
            }
        }
        return Create(perImage, hashes);
    }
}
