namespace InFiConD.Embedding;

/// <summary>
/// Several sources read as one, items unchanged. Lets many small sources (a concept bank's exemplar sets) go through
/// an encoder in one call, so batches and workers stay full instead of restarting per source.
/// </summary>
internal sealed class ConcatenatedImageSource : ImageSource
{
    private readonly IReadOnlyList<ImageSource> _parts;
    private readonly int[] _starts;

    public ConcatenatedImageSource(IReadOnlyList<ImageSource> parts)
    {
        _parts = parts;
        _starts = new int[parts.Count + 1];
        for (var i = 0; i < parts.Count; i++)
        {
            _starts[i + 1] = _starts[i] + parts[i].Count;
        }
    }

    public override int Count => _starts[^1];

    public override string Description => $"{_parts.Count} sources ({Count} images)";

    public override ImageItem this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            // The last part starting at or before the index: empty parts share their start with the next one.
            var part = Array.BinarySearch(_starts, index);
            part = part >= 0 ? Array.LastIndexOf(_starts, index, _parts.Count - 1) : ~part - 1;
            return _parts[part][index - _starts[part]];
        }
    }
}
