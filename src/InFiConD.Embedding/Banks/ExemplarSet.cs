namespace InFiConD.Embedding;

/// <summary>The exemplar images of one concept.</summary>
public sealed record ExemplarSet
{
    /// <summary>Creates a set.</summary>
    /// <param name="positives">Images that show the concept.</param>
    /// <param name="negatives">Images that do not, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="positives"/> is <see langword="null"/>.</exception>
    public ExemplarSet(ImageSource positives, ImageSource? negatives = null)
    {
        ArgumentNullException.ThrowIfNull(positives);
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>Images that show the concept.</summary>
    public ImageSource Positives { get; }

    /// <summary>
    /// Images that do not show it, or <see langword="null"/>: a prototype is then the positives' mean alone,
    /// and a CAV is fitted against the other concepts' positives (<see cref="ExemplarBankOptions.NegativesFromOtherConcepts"/>).
    /// </summary>
    public ImageSource? Negatives { get; }
}
