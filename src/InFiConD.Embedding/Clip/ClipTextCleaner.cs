using System.Globalization;
using System.Net;
using System.Text;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// The text clean-up CLIP's reference tokenizer applies before splitting
/// (<c>whitespace_clean(basic_clean(text)).lower()</c> in openai/CLIP <c>simple_tokenizer.py</c>).
/// </summary>
/// <remarks>
/// The reference runs <c>ftfy.fix_text</c>, unescapes HTML twice, collapses whitespace, strips and
/// lower-cases with Python's <c>str.lower</c>. ftfy has no .NET port, so this reproduces the parts of it
/// that change ordinary text — HTML entities, curly quotes, Latin ligatures, full-width forms, control
/// characters, lone surrogates and NFC — and leaves out its mojibake repair (<c>fix_encoding</c>,
/// C1-control decoding as Windows-1252). HTML entities are decoded by <see cref="WebUtility.HtmlDecode(string)"/>,
/// which needs the trailing semicolon and knows the HTML 4 names; Python's <c>html.unescape</c> also
/// accepts a few entities without it and the HTML 5 names. Lower-casing follows Python, not .NET:
/// <c>İ</c> becomes <c>i̇</c> and a word-final capital sigma becomes <c>ς</c>.
/// </remarks>
internal static class ClipTextCleaner
{
    private static readonly Dictionary<char, string> Ligatures = new()
    {
        // ftfy's fix_latin_ligatures table.
        ['Ĳ'] = "IJ", ['ĳ'] = "ij", ['ŉ'] = "ʼn", ['Ǳ'] = "DZ", ['ǲ'] = "Dz", ['ǳ'] = "dz",
        ['Ǆ'] = "DŽ", ['ǅ'] = "Dž", ['ǆ'] = "dž", ['Ǉ'] = "LJ", ['ǈ'] = "Lj", ['ǉ'] = "lj",
        ['Ǌ'] = "NJ", ['ǋ'] = "Nj", ['ǌ'] = "nj", ['ﬀ'] = "ff", ['ﬁ'] = "fi", ['ﬂ'] = "fl",
        ['ﬃ'] = "ffi", ['ﬄ'] = "ffl", ['ﬅ'] = "ſt", ['ﬆ'] = "st",
    };

    /// <summary>Cleans a text the way CLIP's tokenizer does before splitting it (see the type's remarks).</summary>
    public static string Clean(string text)
    {
        // Twice, as the reference: "&amp;lt;" is meant to end as "<".
        text = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text));
        var fixedText = FixCharacters(text).Normalize(NormalizationForm.FormC);
        return PythonLower(Whitespace.Collapse(fixedText));
    }

    /// <summary>ftfy's per-character fixes: ligatures, widths, quotes, control characters, lone surrogates.</summary>
    private static string FixCharacters(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD'); // ftfy's fix_surrogates; UTF-8 cannot carry a lone half
            }
            else if (IsRemovedControl(c))
            {
                continue;
            }
            else if (Ligatures.TryGetValue(c, out var replacement))
            {
                builder.Append(replacement);
            }
            else if (c is '\u02BC' or (>= '\u2018' and <= '\u201B'))
            {
                builder.Append('\'');
            }
            else if (c is >= '\u201C' and <= '\u201F')
            {
                builder.Append('"');
            }
            else if (c == '\u3000')
            {
                builder.Append(' '); // ftfy maps the ideographic space to a space with the width fixes
            }
            else if (c is >= '\uFF01' and <= '\uFFEF')
            {
                // ftfy's fix_character_width: NFKC of full-width and half-width forms.
                builder.Append(c.ToString().Normalize(NormalizationForm.FormKC));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>ftfy's remove_control_chars set: C0 controls other than \t \n \f \r, DEL, deprecated format characters, BOM, interlinear annotations.</summary>
    private static bool IsRemovedControl(char c) =>
        c is <= '\u0008' or '\u000B' or (>= '\u000E' and <= '\u001F') or '\u007F'
            or (>= '\u206A' and <= '\u206F') or '\uFEFF' or (>= '\uFFF9' and <= '\uFFFC');

    /// <summary>
    /// Python's <c>str.lower</c>: the simple lower-case mapping, plus its two differences from .NET's
    /// invariant one — U+0130 becomes "i\u0307", and a capital sigma at the end of a word becomes ς.
    /// </summary>
    private static string PythonLower(string text)
    {
        var builder = new StringBuilder(text.Length);
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == 0x0130)
            {
                builder.Append("i\u0307");
            }
            else if (rune.Value == 0x03A3)
            {
                builder.Append(IsFinalSigma(text, index) ? 'ς' : 'σ');
            }
            else
            {
                builder.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            index += rune.Utf16SequenceLength;
        }
        return builder.ToString();
    }

    /// <summary>Unicode's Final_Sigma context, as CPython tests it: a cased letter before (case-ignorable ones skipped) and none after.</summary>
    private static bool IsFinalSigma(string text, int index)
    {
        var before = index;
        Rune previous = default;
        var found = false;
        while (before > 0 && Rune.DecodeLastFromUtf16(text.AsSpan(0, before), out previous, out var length) == System.Buffers.OperationStatus.Done)
        {
            before -= length;
            if (!IsCaseIgnorable(previous))
            {
                found = true;
                break;
            }
        }
        if (!found || !IsCased(previous))
        {
            return false;
        }
        var after = index + 1;
        while (after < text.Length && Rune.DecodeFromUtf16(text.AsSpan(after), out var next, out var length) == System.Buffers.OperationStatus.Done)
        {
            after += length;
            if (!IsCaseIgnorable(next))
            {
                return !IsCased(next);
            }
        }
        return true;
    }

    private static bool IsCased(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        || Rune.ToLowerInvariant(rune) != rune || Rune.ToUpperInvariant(rune) != rune;

    private static bool IsCaseIgnorable(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        // Word_Break MidLetter, MidNumLet and Single_Quote.
        || rune.Value is '\'' or '.' or ':' or 0x00B7 or 0x0387 or 0x055F or 0x05F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027
            or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}
