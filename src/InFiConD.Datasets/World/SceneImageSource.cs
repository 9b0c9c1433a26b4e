using InFiConD.Embedding;

namespace InFiConD.Datasets;

/// <summary>
/// An <see cref="ImageSource"/> that renders each image when its item is asked for (as decoded pixels), so a
/// split costs no memory until it is read. Rendering is a pure function of the spec: thread-safe, deterministic.
/// </summary>
internal sealed class SceneImageSource : ImageSource
{
    private readonly SceneSpec[] _specs;
    private readonly ConceptWorldScene[] _scenes;
    private readonly int _size;
    private readonly IReadOnlyDictionary<string, string>?[] _metadata;

    public SceneImageSource(SceneSpec[] specs, ConceptWorldScene[] scenes, int size, string description)
    {
        _specs = specs;
        _scenes = scenes;
        _size = size;
        Description = description;
        _metadata = [.. scenes.Select(Attributes)];
    }

    public override int Count => _specs.Length;

    public override string Description { get; }

    public override ImageItem this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _specs.Length);
            var scene = _scenes[index];
            return ImageItem.FromDecoded(scene.Id, RenderImage(index), scene.ClassName) with { Metadata = _metadata[index] };
        }
    }

    /// <summary>What was drawn, as per-image attributes a session can group results by (background, colour, texture).</summary>
    private static IReadOnlyDictionary<string, string>? Attributes(ConceptWorldScene scene)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in new[] { ("background", scene.Background), ("colour", scene.Colour), ("texture", scene.Texture) })
        {
            if (value is not null)
            {
                attributes[name] = value;
            }
        }
        return attributes.Count == 0 ? null : attributes.AsReadOnly();
    }

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public DecodedImage RenderImage(int index) =>
        new(_size, _size, SceneRenderer.Render(_specs[index], _size, withMasks: false).Rgb);

    /// <summary>The pixels, ground truth and part masks of image <paramref name="index"/>.</summary>
    public ConceptWorldImage Render(int index)
    {
        var rendered = SceneRenderer.Render(_specs[index], _size, withMasks: true);
        var masks = rendered.Masks.Select(m => new PartMask(m.Part, new SegmentMask(_size, _size, m.Mask))).ToArray();
        return new ConceptWorldImage(_scenes[index], new DecodedImage(_size, _size, rendered.Rgb), masks);
    }
}
