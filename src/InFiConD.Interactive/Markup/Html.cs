using System.Globalization;
using System.Text;

namespace InFiConD.Interactive;

/// <summary>Escaping and invariant number formatting shared by every view, so output does not depend on the notebook's culture.</summary>
internal static class Html
{
    /// <summary>
    /// The style every view carries (each notebook output is rendered on its own), scoped to <c>.infcd</c> so it
    /// cannot restyle the rest of the notebook.
    /// </summary>
    public const string Style =
        "<style>.infcd{font-family:system-ui,sans-serif;font-size:13px;line-height:1.35}"
        + ".infcd table{border-collapse:collapse;margin:4px 0 10px 0}"
        + ".infcd th,.infcd td{border:1px solid #d8dde3;padding:2px 6px;vertical-align:top}"
        + ".infcd th{background:#f3f5f7;text-align:left}"
        + ".infcd td.num{text-align:right;font-variant-numeric:tabular-nums}"
        + ".infcd h3{margin:6px 0 4px 0;font-size:15px}.infcd h4{margin:8px 0 2px 0;font-size:13px}"
        + ".infcd .muted{color:#667}.infcd .bad{color:#b3261e}.infcd .good{color:#1b6e3a}"
        + ".infcd details{margin:2px 0}.infcd summary{cursor:pointer}"
        + ".infcd .headline{font-size:14px;margin:4px 0 8px 0}.infcd tr.proposed td{background:#eaf6ee;font-weight:600}"
        + ".infcd pre{background:#f3f5f7;padding:6px 8px;margin:4px 0 10px 0;white-space:pre-wrap}</style>";

    /// <summary>Escapes text for an HTML element or a double-quoted attribute: <c>&amp; &lt; &gt; " '</c>; every other character is kept.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>A fraction as a percentage with one decimal (0.875 → <c>87.5%</c>); NaN prints as <c>–</c>.</summary>
    public static string Percent(double fraction) => double.IsNaN(fraction) ? "–" : fraction.ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>A number with <paramref name="decimals"/> fixed decimals, invariant culture; what rounds to zero prints as 0, never −0.</summary>
    public static string Number(double value, int decimals = 3) =>
        double.IsNaN(value) ? "–" : (Math.Round(value, decimals) + 0.0).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A number with an explicit sign and three decimals (+0.250, −0.125 written with an ASCII minus).</summary>
    public static string Signed(double value) => double.IsNaN(value) ? "–" : value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    /// <summary>A change of a fraction in percentage points with an explicit sign (0.15 → <c>+15.0 pts</c>, −0.02 → <c>−2.0 pts</c>).</summary>
    public static string Points(double change) => double.IsNaN(change) ? "–" : (100 * change).ToString("+0.0;−0.0;±0.0", CultureInfo.InvariantCulture) + " pts";

    /// <summary>A change of a fraction written as <c>before → after (+x pts)</c>.</summary>
    public static string Change(double before, double after) => Percent(before) + " → " + Percent(after) + " (" + Points(after - before) + ")";

    /// <summary>
    /// Up to <see cref="HtmlViewOptions.MaxThumbnails"/> inline thumbnails (PNG data URIs, each titled with its id) of the
    /// given images, in a row; empty when the options have no <see cref="HtmlViewOptions.Thumbnails"/> or none could be made.
    /// </summary>
    public static string Thumbnails(HtmlViewOptions options, IEnumerable<string> imageIds, string? split, string? concept = null)
    {
        if (options.Thumbnails is not { } source || split is null || options.MaxThumbnails == 0)
        {
            return "";
        }
        var sb = new StringBuilder();
        foreach (var id in imageIds.Take(options.MaxThumbnails))
        {
            if (source(id, split, concept) is { } png)
            {
                sb.Append("<figure class=\"thumb\" style=\"display:inline-block;margin:2px 6px 2px 0\"><img src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(png)).Append("\" alt=\"").Append(Escape(id)).Append("\" title=\"").Append(Escape(id))
                    .Append("\"/><figcaption style=\"font-size:10px\">").Append(Escape(id)).Append("</figcaption></figure>");
            }
        }
        return sb.Length == 0 ? "" : "<div class=\"thumbs\">" + sb + "</div>";
    }

    /// <summary>A count of images with the noun in the right number: "1 image", "2 images".</summary>
    public static string Images(int count) => count == 1 ? "1 image" : Count(count) + " images";

    /// <summary>An integer, invariant culture.</summary>
    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A p-value in three significant digits (<c>0.00123</c>, <c>4.56E-07</c>).</summary>
    public static string PValue(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>Formats an interpolated string in the invariant culture.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Opens a view: the scoped style, the wrapper and a heading (escaped).</summary>
    public static StringBuilder Open(string cssName, string heading)
    {
        var sb = new StringBuilder();
        sb.Append(Style).Append("<div class=\"infcd ").Append(cssName).Append("\">");
        sb.Append("<h3>").Append(Escape(heading)).Append("</h3>");
        return sb;
    }

    /// <summary>Closes a view opened by <see cref="Open"/>.</summary>
    public static string Close(StringBuilder sb) => sb.Append("</div>").ToString();

    /// <summary>A paragraph of already-escaped HTML in the muted colour.</summary>
    public static string Note(string html) => "<p class=\"muted\">" + html + "</p>";
}
