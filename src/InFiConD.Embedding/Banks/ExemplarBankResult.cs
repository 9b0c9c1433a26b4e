using InFiConD.Concepts;

namespace InFiConD.Embedding;

/// <summary>A concept bank made from exemplar images, how each vector was fitted, and the images that failed.</summary>
/// <param name="Bank">The bank, concepts in the order the exemplar dictionary enumerates them (less those removed), each with its
/// <see cref="ConceptBank.Quality"/> from the cross-validation.</param>
/// <param name="Fits">One entry per concept of the bank, in bank order.</param>
/// <param name="Failures">Exemplar images that could not be decoded (skipped).</param>
public sealed record ExemplarBankResult(ConceptBank Bank, IReadOnlyList<ExemplarFit> Fits, IReadOnlyList<DecodeFailure> Failures)
{
    /// <summary>Concepts left out for a cross-validated AUC below <see cref="ExemplarBankOptions.MinimumAuc"/>, in dictionary order; empty without a minimum.</summary>
    public IReadOnlyList<ExemplarRemoval> Removed { get; init; } = [];
}
