namespace InFiConD.Embedding;

/// <summary>Lists a folder's image files in a stable order.</summary>
internal static class FolderScanner
{
    public static ImageItem[] Scan(string path, FolderSourceOptions options)
    {
        var root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The image folder '{root}' does not exist.");
        }
        var extensions = new HashSet<string>(options.Extensions, StringComparer.OrdinalIgnoreCase);
        var enumeration = new EnumerationOptions
        {
            RecurseSubdirectories = options.Recursive,
            AttributesToSkip = options.IncludeHidden ? FileAttributes.System : FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
            ReturnSpecialDirectories = false,
        };
        var relative = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", enumeration))
        {
            if (!extensions.Contains(Path.GetExtension(file)))
            {
                continue;
            }
            var id = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            // Hidden folders are skipped on every platform, not only where a hidden attribute exists.
            if (!options.IncludeHidden && id.Split('/').Any(part => part.StartsWith('.')))
            {
                continue;
            }
            relative.Add(id);
        }
        // Ordinal order of the '/'-separated relative path: the same on every OS, culture and file system.
        relative.Sort(StringComparer.Ordinal);
        return relative.Select(id => new ImageItem(id, Path.Combine(root, id), options.LabelFromFolder ? FirstFolder(id) : null)).ToArray();
    }

    private static string? FirstFolder(string id)
    {
        var slash = id.IndexOf('/');
        return slash < 0 ? null : id[..slash];
    }
}
