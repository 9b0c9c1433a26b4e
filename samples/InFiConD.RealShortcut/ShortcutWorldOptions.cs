namespace InFiConD.RealShortcut;

/// <summary>
/// How the Fashion-MNIST world with a planted shortcut is drawn: which classes, how many images, how big the red mark is
/// and where it goes. <see cref="Control"/> draws the same images with no mark anywhere.
/// </summary>
internal sealed record ShortcutWorldOptions
{
    /// <summary>The defaults: five classes (three of them footwear, so a mark can tip a sandal or a boot into a sneaker).</summary>
    public static ShortcutWorldOptions Default { get; } = new();

    /// <summary>The Fashion-MNIST labels used as classes: t-shirt, trouser, sandal, sneaker, ankle boot.</summary>
    public IReadOnlyList<int> ClassLabels { get; init; } = [0, 1, 5, 7, 9];

    /// <summary>The class the mark is planted on: sneaker.</summary>
    public int TargetLabel { get; init; } = 7;

    /// <summary>Training images per class.</summary>
    public int TrainPerClass { get; init; } = 80;

    /// <summary>Held-out ("shifted") images per class.</summary>
    public int ShiftedPerClass { get; init; } = 40;

    /// <summary>Positive exemplar images per concept (drawn from Fashion-MNIST's test set, so never seen in a split).</summary>
    public int ExemplarsPerConcept { get; init; } = 20;

    /// <summary>Whether the mark is drawn at all; <see langword="false"/> for the control run.</summary>
    public bool Planted { get; init; } = true;

    /// <summary>Fraction of the target class's training images that carry the mark.</summary>
    public double TargetMarkedInTrain { get; init; } = 1.0;

    /// <summary>Fraction of the other classes' training images that carry the mark.</summary>
    public double OthersMarkedInTrain { get; init; }

    /// <summary>Fraction of every class's held-out images that carry the mark: there the mark no longer goes with the class.</summary>
    public double MarkedInShifted { get; init; } = 1.0 / 3;

    /// <summary>The mark's side in pixels of the 28 × 28 image.</summary>
    public int MarkSize { get; init; } = 8;

    /// <summary>The mark's top-left corner (x and y), where Fashion-MNIST items rarely reach.</summary>
    public int MarkOffset { get; init; } = 1;

    /// <summary>Seed of every draw.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>The same options with nothing planted: the control.</summary>
    public ShortcutWorldOptions Control => this with { Planted = false };

    /// <summary>Checks the settings and returns this instance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    public ShortcutWorldOptions Validate()
    {
        if (ClassLabels.Count < 2 || ClassLabels.Any(l => l is < 0 or > 9) || ClassLabels.Distinct().Count() != ClassLabels.Count || !ClassLabels.Contains(TargetLabel))
        {
            throw new ArgumentOutOfRangeException(nameof(ClassLabels), "ClassLabels must be two or more distinct Fashion-MNIST labels (0–9) including TargetLabel.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainPerClass, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ShiftedPerClass, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ExemplarsPerConcept, 2);
        foreach (var (name, value) in new[] { (nameof(TargetMarkedInTrain), TargetMarkedInTrain), (nameof(OthersMarkedInTrain), OthersMarkedInTrain), (nameof(MarkedInShifted), MarkedInShifted) })
        {
            if (!(value is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be a fraction in [0, 1].");
            }
        }
        if (MarkSize < 1 || MarkOffset < 0 || MarkOffset + MarkSize > FashionMnist.Side)
        {
            throw new ArgumentOutOfRangeException(nameof(MarkSize), MarkSize, $"The mark ({MarkSize} px at {MarkOffset}) must fit in the {FashionMnist.Side} px image.");
        }
        return this;
    }
}
