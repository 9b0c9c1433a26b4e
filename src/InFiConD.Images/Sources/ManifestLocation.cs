namespace InFiConD.Embedding;

/// <summary>Where a manifest listed an image: the manifest's full path and the 1-based line the row starts on.</summary>
/// <param name="Path">The manifest file.</param>
/// <param name="Line">The row's first line.</param>
public sealed record ManifestLocation(string Path, int Line);
