using System.Text;

namespace InFiConD.Core;

/// <summary>
/// The decoded header dict of a <c>.npy</c> file with what is needed to report errors in it: the source name
/// and the byte offset of the header, so a character index becomes a byte offset in the file.
/// </summary>
internal sealed class NpyHeaderText(string text, string sourceName, long offset, bool isUtf8)
{
    private const int MaxQuoteLength = 60;

    public string Text { get; } = text;

    public string SourceName { get; } = sourceName;

    /// <summary>Byte offset of the header's first character in the file.</summary>
    public long Offset { get; } = offset;

    /// <summary>Byte offset in the file of the character at <paramref name="index"/>.</summary>
    public long PositionOf(int index)
    {
        index = Math.Clamp(index, 0, Text.Length);
        return Offset + (isUtf8 ? Encoding.UTF8.GetByteCount(Text.AsSpan(0, index)) : index);
    }

    /// <summary>An error in <paramref name="field"/> located at character <paramref name="index"/> of the header.</summary>
    public InvalidFileException Error(string field, int index, string problem) =>
        new(SourceName, field, PositionOf(index), problem);

    /// <summary>The source text of a literal, shortened for messages.</summary>
    public string Quote(NpyLiteral literal)
    {
        var source = Text.Substring(literal.Start, literal.Length);
        return source.Length <= MaxQuoteLength ? source : string.Concat(source.AsSpan(0, MaxQuoteLength), "…");
    }
}
