namespace InFiConD.Embedding;

/// <summary>
/// Resolves manifest paths against a root folder and refuses any that leave it — by <c>..</c>, by an
/// absolute path elsewhere, or (when asked) through a symbolic link whose target lies elsewhere.
/// </summary>
internal sealed class PathConfinement
{
    // Windows and macOS file systems are case-insensitive by default; Linux ones are not.
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string _root;
    private readonly string _rootReal;
    private readonly bool _checkLinks;
    private readonly Dictionary<string, string> _realFolders = new(StringComparer.Ordinal);

    public PathConfinement(string root, bool checkLinks)
    {
        _root = WithSeparator(Path.GetFullPath(root));
        _checkLinks = checkLinks;
        _rootReal = checkLinks ? WithSeparator(RealFolder(_root.TrimEnd(Path.DirectorySeparatorChar))) : _root;
    }

    /// <summary>The full path, or <see langword="null"/> with <paramref name="problem"/> when it leaves the root.</summary>
    public string? Resolve(string written, out string? problem)
    {
        problem = null;
        var normalised = Path.DirectorySeparatorChar == '\\' ? written : written.Replace('\\', '/');
        var full = Path.GetFullPath(Path.IsPathRooted(normalised) ? normalised : Path.Combine(_root, normalised));
        if (!full.StartsWith(_root, PathComparison))
        {
            problem = $"'{written}' resolves to '{full}', outside the manifest root '{_root}'; a manifest may only name files under its root.";
            return null;
        }
        if (_checkLinks && File.Exists(full))
        {
            var real = RealFile(full);
            if (!real.StartsWith(_rootReal, PathComparison))
            {
                problem = $"'{written}' is reached through a symbolic link to '{real}', outside the manifest root '{_rootReal}'.";
                return null;
            }
        }
        return full;
    }

    /// <summary>The default id of a resolved file: its path relative to the root with '/' separators.</summary>
    public string RelativeId(string full) => Path.GetRelativePath(_root, full).Replace(Path.DirectorySeparatorChar, '/');

    private static string WithSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) ? path : path + Path.DirectorySeparatorChar;

    private string RealFile(string full)
    {
        var folder = Path.GetDirectoryName(full);
        var real = folder is null ? full : Path.Combine(RealFolder(folder), Path.GetFileName(full));
        return Follow(real, 0);
    }

    /// <summary>The folder's location with every symbolic link on the way followed; memoised per folder.</summary>
    private string RealFolder(string folder)
    {
        if (_realFolders.TryGetValue(folder, out var known))
        {
            return known;
        }
        var parent = Path.GetDirectoryName(folder);
        var real = parent is null ? folder : Follow(Path.Combine(RealFolder(parent), Path.GetFileName(folder)), 0);
        _realFolders[folder] = real;
        return real;
    }

    private string Follow(string path, int depth)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not { } target)
        {
            return path;
        }
        if (depth > 40)
        {
            throw new IOException($"Too many levels of symbolic links at '{path}'.");
        }
        var folder = Path.GetDirectoryName(path)!;
        var next = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(folder, target));
        var nextFolder = Path.GetDirectoryName(next);
        var realNext = nextFolder is null ? next : Path.Combine(RealFolder(nextFolder), Path.GetFileName(next));
        return Follow(realNext, depth + 1);
    }
}
