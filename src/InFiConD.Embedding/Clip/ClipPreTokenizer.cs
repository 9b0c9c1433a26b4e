using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace InFiConD.Embedding;

/// <summary>
/// CLIP's pre-tokeniser: the matches of
/// <c>&lt;\|startoftext\|&gt;|&lt;\|endoftext\|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c>
/// (case-insensitive), white space dropped.
/// </summary>
/// <remarks>
/// Written as a scanner over code points rather than a .NET <see cref="System.Text.RegularExpressions.Regex"/>:
/// .NET's regex engine sees UTF-16 code units, so a letter or digit outside the Basic Multilingual Plane
/// (mathematical alphanumerics such as 𝐁, CJK extension B) would fall into the symbol class and change the
/// splits; Python's <c>regex</c> module, which the reference uses, sees code points.
/// </remarks>
internal sealed class ClipPreTokenizer : PreTokenizer
{
    private static readonly string[] SpecialTokens = [ClipTokenizer.StartToken, ClipTokenizer.EndToken];

    // The reference's alternation order; none is a prefix of another, so order does not change a match.
    private static readonly string[] Contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    public static ClipPreTokenizer Instance { get; } = new();

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) =>
        text is null ? [] : Split(text.AsSpan());

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text);

    private static List<(int Offset, int Length)> Split(ReadOnlySpan<char> text)
    {
        var splits = new List<(int Offset, int Length)>();
        var i = 0;
        while (i < text.Length)
        {
            var kind = Classify(text, i, out var width);
            if (kind == CharKind.Space)
            {
                i += width;
                continue;
            }
            var length = MatchLiteral(text, i, SpecialTokens) ?? MatchLiteral(text, i, Contractions) ?? kind switch
            {
                CharKind.Letter => RunLength(text, i, k => k == CharKind.Letter),
                CharKind.Number => width, // one digit per token, as [\p{N}]
                _ => RunLength(text, i, k => k == CharKind.Other),
            };
            splits.Add((i, length));
            i += length;
        }
        return splits;
    }

    private static int? MatchLiteral(ReadOnlySpan<char> text, int start, string[] literals)
    {
        foreach (var literal in literals)
        {
            if (text[start..].StartsWith(literal, StringComparison.OrdinalIgnoreCase))
            {
                return literal.Length;
            }
        }
        return null;
    }

    private static int RunLength(ReadOnlySpan<char> text, int start, Func<CharKind, bool> belongs)
    {
        var i = start;
        while (i < text.Length && belongs(Classify(text, i, out var width)))
        {
            i += width;
        }
        return i - start;
    }

    private static CharKind Classify(ReadOnlySpan<char> text, int index, out int width)
    {
        if (Rune.DecodeFromUtf16(text[index..], out var rune, out width) != System.Buffers.OperationStatus.Done)
        {
            width = 1; // a lone surrogate: the cleaner replaces these, but stay total
            return CharKind.Other;
        }
        if (Rune.IsWhiteSpace(rune))
        {
            return CharKind.Space;
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharKind.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharKind.Number,
            _ => CharKind.Other,
        };
    }

    private enum CharKind
    {
        Space,
        Letter,
        Number,
        Other,
    }
}
