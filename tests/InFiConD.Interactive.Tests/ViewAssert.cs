using System.Text.RegularExpressions;

namespace InFiConD.Interactive.Tests;

/// <summary>Checks every view must pass: well-formed, no script, nothing loaded from elsewhere.</summary>
internal static partial class ViewAssert
{
    public static void SelfContained(string html)
    {
        _ = HtmlFragment.Parse(html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalReference(), html);
        // The only URL is the SVG namespace name, which is an identifier and never fetched.
        Assert.Equal(Regex.Matches(html, "<svg ").Count, Regex.Matches(html, "https?://").Count);
    }

    [GeneratedRegex(@"\b(src|href)\s*=|url\(|@import|\bon[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
