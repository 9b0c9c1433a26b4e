using InFiConD.Concepts;

namespace InFiConD.Embedding;

/// <summary>A concept bank made from exemplar images, how each vector was fitted, and the images that failed.</summary>
/// <param name="Bank">The bank, concepts in the order the exemplar dictionary enumerates them.</param>
/// <param name="Fits">One entry per concept, in bank order.</param>
/// <param name="Failures">Exemplar images that could not be decoded (skipped).</param>
public sealed record ExemplarBankResult(ConceptBank Bank, IReadOnlyList<ExemplarFit> Fits, IReadOnlyList<DecodeFailure> Failures);
