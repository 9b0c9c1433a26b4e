using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>
/// Reads the CSV format: a header row with a <c>name</c> column and optional <c>group</c>,
/// <c>synonyms</c> (separated by <c>;</c> or <c>|</c>) and <c>prompt</c> columns, matched
/// case-insensitively; other columns are ignored, blank lines skipped, missing trailing fields read as empty.
/// A header with no concept row under it is an error.
/// </summary>
internal static class CsvConceptReader
{
    private static readonly char[] SynonymSeparators = [';', '|'];

    public static List<ConceptEntry> Read(string text, string source)
    {
        var reader = new CsvRecordReader(text, source);
        List<string> header;
        int headerLine;
        bool blank;
        do
        {
            if (!reader.TryRead(out header, out headerLine, out blank))
            {
                throw new InvalidFileException(source, "name", null, "the file is empty; expected a header row with a 'name' column.");
            }
        }
        while (blank);

        var columns = MapColumns(header, headerLine, source);
        var entries = new List<ConceptEntry>();
        while (reader.TryRead(out var fields, out var line, out blank))
        {
            if (blank)
            {
                continue;
            }
            var name = Field(fields, columns.Name);
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InvalidFileException(source, "name", line, "the concept name is empty; every row needs a name.");
            }
            var synonyms = Field(fields, columns.Synonyms)?
                .Split(SynonymSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var concept = new Concept(name, Field(fields, columns.Group), synonyms, Field(fields, columns.Prompt));
            entries.Add(new ConceptEntry(concept, source, line));
        }
        if (entries.Count == 0)
        {
            throw new InvalidFileException(source, "name", null, $"the corpus holds no concept: the header (line {headerLine}) has no row under it; expected at least one row with a name.");
        }
        return entries;
    }

    private static string? Field(List<string> fields, int column) =>
        column >= 0 && column < fields.Count ? fields[column] : null;

    private static (int Name, int Group, int Synonyms, int Prompt) MapColumns(List<string> header, int line, string source)
    {
        int name = -1, group = -1, synonyms = -1, prompt = -1;
        for (var i = 0; i < header.Count; i++)
        {
            var column = header[i].Trim().ToLowerInvariant();
            ref var slot = ref name;
            switch (column)
            {
                case "name": slot = ref name; break;
                case "group": slot = ref group; break;
                case "synonyms": slot = ref synonyms; break;
                case "prompt": slot = ref prompt; break;
                default: continue; // unknown columns are the user's own annotations
            }
            if (slot >= 0)
            {
                throw new InvalidFileException(source, column, line, $"the header names column '{column}' twice (columns {slot + 1} and {i + 1}).");
            }
            slot = i;
        }
        if (name < 0)
        {
            throw new InvalidFileException(source, "name", line,
                $"the header has no 'name' column; found: {string.Join(", ", header.Select(h => $"'{ConceptText.Shorten(h)}'"))}.");
        }
        return (name, group, synonyms, prompt);
    }
}
