using System.Buffers.Binary;
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
    public static readonly string Style =
        "<style>.infcd{font-family:system-ui,sans-serif;font-size:13px;line-height:1.35}"
        + ".infcd table{border-collapse:collapse;margin:4px 0 10px 0}"
        + ".infcd th,.infcd td{border:1px solid #d8dde3;padding:2px 6px;vertical-align:top}"
        + ".infcd th{background:#f3f5f7;text-align:left}"
        + ".infcd td.num{text-align:right;font-variant-numeric:tabular-nums}"
        + ".infcd h3{margin:6px 0 4px 0;font-size:15px}.infcd h4{margin:8px 0 2px 0;font-size:13px}"
        + ".infcd .muted{color:#667}.infcd .bad{color:#b3261e}.infcd .good{color:#1b6e3a}"
        + ".infcd details{margin:2px 0}.infcd summary{cursor:pointer}"
        + ".infcd .headline{font-size:14px;margin:4px 0 8px 0}"
        + ".infcd tr.proposed td,.infcd tr.suggested td{background:#eaf6ee;font-weight:600}"
        + ".infcd tr.fixed td{background:#eaf6ee}.infcd tr.broken td{background:#fbeaea}.infcd tr.flagged td{background:#fdf3e1}"
        + ".infcd tr.sentence td{border-top:none;color:#445;font-size:12px;padding-bottom:6px}"
        + ".infcd figure.thumb{display:inline-block;width:" + ThumbnailSide + "px;margin:2px 8px 2px 0;vertical-align:top}"
        + ".infcd figure.thumb figcaption{font-size:10px;overflow-wrap:anywhere}"
        + ".infcd pre{background:#f3f5f7;padding:6px 8px;margin:4px 0 10px 0;white-space:pre-wrap}</style>";

    /// <summary>The side of the box a thumbnail is shown in, in CSS pixels (the size <c>session.Thumbnail</c> makes by default).</summary>
    public const int ThumbnailSide = 96;

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
    /// Each is sized to fit a <see cref="ThumbnailSide"/>-pixel box, so a picture smaller than that (a 28-pixel scan) is
    /// enlarged, in visible pixels, rather than shown as a speck.
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
                sb.Append("<figure class=\"thumb\"><img src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append('"')
                    .Append(FittedSize(png)).Append(" alt=\"").Append(Escape(id)).Append("\" title=\"").Append(Escape(id))
                    .Append("\"/><figcaption>").Append(Escape(id)).Append("</figcaption></figure>");
            }
        }
        return sb.Length == 0 ? "" : "<div class=\"thumbs\">" + sb + "</div>";
    }

    /// <summary>
    /// The <c>width</c> and <c>height</c> attributes that fit a PNG (size read from its IHDR header) into the thumbnail box,
    /// keeping its aspect, enlarged without smoothing when it is smaller; empty when the bytes are not a PNG header.
    /// </summary>
    internal static string FittedSize(ReadOnlySpan<byte> png)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png[..8].SequenceEqual(signature))
        {
            return "";
        }
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(png[16..]), BinaryPrimitives.ReadInt32BigEndian(png[20..]));
        if (width <= 0 || height <= 0)
        {
            return "";
        }
        var scale = (double)ThumbnailSide / Math.Max(width, height);
        var (w, h) = (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
        return Invariant($" width=\"{w}\" height=\"{h}\"") + (scale > 1 ? " style=\"image-rendering:pixelated\"" : "");
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
