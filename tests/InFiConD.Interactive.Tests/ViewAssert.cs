using System.Text.RegularExpressions;

namespace InFiConD.Interactive.Tests;

/// <summary>Checks every view must pass: well-formed, no script, nothing loaded from elsewhere (inline PNG data only).</summary>
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

    // Pictures travel inline as PNG data URIs; any other src, any href, url() or handler would reach out or run.
    [GeneratedRegex(@"\bhref\s*=|\bsrc\s*=\s*""(?!data:image/png;base64,)|url\(|@import|\bon[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
