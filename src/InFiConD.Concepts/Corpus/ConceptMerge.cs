namespace InFiConD.Concepts;

/// <summary>
/// Records that a concept was folded into an earlier one with the same <see cref="Concept.Key"/>. The
/// earlier one keeps its display name; synonyms are unioned; a missing group or prompt is taken from the
/// later one.
/// </summary>
/// <param name="Key">The shared matching key.</param>
/// <param name="Kept">The display name that was kept (the first occurrence).</param>
/// <param name="Merged">The display name of the duplicate that was folded in.</param>
/// <param name="Source">Where the duplicate came from (a file name), or <see langword="null"/> when built in memory.</param>
/// <param name="Line">The duplicate's 1-based line in <paramref name="Source"/>, or <see langword="null"/> when not line-based.</param>
public sealed record ConceptMerge(string Key, string Kept, string Merged, string? Source, int? Line);
