using System.Text;

namespace InFiConD.Core;

/// <summary>White-space clean-up shared by concept names and text prompts.</summary>
public static class Whitespace
{
    /// <summary>
    /// Replaces each run of white space (Unicode White_Space, <see cref="char.IsWhiteSpace(char)"/>) with one
    /// space and strips both ends — Python's <c>re.sub(r'\s+', ' ', text).strip()</c>. One linear pass, and
    /// the same instance back when nothing changes.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The collapsed text.</returns>
    public static string Collapse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsCollapse(text))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool NeedsCollapse(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return true;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || char.IsWhiteSpace(text[i + 1])))
            {
                return true;
            }
        }
        return false;
    }
}
