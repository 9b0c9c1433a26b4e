namespace InFiConD.Embedding.Tests.Caching;

/// <summary>
/// A deterministic dense encoder (mean colour of each 2 × 2 grid cell) that records which images each call
/// saw, so tests can tell cache hits from encodes.
/// </summary>
internal sealed class CountingDenseEncoder(string modelId = "mean-colour-grid") : IDenseImageEncoder
{
    private readonly CroppedSegmentEncoder _inner = CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Grid(2));

    public List<string[]> Calls { get; } = [];

    public IEnumerable<string> Seen => Calls.SelectMany(c => c);

    public string ModelId => modelId;

    public int Dimension => _inner.Dimension;

    public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _inner.EncodeAsync(images, progress, cancellationToken);

    public Task<SegmentEmbeddings> EncodeSegmentsAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Calls.Add(images.Select(i => i.Id).ToArray());
        return _inner.EncodeSegmentsAsync(images, progress, cancellationToken);
    }
}
