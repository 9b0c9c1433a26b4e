namespace InFiConD.Embedding;

/// <summary>How <see cref="ImageSource.FromManifest(string, ManifestOptions)"/> reads a manifest. Init-only.</summary>
public sealed record ManifestOptions
{
    /// <summary>The default options.</summary>
    public static ManifestOptions Default { get; } = new();

    /// <summary>
    /// The layout, or <see langword="null"/> (default) to choose from the extension: <c>.csv</c> → CSV,
    /// <c>.jsonl</c> / <c>.ndjson</c> → JSON Lines (any case).
    /// </summary>
    public ManifestFormat? Format { get; init; }

    /// <summary>
    /// The folder relative paths are resolved against and that no listed path may leave; <see langword="null"/>
    /// (default) for the manifest's own folder.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>
    /// Whether to follow symbolic links of listed files that exist and refuse those whose real location is
    /// outside the root (a link planted to read files elsewhere). Costs a few file-system look-ups per
    /// folder and file. Default <see langword="true"/>.
    /// </summary>
    public bool CheckSymbolicLinks { get; init; } = true;
}
