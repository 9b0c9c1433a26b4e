using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Reads a CSV manifest: a header row naming <c>path</c> (required), <c>label</c> and <c>id</c> (optional,
/// case-insensitive), then one row per image. Every other named column is per-image metadata (an empty value counts
/// as absent). RFC 4180 quoting: a quoted field may hold commas, doubled quotes and line breaks. Blank lines are
/// skipped; an empty label or id counts as absent.
/// </summary>
internal static class ManifestCsv
{
    private static readonly HashSet<string> KnownColumns = new(["path", "label", "id"], StringComparer.OrdinalIgnoreCase);

    public static List<ManifestEntry> Parse(string text, string manifest)
    {
        var rows = Records(text, manifest).ToList();
        if (rows.Count == 0)
        {
            throw new InvalidFileException(manifest, null, null, "the manifest is empty; the first row must be a header naming the 'path' column.");
        }
        var header = rows[0];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var extra = new List<(string Name, int Column)>();
        for (var c = 0; c < header.Fields.Count; c++)
        {
            var name = header.Fields[c].Trim();
            if (KnownColumns.Contains(name))
            {
                if (!columns.TryAdd(name, c))
                {
                    throw new InvalidFileException(manifest, name.ToLowerInvariant(), header.Line, "the column appears twice in the header.");
                }
            }
            else if (name.Length > 0)
            {
                if (extra.Any(e => string.Equals(e.Name, name, StringComparison.Ordinal)))
                {
                    throw new InvalidFileException(manifest, name, header.Line, "the metadata column appears twice in the header.");
                }
                extra.Add((name, c));
            }
        }
        var pathColumn = columns.GetValueOrDefault("path", -1);
        var labelColumn = columns.GetValueOrDefault("label", -1);
        var idColumn = columns.GetValueOrDefault("id", -1);
        if (pathColumn < 0)
        {
            throw new InvalidFileException(manifest, "path", header.Line, "the header has no 'path' column (optional columns: 'label', 'id').");
        }
        var entries = new List<ManifestEntry>(rows.Count - 1);
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.Count != header.Fields.Count)
            {
                var field = row.Fields.Count < header.Fields.Count ? header.Fields[row.Fields.Count].Trim() : null;
                throw new InvalidFileException(manifest, field, row.Line, field is null
                    ? $"the row has {row.Fields.Count} fields; the header has {header.Fields.Count}."
                    : $"the row has {row.Fields.Count} fields; the header has {header.Fields.Count}, so '{field}' and later columns have no value.");
            }
            Dictionary<string, string>? metadata = null;
            foreach (var (name, column) in extra)
            {
                if (row.Fields[column].Length > 0)
                {
                    (metadata ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = row.Fields[column];
                }
            }
            entries.Add(new ManifestEntry(row.Line, row.Fields[pathColumn], Optional(row.Fields, labelColumn), Optional(row.Fields, idColumn), metadata));
        }
        return entries;
    }

    private static string? Optional(List<string> fields, int column) =>
        column < 0 || fields[column].Length == 0 ? null : fields[column];

    private static IEnumerable<(List<string> Fields, int Line)> Records(string text, string manifest)
    {
        // The BOM is already gone when the text comes from File.ReadAllText; strip it for other callers.
        var reader = new CsvRecordReader(text.TrimStart('\uFEFF'), manifest);
        while (reader.TryRead(out var fields, out var line, out var blank))
        {
            if (!blank)
            {
                yield return (fields, line);
            }
        }
    }
}
