namespace InFiConD.Concepts;

/// <summary>The result of <see cref="ConceptCorpus.Filter(ConceptFilterOptions)"/>: what was kept and what was removed.</summary>
/// <param name="Corpus">The concepts that passed every rule, in their original order.</param>
/// <param name="Removed">The concepts removed, in corpus order, each with its reason.</param>
public sealed record FilteredCorpus(ConceptCorpus Corpus, IReadOnlyList<ConceptRemoval> Removed);
