namespace InFiConD.Embedding;

/// <summary>How <see cref="ImageSource.FromFolder(string, FolderSourceOptions)"/> lists a folder. Init-only; checked by <see cref="Validate"/>.</summary>
public sealed record FolderSourceOptions
{
    /// <summary>The default extensions: .png .jpg .jpeg .bmp .gif .webp .tif .tiff.</summary>
    public static IReadOnlyList<string> DefaultExtensions { get; } =
        Array.AsReadOnly([".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff"]);

    /// <summary>The default options.</summary>
    public static FolderSourceOptions Default { get; } = new();

    /// <summary>
    /// File extensions to list, each with its leading dot, matched case-insensitively. The extension only
    /// selects files; the decoder detects the format from the content.
    /// </summary>
    public IReadOnlyList<string> Extensions { get; init; } = DefaultExtensions;

    /// <summary>Whether to descend into subfolders. Default <see langword="true"/>.</summary>
    public bool Recursive { get; init; } = true;

    /// <summary>
    /// Whether to label each image with the first folder of its relative path (<c>cat/a.png</c> → <c>cat</c>,
    /// <c>cat/x/b.png</c> → <c>cat</c>), the usual layout of a labelled image set; images directly in the folder get no
    /// label. Default <see langword="true"/>: a distillation run takes these labels as the ground truth when every image
    /// has one (set <see langword="false"/> when sub-folders are not classes).
    /// </summary>
    public bool LabelFromFolder { get; init; } = true;

    /// <summary>Whether to list hidden files and folders (names starting with '.', or the hidden attribute). Default <see langword="false"/>.</summary>
    public bool IncludeHidden { get; init; }

    /// <summary>Checks every rule.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentException"><see cref="Extensions"/> is empty, or an extension is not '.' followed by at least one character.</exception>
    public FolderSourceOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Extensions, nameof(Extensions));
        if (Extensions.Count == 0)
        {
            throw new ArgumentException("At least one extension is required.", nameof(Extensions));
        }
        foreach (var extension in Extensions)
        {
            if (extension is null || extension.Length < 2 || extension[0] != '.')
            {
                throw new ArgumentException($"The extension '{extension}' must be a dot followed by at least one character, like '.png'.", nameof(Extensions));
            }
        }
        return this;
    }
}
