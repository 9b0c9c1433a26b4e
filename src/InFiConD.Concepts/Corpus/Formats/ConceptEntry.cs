namespace InFiConD.Concepts;

/// <summary>A concept as read from a source, with the 1-based line it came from when the source is line-based.</summary>
internal readonly record struct ConceptEntry(Concept Concept, string? Source, int? Line);
