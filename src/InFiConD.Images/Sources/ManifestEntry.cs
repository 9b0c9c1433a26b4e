namespace InFiConD.Embedding;

/// <summary>One row of a manifest before its path is resolved.</summary>
/// <param name="Line">1-based line the row starts on.</param>
/// <param name="Path">The path as written.</param>
/// <param name="Label">The label, or <see langword="null"/>.</param>
/// <param name="Id">The explicit id, or <see langword="null"/>.</param>
/// <param name="Metadata">The row's other columns with a value, or <see langword="null"/> when none.</param>
internal readonly record struct ManifestEntry(int Line, string Path, string? Label, string? Id, IReadOnlyDictionary<string, string>? Metadata = null);
