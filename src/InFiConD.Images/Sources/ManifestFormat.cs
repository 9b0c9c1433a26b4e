namespace InFiConD.Embedding;

/// <summary>The layout of an image manifest.</summary>
public enum ManifestFormat
{
    /// <summary>CSV (RFC 4180) with a header row naming <c>path</c> and optionally <c>label</c> and <c>id</c>.</summary>
    Csv,

    /// <summary>JSON Lines: one object per line, <c>{"path": …, "label": …, "id": …}</c>.</summary>
    JsonLines,
}
