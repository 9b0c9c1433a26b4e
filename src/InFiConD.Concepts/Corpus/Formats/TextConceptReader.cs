using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>
/// Reads the plain-text format: one concept per line; a <c>#</c> at the start of a line, or preceded by
/// whitespace, starts a comment that runs to the end of the line (so "C#" stays a name); blank lines
/// are ignored; LF or CRLF line ends. A file with no concept line is an error: an empty corpus would make every
/// later stage run on nothing.
/// </summary>
internal static class TextConceptReader
{
    public static List<ConceptEntry> Read(string text, string source)
    {
        var entries = new List<ConceptEntry>();
        var line = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }
            line++;
            var content = StripComment(text.AsSpan(start, end - start));
            if (!content.IsWhiteSpace())
            {
                entries.Add(new ConceptEntry(new Concept(content.ToString()), source, line));
            }
            start = end + 1;
        }
        if (entries.Count == 0)
        {
            var lines = text.EndsWith('\n') ? line - 1 : line; // a final line break ends the last line, it starts none
            var what = text.Length == 0 ? "the file is empty" : $"its {lines} line{(lines == 1 ? " is" : "s are all")} blank or comments ('#' at the start of a line, or after a space, starts a comment)";
            throw new InvalidFileException(source, "concepts", null, $"the corpus holds no concept: {what}; expected at least one concept name, one per line.");
        }
        return entries;
    }

    private static ReadOnlySpan<char> StripComment(ReadOnlySpan<char> line)
    {
        var from = 0;
        while (true)
        {
            var hash = line[from..].IndexOf('#');
            if (hash < 0)
            {
                return line;
            }
            hash += from;
            if (hash == 0 || char.IsWhiteSpace(line[hash - 1]))
            {
                return line[..hash];
            }
            from = hash + 1;
        }
    }
}
