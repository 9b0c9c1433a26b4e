using System.Text;
using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>
/// The normalisation rules for concept names, in one place so that corpora, banks and scores agree on
/// what "the same concept" means.
/// </summary>
internal static class ConceptText
{
    /// <summary>Display form: NFC, trimmed, every whitespace run collapsed to one space; casing kept.</summary>
    /// <exception cref="ArgumentException">The text holds a lone surrogate (not valid Unicode).</exception>
    public static string Display(string text, string paramName)
    {
        ArgumentNullException.ThrowIfNull(text, paramName);
        return Whitespace.Collapse(ToNfc(text, paramName));
    }

    /// <summary>Matching key: the display form, lower-cased with the invariant culture (then NFC again).</summary>
    /// <exception cref="ArgumentException">The text holds a lone surrogate (not valid Unicode).</exception>
    public static string Key(string text, string paramName) => KeyOfDisplay(Display(text, paramName));

    /// <summary>Matching key of text already in display form.</summary>
    public static string KeyOfDisplay(string display)
    {
        var lower = display.ToLowerInvariant();
        // Lower-casing maps characters one to one, but re-checking NFC is cheap and keeps keys canonical.
        return ReferenceEquals(lower, display) ? lower : ToNfc(lower, nameof(display));
    }

    /// <summary>Display form of optional text; <see langword="null"/> when it is null or only whitespace.</summary>
    public static string? OptionalDisplay(string? text, string paramName)
    {
        if (text is null)
        {
            return null;
        }
        var display = Display(text, paramName);
        return display.Length == 0 ? null : display;
    }

    /// <summary>
    /// Splits a key into words: maximal runs of letters, digits and combining marks. Hyphens, spaces and
    /// other punctuation separate words, so "building-other" is the words "building", "other".
    /// </summary>
    public static string[] Words(string key)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= key.Length; i++)
        {
            var inWord = i < key.Length && IsWordChar(key[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(key[start..i]);
                start = -1;
            }
        }
        return [.. words];
    }

    /// <summary>Whether the text holds at least one letter or digit.</summary>
    public static bool HasWordChar(string text)
    {
        foreach (var c in text)
        {
            if (IsWordChar(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || char.IsSurrogate(c)
        || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private static string ToNfc(string text, string paramName)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"'{Shorten(text)}' is not valid Unicode (it holds a lone surrogate).", paramName, ex);
        }
    }

    /// <summary>Shortens text for error messages so a megabyte-long name does not flood the message.</summary>
    public static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");
}
