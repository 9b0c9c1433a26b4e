using InFiConD.Datasets;
using InFiConD.Embedding;

namespace InFiConD.Studio;

/// <summary>The pictures of a ConceptWorld session, rendered on demand from the world's splits the session was built on.</summary>
internal sealed class SceneImages : StudioImages
{
    private readonly Dictionary<string, (ConceptWorldSplit Split, Dictionary<string, int> Index)> _splits;

    /// <summary>Serves the images of <paramref name="splits"/>, each under its own name (the session's split names).</summary>
    public SceneImages(IReadOnlyList<ConceptWorldSplit> splits)
    {
        _splits = splits.ToDictionary(s => s.Name,
            s => (s, Enumerable.Range(0, s.Count).ToDictionary(i => s.Source[i].Id, i => i, StringComparer.Ordinal)), StringComparer.Ordinal);
        ImageSize = splits[0].ImageSize;
    }

    /// <inheritdoc />
    public override int ImageSize { get; }

    /// <inheritdoc />
    public override bool Has(string split) => _splits.ContainsKey(split);

    /// <inheritdoc />
    protected override DecodedImage? Picture(string split, string imageId) =>
        _splits.TryGetValue(split, out var images) && images.Index.TryGetValue(imageId, out var index) ? images.Split.RenderImage(index) : null;
}
