namespace InFiConD.Embedding;

/// <summary>
/// Options of <see cref="ConceptBankBuilder.FromText"/>: the optional embedding-level filter of Label-free
/// CBM (Oikarinen et al., 2023), which drops concepts whose text embedding is too close to a class name's,
/// so a student cannot explain a class by a synonym of the class itself.
/// </summary>
public sealed record TextBankOptions
{
    /// <summary>The defaults: no class names, so no filtering.</summary>
    public static TextBankOptions Default { get; } = new();

    /// <summary>
    /// The teacher's class names; each is embedded with the same templates as the concepts. Empty (default)
    /// turns the filter off.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>, or a name is <see langword="null"/>.</exception>
    public IReadOnlyList<string> ClassNames
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(ClassNames));
            var copy = value.ToArray();
            if (Array.IndexOf(copy, null) is var i and >= 0)
            {
                throw new ArgumentNullException(nameof(ClassNames), $"Class name {i} is null.");
            }
            field = Array.AsReadOnly(copy);
        }
    } = [];

    /// <summary>
    /// A concept is removed when the cosine between its embedding and any class name's embedding is at
    /// least this. In (−1, 1]; default 0.85, Label-free CBM's class-similarity cut-off.
    /// </summary>
    public double ClassSimilarityThreshold { get; init; } = 0.85;

    /// <summary>Checks every setting.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ClassSimilarityThreshold"/> is NaN or outside (−1, 1].</exception>
    /// <exception cref="ArgumentException">A class name is empty or white space.</exception>
    public TextBankOptions Validate()
    {
        if (!(ClassSimilarityThreshold > -1 && ClassSimilarityThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ClassSimilarityThreshold), ClassSimilarityThreshold, "The class-similarity threshold is a cosine in (−1, 1].");
        }
        if (ClassNames.Select((name, i) => (name, i)).FirstOrDefault(p => string.IsNullOrWhiteSpace(p.name)) is { name: not null } blank)
        {
            throw new ArgumentException($"Class name {blank.i} is empty.", nameof(ClassNames));
        }
        return this;
    }
}
