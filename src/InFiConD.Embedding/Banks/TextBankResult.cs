using InFiConD.Concepts;

namespace InFiConD.Embedding;

/// <summary>A concept bank made from text, and the concepts its filter removed.</summary>
/// <param name="Bank">The bank, concepts in corpus order (less those removed).</param>
/// <param name="Removed">The concepts removed for being too close to a class name, in corpus order; empty without class names.</param>
public sealed record TextBankResult(ConceptBank Bank, IReadOnlyList<ClassSimilarityRemoval> Removed);
