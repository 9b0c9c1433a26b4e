using System.Globalization;
using System.Net;
using System.Text;

namespace InFiConD.Quickstart;

/// <summary>Small inline SVG charts, so the HTML report is one self-contained file with no script and no network.</summary>
internal static class SvgCharts
{
    private const string Positive = "#2b6cb0";
    private const string Negative = "#c05621";
    private const string Font = "font-family=\"system-ui,sans-serif\" font-size=\"12\"";

    /// <summary>Signed horizontal bars around a zero line (concept weights).</summary>
    public static string SignedBars(string title, IReadOnlyList<(string Label, double Value)> bars, double? scale = null)
    {
        const int labelWidth = 120, half = 150, row = 18, top = 24;
        var max = scale ?? Math.Max(1e-12, bars.Count == 0 ? 1 : bars.Max(b => Math.Abs(b.Value)));
        var height = top + (bars.Count * row) + 8;
        var width = labelWidth + (2 * half) + 60;
        var svg = Open(width, height, title);
        svg.Append(Text(4, 16, title, bold: true));
        var zero = labelWidth + half;
        svg.Append(Invariant($"<line x1=\"{zero}\" y1=\"{top - 4}\" x2=\"{zero}\" y2=\"{height - 4}\" stroke=\"#999\"/>"));
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = top + (i * row);
            var length = Math.Abs(value) / max * half;
            var x = value >= 0 ? zero : zero - length;
            svg.Append(Text(labelWidth - 4, y + 12, label, anchor: "end"));
            svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{y + 2}\" width=\"{length:F1}\" height=\"{row - 5}\" fill=\"{(value >= 0 ? Positive : Negative)}\"><title>{Escape(label)}: {value:F3}</title></rect>"));
            svg.Append(Text(value >= 0 ? zero + length + 4 : zero + 4, y + 12, value.ToString("+0.000;-0.000", CultureInfo.InvariantCulture)));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A count matrix as a heatmap with the numbers written in (rows: first axis, columns: second).</summary>
    public static string Heatmap(string title, string rowAxis, string columnAxis, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<int>> counts)
    {
        const int labelWidth = 90, cell = 44, top = 60;
        var k = names.Count;
        var width = labelWidth + (k * cell) + 10;
        var height = top + (k * cell) + 24;
        var max = Math.Max(1, counts.SelectMany(r => r).DefaultIfEmpty(0).Max());
        var svg = Open(width, height, title);
        svg.Append(Text(4, 16, title, bold: true));
        svg.Append(Text(labelWidth + (k * cell / 2), 32, $"{columnAxis} →", anchor: "middle"));
        for (var c = 0; c < k; c++)
        {
            svg.Append(Text(labelWidth + (c * cell) + (cell / 2), top - 6, names[c], anchor: "middle"));
        }
        for (var r = 0; r < k; r++)
        {
            svg.Append(Text(labelWidth - 4, top + (r * cell) + (cell / 2) + 4, names[r], anchor: "end"));
            for (var c = 0; c < k; c++)
            {
                var value = counts[r][c];
                var shade = value == 0 ? 1.0 : 0.92 - (0.72 * value / max);
                var fill = r == c ? Rgb(shade, shade + 0.04, 1.0) : Rgb(1.0, shade + 0.04, shade);
                var x = labelWidth + (c * cell);
                var y = top + (r * cell);
                svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"{cell - 2}\" height=\"{cell - 2}\" fill=\"{fill}\"><title>{Escape(rowAxis)} {Escape(names[r])}, {Escape(columnAxis)} {Escape(names[c])}: {value}</title></rect>"));
                svg.Append(Text(x + (cell / 2) - 1, y + (cell / 2) + 4, value.ToString(CultureInfo.InvariantCulture), anchor: "middle", fill: shade < 0.5 ? "#fff" : "#222"));
            }
        }
        svg.Append(Text(4, height - 6, $"rows: {rowAxis}", fill: "#555"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Pairs of bars in [0, 1] per group (e.g. accuracy before and after, or a slice's rate with and without the concept).</summary>
    public static string PairedBars(string title, string first, string second, IReadOnlyList<(string Label, double First, double Second)> groups)
    {
        const int labelWidth = 200, barWidth = 260, row = 40, top = 40;
        var height = top + (groups.Count * row) + 8;
        var svg = Open(labelWidth + barWidth + 70, height, title);
        svg.Append(Text(4, 16, title, bold: true));
        svg.Append(Invariant($"<rect x=\"{labelWidth}\" y=\"22\" width=\"10\" height=\"10\" fill=\"#a0aec0\"/>"));
        svg.Append(Text(labelWidth + 14, 31, first));
        svg.Append(Invariant($"<rect x=\"{labelWidth + 130}\" y=\"22\" width=\"10\" height=\"10\" fill=\"{Positive}\"/>"));
        svg.Append(Text(labelWidth + 144, 31, second));
        for (var i = 0; i < groups.Count; i++)
        {
            var (label, a, b) = groups[i];
            var y = top + (i * row);
            svg.Append(Text(labelWidth - 6, y + 20, label, anchor: "end"));
            svg.Append(Invariant($"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{Math.Clamp(a, 0, 1) * barWidth:F1}\" height=\"14\" fill=\"#a0aec0\"/>"));
            svg.Append(Text(labelWidth + (Math.Clamp(a, 0, 1) * barWidth) + 4, y + 15, Percent(a)));
            svg.Append(Invariant($"<rect x=\"{labelWidth}\" y=\"{y + 20}\" width=\"{Math.Clamp(b, 0, 1) * barWidth:F1}\" height=\"14\" fill=\"{Positive}\"/>"));
            svg.Append(Text(labelWidth + (Math.Clamp(b, 0, 1) * barWidth) + 4, y + 31, Percent(b)));
        }
        return svg.Append("</svg>").ToString();
    }

    public static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static StringBuilder Open(int width, int height, string title) =>
        new StringBuilder().Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Escape(title)}\" {Font}>"));

    private static string Text(double x, double y, string text, string anchor = "start", bool bold = false, string fill = "#222") =>
        Invariant($"<text x=\"{x:F1}\" y=\"{y:F1}\" text-anchor=\"{anchor}\" fill=\"{fill}\"{(bold ? " font-weight=\"bold\"" : "")}>{Escape(text)}</text>");

    private static string Rgb(double r, double g, double b) =>
        Invariant($"rgb({(int)(Math.Clamp(r, 0, 1) * 255)},{(int)(Math.Clamp(g, 0, 1) * 255)},{(int)(Math.Clamp(b, 0, 1) * 255)})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
