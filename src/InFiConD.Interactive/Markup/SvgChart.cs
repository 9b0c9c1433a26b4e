using System.Text;

namespace InFiConD.Interactive;

/// <summary>
/// Small inline SVG charts: sized in pixels, labelled with escaped text, each bar carrying a <c>&lt;title&gt;</c> with
/// its exact value. No script and no external reference, so a notebook saved with its outputs shows them anywhere.
/// </summary>
internal static class SvgChart
{
    public const string Positive = "#2b6cb0";
    public const string Negative = "#c05621";
    public const string Neutral = "#a0aec0";
    private const string Font = "font-family=\"system-ui,sans-serif\" font-size=\"12\"";

    /// <summary>
    /// Signed horizontal bars around a zero line (weights, contributions), scaled to the largest magnitude — or to
    /// <paramref name="scale"/>, so several charts (one per class) share one scale and can be compared.
    /// </summary>
    public static string SignedBars(string title, IReadOnlyList<(string Label, double Value)> bars, double? scale = null)
    {
        const int labelWidth = 140, half = 120, row = 18, top = 22;
        var max = Math.Max(1e-12, scale ?? (bars.Count == 0 ? 1 : bars.Max(b => double.IsFinite(b.Value) ? Math.Abs(b.Value) : 0)));
        var height = top + (bars.Count * row) + 6;
        var width = labelWidth + (2 * half) + 60;
        var svg = Open(width, height, title);
        svg.Append(Text(2, 14, title, bold: true));
        var zero = labelWidth + half;
        svg.Append(Html.Invariant($"<line x1=\"{zero}\" y1=\"{top - 4}\" x2=\"{zero}\" y2=\"{height - 2}\" stroke=\"#999\"/>"));
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = top + (i * row);
            var length = double.IsFinite(value) ? Math.Abs(value) / max * half : 0;
            var x = value >= 0 ? zero : zero - length;
            svg.Append(Text(labelWidth - 4, y + 12, Shorten(label), anchor: "end"));
            svg.Append(Html.Invariant($"<rect x=\"{x:F1}\" y=\"{y + 2}\" width=\"{length:F1}\" height=\"{row - 5}\" fill=\"{(value >= 0 ? Positive : Negative)}\"><title>"))
                .Append(Html.Escape(label)).Append(": ").Append(Html.Signed(value)).Append("</title></rect>");
            svg.Append(Text(value >= 0 ? zero + length + 4 : zero + 4, y + 12, Html.Signed(value)));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Bars in [0, 1] per row, one or two per group (a rate and the rate to compare it with, or before and after).
    /// Values outside [0, 1] are drawn clamped and labelled with their true value.
    /// </summary>
    public static string FractionBars(string title, string first, string? second, IReadOnlyList<(string Label, double First, double? Second)> groups)
    {
        const int labelWidth = 140, barWidth = 220, bar = 12;
        var pair = second is not null;
        var row = pair ? 2 * bar + 8 : bar + 6;
        var top = pair ? 38 : 22;
        var height = top + (groups.Count * row) + 4;
        var legendWidth = pair ? 14 + (first.Length * 7) + 30 + (second!.Length * 7) : 0;
        var svg = Open(labelWidth + Math.Max(barWidth + 60, legendWidth), height, title);
        svg.Append(Text(2, 14, title, bold: true));
        if (pair)
        {
            svg.Append(Html.Invariant($"<rect x=\"{labelWidth}\" y=\"20\" width=\"10\" height=\"10\" fill=\"{Neutral}\"/>"));
            svg.Append(Text(labelWidth + 14, 29, first));
            // The second legend entry starts after the first one's text (about 7 px per character at 12 px).
            var x2 = labelWidth + 14 + (first.Length * 7) + 16;
            svg.Append(Html.Invariant($"<rect x=\"{x2}\" y=\"20\" width=\"10\" height=\"10\" fill=\"{Positive}\"/>"));
            svg.Append(Text(x2 + 14, 29, second!));
        }
        for (var i = 0; i < groups.Count; i++)
        {
            var (label, a, b) = groups[i];
            var y = top + (i * row);
            svg.Append(Text(labelWidth - 6, y + bar, Shorten(label), anchor: "end"));
            Bar(svg, labelWidth, y + 1, barWidth, bar, a, pair ? Neutral : Positive, label, pair ? first : null);
            if (pair && b is { } bv)
            {
                Bar(svg, labelWidth, y + bar + 3, barWidth, bar, bv, Positive, label, second);
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Lines over a shared x axis of labelled steps (a λ path): each series a polyline of values in [0, 1] with a dot and
    /// a titled value per step; one step may be marked (a vertical dashed line) with a caption.
    /// </summary>
    public static string Lines(string title, IReadOnlyList<string> steps, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, int? marked, string? markCaption)
    {
        // The right margin holds half of the last step's label, which is centred on the last point.
        const int left = 48, plotWidth = 420, plotHeight = 160, top = 40, bottom = 44, right = 36;
        string[] colours = [Positive, Negative, "#2f855a", "#6b46c1", "#b7791f", Neutral];
        var width = left + plotWidth + right;
        var height = top + plotHeight + bottom;
        var svg = Open(width, height, title);
        svg.Append(Text(2, 14, title, bold: true));
        double X(int i) => left + (steps.Count <= 1 ? plotWidth / 2.0 : plotWidth * i / (steps.Count - 1.0));
        double Y(double v) => top + (plotHeight * (1 - Math.Clamp(double.IsFinite(v) ? v : 0, 0, 1)));
        foreach (var tick in new[] { 0.0, 0.5, 1.0 })
        {
            svg.Append(Html.Invariant($"<line x1=\"{left}\" y1=\"{Y(tick):F1}\" x2=\"{left + plotWidth}\" y2=\"{Y(tick):F1}\" stroke=\"#e2e2e2\"/>"));
            svg.Append(Text(left - 4, Y(tick) + 4, Html.Percent(tick), anchor: "end"));
        }
        for (var i = 0; i < steps.Count; i += Math.Max(1, steps.Count / 6))
        {
            svg.Append(Text(X(i), top + plotHeight + 14, steps[i], anchor: "middle"));
        }
        if (marked is { } m && m >= 0 && m < steps.Count)
        {
            svg.Append(Html.Invariant($"<line x1=\"{X(m):F1}\" y1=\"{top}\" x2=\"{X(m):F1}\" y2=\"{top + plotHeight}\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>"));
            if (markCaption is not null)
            {
                svg.Append(Text(X(m), top - 4, markCaption, anchor: "middle"));
            }
        }
        for (var s = 0; s < series.Count; s++)
        {
            var (name, values) = series[s];
            var colour = colours[s % colours.Length];
            var points = string.Join(' ', values.Select((v, i) => Html.Invariant($"{X(i):F1},{Y(v):F1}")));
            svg.Append(Html.Invariant($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>"));
            for (var i = 0; i < values.Count; i++)
            {
                svg.Append(Html.Invariant($"<circle cx=\"{X(i):F1}\" cy=\"{Y(values[i]):F1}\" r=\"3\" fill=\"{colour}\"><title>"))
                    .Append(Html.Escape(name)).Append(" at ").Append(Html.Escape(steps[i])).Append(": ").Append(Html.Percent(values[i])).Append("</title></circle>");
            }
            var legendX = left + (s * 140);
            svg.Append(Html.Invariant($"<rect x=\"{legendX}\" y=\"{height - 14}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>"));
            svg.Append(Text(legendX + 14, height - 5, Shorten(name)));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A background colour for a count cell: white at 0, deeper blue (diagonal) or red (off-diagonal) as it nears the maximum.</summary>
    public static string HeatColour(int value, int max, bool diagonal)
    {
        var shade = value <= 0 || max <= 0 ? 1.0 : 0.92 - (0.62 * value / max);
        return diagonal ? Rgb(shade, shade + 0.04, 1.0) : Rgb(1.0, shade + 0.04, shade);
    }

    private static void Bar(StringBuilder svg, int x, int y, int width, int height, double value, string fill, string label, string? series)
    {
        var length = double.IsFinite(value) ? Math.Clamp(value, 0, 1) * width : 0;
        svg.Append(Html.Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"{length:F1}\" height=\"{height}\" fill=\"{fill}\"><title>"))
            .Append(Html.Escape(label)).Append(series is null ? "" : ", " + Html.Escape(series)).Append(": ").Append(Html.Percent(value)).Append("</title></rect>");
        svg.Append(Text(x + length + 4, y + height - 2, Html.Percent(value)));
    }

    /// <summary>Long labels are cut for the chart (the full text stays in the bar's title and in the tables).</summary>
    private static string Shorten(string label) => label.Length <= 22 ? label : label[..21] + "…";

    private static StringBuilder Open(int width, int height, string title) =>
        new StringBuilder().Append(Html.Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" "))
            .Append("aria-label=\"").Append(Html.Escape(title)).Append("\" ").Append(Font).Append('>');

    private static string Text(double x, double y, string text, string anchor = "start", bool bold = false) =>
        Html.Invariant($"<text x=\"{x:F1}\" y=\"{y:F1}\" text-anchor=\"{anchor}\" fill=\"#222\"{(bold ? " font-weight=\"bold\"" : "")}>") + Html.Escape(text) + "</text>";

    private static string Rgb(double r, double g, double b) =>
        Html.Invariant($"rgb({(int)(Math.Clamp(r, 0, 1) * 255)},{(int)(Math.Clamp(g, 0, 1) * 255)},{(int)(Math.Clamp(b, 0, 1) * 255)})");
}
