using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Banks;

/// <summary>A fake dense encoder returning fixed segment vectors per image id; its whole-image embedding is the first segment.</summary>
internal sealed class LookupDenseImageEncoder(IReadOnlyDictionary<string, float[][]> segments, int dimension) : IDenseImageEncoder
{
    public string ModelId => "lookup-dense";

    public int Dimension => dimension;

    public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var ids = images.Select(i => i.Id).ToList();
        return Task.FromResult(new ImageEmbeddings(FloatMatrix.FromRows(ids.Select(id => segments[id][0]).ToArray()), ids, []));
    }

    public Task<SegmentEmbeddings> EncodeSegmentsAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var ids = images.Select(i => i.Id).ToList();
        var rows = ids.SelectMany(id => segments[id]).ToArray();
        var offsets = new List<int> { 0 };
        foreach (var id in ids)
        {
            offsets.Add(offsets[^1] + segments[id].Length);
        }
        var boxes = ids.Select(id => (IReadOnlyList<SegmentBox>)segments[id].Select(_ => new SegmentBox(0, 0, 1, 1)).ToList()).ToList();
        return Task.FromResult(new SegmentEmbeddings(FloatMatrix.FromRows(rows), offsets, ids, boxes, []));
    }
}
