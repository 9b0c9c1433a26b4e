using InFiConD.Embedding;

namespace InFiConD.Datasets;

/// <summary>
/// Exemplar images of one concept, rendered on read: positives show it clearly (a part enlarged on grey, a
/// colour or texture swatch, a background alone), negatives show a sibling concept instead (another part,
/// colour, texture or background), so ground truth says the concept is absent.
/// </summary>
public sealed class ConceptWorldExemplars
{
    private readonly SceneImageSource _positives, _negatives;

    internal ConceptWorldExemplars(WorldConcept concept, SceneImageSource positives, ConceptWorldScene[] positiveScenes,
        SceneImageSource negatives, ConceptWorldScene[] negativeScenes)
    {
        Concept = concept;
        _positives = positives;
        _negatives = negatives;
        PositiveScenes = positiveScenes;
        NegativeScenes = negativeScenes;
    }

    /// <summary>The concept.</summary>
    public WorldConcept Concept { get; }

    /// <summary>Images that show the concept (ids <c>exemplar/&lt;concept&gt;/positive/000</c>…).</summary>
    public ImageSource Positives => _positives;

    /// <summary>Images that do not (ids <c>exemplar/&lt;concept&gt;/negative/000</c>…).</summary>
    public ImageSource Negatives => _negatives;

    /// <summary>Ground truth of the positives.</summary>
    public IReadOnlyList<ConceptWorldScene> PositiveScenes { get; }

    /// <summary>Ground truth of the negatives.</summary>
    public IReadOnlyList<ConceptWorldScene> NegativeScenes { get; }

    /// <summary>Renders a positive with its part masks.</summary>
    /// <param name="index">Position among the positives.</param>
    /// <returns>The rendering.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public ConceptWorldImage RenderPositive(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, PositiveScenes.Count);
        return _positives.Render(index);
    }

    /// <summary>Renders a negative with its part masks.</summary>
    /// <param name="index">Position among the negatives.</param>
    /// <returns>The rendering.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public ConceptWorldImage RenderNegative(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, NegativeScenes.Count);
        return _negatives.Render(index);
    }

    /// <summary>The exemplars as Embedding's <see cref="ExemplarSet"/> for <c>ConceptBankBuilder.FromExemplarsAsync</c>.</summary>
    /// <param name="withNegatives">Whether to include the negatives (without them a prototype is the positives' mean, and a CAV uses the other concepts' positives).</param>
    /// <returns>The set.</returns>
    public ExemplarSet ToExemplarSet(bool withNegatives = true) => new(Positives, withNegatives ? Negatives : null);
}
