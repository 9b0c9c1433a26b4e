using InFiConD.Embedding;

namespace InFiConD.Datasets;

/// <summary>
/// One split of a <see cref="ConceptWorld"/>: an <see cref="ImageSource"/> whose images are rendered when read
/// (ids <c>train/000000</c>…, labels the class names), with the ground truth alongside — class labels,
/// backgrounds, concept presence — and part masks on demand. Immutable and thread-safe; the same seed gives
/// the same scenes and pixels.
/// </summary>
public sealed class ConceptWorldSplit
{
    private readonly SceneImageSource _source;
    private readonly ConceptWorldScene[] _scenes;

    internal ConceptWorldSplit(ConceptWorldSplitKind kind, SceneSpec[] specs, ConceptWorldScene[] scenes, IReadOnlyList<string> classNames,
        IReadOnlyList<WorldConcept> concepts, int imageSize)
    {
        Kind = kind;
        Name = SplitBuilder.SplitName(kind);
        _scenes = scenes;
        ClassNames = classNames;
        Concepts = concepts;
        ConceptNames = concepts.Select(c => c.Name).ToArray();
        ImageSize = imageSize;
        Labels = scenes.Select(s => s.ClassIndex).ToArray();
        _source = new SceneImageSource(specs, scenes, imageSize, $"ConceptWorld {Name} split ({scenes.Length} images, {imageSize} × {imageSize})");
    }

    /// <summary>Which split this is.</summary>
    public ConceptWorldSplitKind Kind { get; }

    /// <summary>"train", "test" or "shifted"; the prefix of the image ids.</summary>
    public string Name { get; }

    /// <summary>Number of images.</summary>
    public int Count => _scenes.Length;

    /// <summary>Image side in pixels.</summary>
    public int ImageSize { get; }

    /// <summary>The images, rendered on each read (a few milliseconds each), labelled with their class names.</summary>
    public ImageSource Source => _source;

    /// <summary>The ground truth of every image, in source order.</summary>
    public IReadOnlyList<ConceptWorldScene> Scenes => _scenes;

    /// <summary>The class index of every image (into <see cref="ClassNames"/>), in source order.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The world's class names.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The world's concepts, in presence order.</summary>
    public IReadOnlyList<WorldConcept> Concepts { get; }

    /// <summary>The world's concept names, in presence order.</summary>
    public IReadOnlyList<string> ConceptNames { get; }

    /// <summary>Whether image <paramref name="image"/> shows concept <paramref name="concept"/>.</summary>
    /// <param name="image">Image position.</param>
    /// <param name="concept">Concept index.</param>
    /// <returns>The ground truth.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A position is out of range.</exception>
    public bool HasConcept(int image, int concept)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(image);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(image, Count);
        ArgumentOutOfRangeException.ThrowIfNegative(concept);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(concept, ConceptNames.Count);
        return _scenes[image].ConceptPresence[concept];
    }

    /// <summary>The ground truth as an images × concepts matrix (a new array each call).</summary>
    /// <returns><c>[image, concept]</c> flags.</returns>
    public bool[,] PresenceMatrix()
    {
        var matrix = new bool[Count, ConceptNames.Count];
        for (var i = 0; i < Count; i++)
        {
            for (var j = 0; j < ConceptNames.Count; j++)
            {
                matrix[i, j] = _scenes[i].ConceptPresence[j];
            }
        }
        return matrix;
    }

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    /// <param name="index">Image position.</param>
    /// <returns>A new image.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public DecodedImage RenderImage(int index)
    {
        CheckIndex(index);
        return _source.RenderImage(index);
    }

    /// <summary>The pixels, ground truth and part masks of image <paramref name="index"/>.</summary>
    /// <param name="index">Image position.</param>
    /// <returns>A new rendering.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public ConceptWorldImage Render(int index)
    {
        CheckIndex(index);
        return _source.Render(index);
    }

    /// <inheritdoc />
    public override string ToString() => _source.Description;

    private void CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
    }
}
