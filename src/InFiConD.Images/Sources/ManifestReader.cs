using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>Reads a manifest into items: parse rows, resolve and confine paths, check ids.</summary>
internal static class ManifestReader
{
    public static ImageItem[] Read(string path, ManifestOptions options)
    {
        var manifest = Path.GetFullPath(path);
        if (!File.Exists(manifest))
        {
            throw new FileNotFoundException($"The manifest '{manifest}' does not exist.", manifest);
        }
        var format = options.Format ?? FormatFromExtension(manifest);
        var text = File.ReadAllText(manifest);
        var entries = format == ManifestFormat.Csv ? ManifestCsv.Parse(text, manifest) : ManifestJsonLines.Parse(text, manifest);
        var confinement = new PathConfinement(options.Root ?? Path.GetDirectoryName(manifest)!, options.CheckSymbolicLinks);
        var items = new ImageItem[entries.Count];
        var lines = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Path.Length == 0)
            {
                throw new InvalidFileException(manifest, "path", entry.Line, "the path is empty.");
            }
            if (entry.Path.Contains('\0'))
            {
                throw new InvalidFileException(manifest, "path", entry.Line, "the path contains a NUL character.");
            }
            var resolved = confinement.Resolve(entry.Path, out var problem);
            if (resolved is null)
            {
                throw new InvalidFileException(manifest, "path", entry.Line, problem!);
            }
            var id = entry.Id ?? confinement.RelativeId(resolved);
            if (!lines.TryAdd(id, entry.Line))
            {
                throw new InvalidFileException(manifest, entry.Id is null ? "path" : "id", entry.Line,
                    $"the id '{id}' is already used on line {lines[id]}; ids must be unique.");
            }
            items[i] = new ImageItem(id, resolved, entry.Label) { Metadata = entry.Metadata, ListedAt = new ManifestLocation(manifest, entry.Line) };
        }
        return items;
    }

    private static ManifestFormat FormatFromExtension(string manifest) => Path.GetExtension(manifest).ToLowerInvariant() switch
    {
        ".csv" => ManifestFormat.Csv,
        ".jsonl" or ".ndjson" => ManifestFormat.JsonLines,
        var other => throw new InvalidFileException(manifest, null, null,
            $"the extension '{other}' is not a manifest format; use .csv or .jsonl (or set ManifestOptions.Format)."),
    };
}
