namespace InFiConD.Embedding;

/// <summary>Options of <see cref="ConceptBankBuilder.FromExemplarsAsync"/>.</summary>
public sealed record ExemplarBankOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static ExemplarBankOptions Default { get; } = new();

    /// <summary>Whether a prototype subtracts the mean of its negatives, when it has some. Default <see langword="true"/>.</summary>
    public bool SubtractNegativeMean { get; init; } = true;

    /// <summary>
    /// Whether a CAV whose set has no negatives is fitted against the positives of every other concept.
    /// Default <see langword="true"/>; when <see langword="false"/>, such a set is an error unless <see cref="RandomNegatives"/> are given.
    /// </summary>
    public bool NegativesFromOtherConcepts { get; init; } = true;

    /// <summary>The CAV's L2 penalty λ on the weights (not the bias), relative to the mean loss; &gt; 0. Default 0.01.</summary>
    public double CavRegularization { get; init; } = 0.01;

    /// <summary>Most Newton iterations of a CAV fit, ≥ 1. Default 50.</summary>
    public int CavMaxIterations { get; init; } = 50;

    /// <summary>A CAV fit stops when the largest gradient entry is at most this; &gt; 0. Default 1e-8.</summary>
    public double CavTolerance { get; init; } = 1e-8;

    /// <summary>
    /// Images of the kind the bank will score ("random images", as TCAV's random concept): every concept's negatives
    /// include them, in addition to its own negatives or the other concepts' exemplars, so a detector learns what sets its
    /// concept apart from ordinary scenes rather than from the other exemplar renders alone. They may show the concept at
    /// times; a few hundred ordinary images outweigh that. <see langword="null"/> (default) for none.
    /// </summary>
    public ImageSource? RandomNegatives { get; init; }

    /// <summary>Which embeddings of each exemplar the detectors are fitted on. Default <see cref="ExemplarInstances.WholeImage"/>;
    /// <see cref="ExemplarInstances.BestSegment"/> and <see cref="ExemplarInstances.Auto"/> (per concept, the one with the higher
    /// cross-validated AUC) need an <see cref="IDenseImageEncoder"/>.</summary>
    public ExemplarInstances Instances { get; init; } = ExemplarInstances.WholeImage;

    /// <summary>Refits after the first with <see cref="ExemplarInstances.BestSegment"/> or <see cref="ExemplarInstances.Auto"/> (each re-choosing every positive's best segment);
    /// it stops early when no choice changes. ≥ 1; default 3.</summary>
    public int MultipleInstanceRounds { get; init; } = 3;

    /// <summary>Most folds of the cross-validation that measures each concept's <see cref="Concepts.ConceptQuality"/>: k = min(this,
    /// positives, negatives); ≥ 2. Default 5.</summary>
    public int CrossValidationFolds { get; init; } = 5;

    /// <summary>
    /// When set, concepts whose cross-validated AUC is below it are left out of the bank and listed in
    /// <see cref="ExemplarBankResult.Removed"/> (concepts that could not be cross-validated are kept). In [0, 1];
    /// <see langword="null"/> (default) keeps every concept.
    /// </summary>
    public double? MinimumAuc { get; init; }

    /// <summary>Checks every setting.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="CavRegularization"/> or <see cref="CavTolerance"/> is not finite and positive,
    /// or <see cref="CavMaxIterations"/> is below 1; <see cref="MultipleInstanceRounds"/> is below 1; <see cref="CrossValidationFolds"/>
    /// is below 2; <see cref="MinimumAuc"/> is NaN or outside [0, 1]; <see cref="Instances"/> is undefined.</exception>
    public ExemplarBankOptions Validate()
    {
        if (!(CavRegularization > 0 && double.IsFinite(CavRegularization)))
        {
            throw new ArgumentOutOfRangeException(nameof(CavRegularization), CavRegularization, "The CAV regularisation must be finite and positive.");
        }
        if (!(CavTolerance > 0 && double.IsFinite(CavTolerance)))
        {
            throw new ArgumentOutOfRangeException(nameof(CavTolerance), CavTolerance, "The CAV tolerance must be finite and positive.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(CavMaxIterations, 1, nameof(CavMaxIterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(MultipleInstanceRounds, 1, nameof(MultipleInstanceRounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(CrossValidationFolds, 2, nameof(CrossValidationFolds));
        if (MinimumAuc is { } minimum && !(minimum >= 0 && minimum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumAuc), minimum, "The minimum AUC must be in [0, 1] (or null to keep every concept).");
        }
        if (!Enum.IsDefined(Instances))
        {
            throw new ArgumentOutOfRangeException(nameof(Instances), Instances, "Undefined exemplar instances.");
        }
        return this;
    }
}
