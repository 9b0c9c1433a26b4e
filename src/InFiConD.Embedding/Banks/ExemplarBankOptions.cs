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
    /// Default <see langword="true"/>; when <see langword="false"/>, such a set is an error.
    /// </summary>
    public bool NegativesFromOtherConcepts { get; init; } = true;

    /// <summary>The CAV's L2 penalty λ on the weights (not the bias), relative to the mean loss; &gt; 0. Default 0.01.</summary>
    public double CavRegularization { get; init; } = 0.01;

    /// <summary>Most Newton iterations of a CAV fit, ≥ 1. Default 50.</summary>
    public int CavMaxIterations { get; init; } = 50;

    /// <summary>A CAV fit stops when the largest gradient entry is at most this; &gt; 0. Default 1e-8.</summary>
    public double CavTolerance { get; init; } = 1e-8;

    /// <summary>Checks every setting.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="CavRegularization"/> or <see cref="CavTolerance"/> is not finite and positive,
    /// or <see cref="CavMaxIterations"/> is below 1.</exception>
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
        return this;
    }
}
