using System.Globalization;
using System.IO.Enumeration;

namespace InFiConD.Core;

/// <summary>
/// The names <see cref="AtomicFile"/> gives its temp files, <c>.&lt;target name&gt;.&lt;pid&gt;.&lt;32 hex digits&gt;.tmp</c>,
/// and finding them in a directory. Only names of exactly this form are ever considered, so a user's own
/// <c>.something.tmp</c> is never touched.
/// </summary>
internal static class AtomicTempName
{
    private const string Suffix = ".tmp";
    private const int GuidDigits = 32;

    /// <summary>The temps in <paramref name="directory"/> of <paramref name="targetName"/> (of any target when null), with the pid in each name.</summary>
    /// <exception cref="IOException">The directory cannot be listed.</exception>
    internal static IEnumerable<(string Path, int Pid)> Find(string directory, string? targetName)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        // Hidden files included: on Unix every name starting with '.' counts as hidden.
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false };
        return new FileSystemEnumerable<(string, int)>(directory, (ref entry) => (entry.ToFullPath(), Pid(entry.FileName)), options)
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && TryParse(entry.FileName, out var target, out _)
                && (targetName is null || target.SequenceEqual(targetName)),
        }.ToArray();
    }

    /// <summary>Splits a temp's file name into its target's name and the writer's pid.</summary>
    internal static bool TryParse(ReadOnlySpan<char> fileName, out ReadOnlySpan<char> targetName, out int pid)
    {
        targetName = default;
        pid = 0;
        if (fileName.Length < 1 + 1 + 1 + 1 + 1 + GuidDigits + Suffix.Length || fileName[0] != '.' || !fileName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }
        var body = fileName[1..^Suffix.Length];
        var guid = body[^GuidDigits..];
        foreach (var c in guid)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }
        body = body[..^GuidDigits];
        if (body[^1] != '.')
        {
            return false;
        }
        body = body[..^1];
        var dot = body.LastIndexOf('.');
        if (dot <= 0 || !int.TryParse(body[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out pid))
        {
            return false;
        }
        targetName = body[..dot];
        return true;
    }

    private static int Pid(ReadOnlySpan<char> fileName) => TryParse(fileName, out _, out var pid) ? pid : 0;
}
