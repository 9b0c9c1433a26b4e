using System.Text;

namespace InFiConD.Interactive;

/// <summary>
/// Builds one HTML table. Header and text cells are escaped here; <see cref="Raw"/> cells carry markup the caller
/// built (an inline SVG, a nested list) and must already be escaped.
/// </summary>
internal sealed class HtmlTable
{
    private readonly StringBuilder _sb = new();
    private bool _rowOpen;

    /// <summary>Starts a table with the given column headers; an optional CSS class names it for tests and styling.</summary>
    public HtmlTable(string cssClass, params string[] headers)
    {
        _sb.Append("<table class=\"").Append(Html.Escape(cssClass)).Append("\"><thead><tr>");
        foreach (var header in headers)
        {
            _sb.Append("<th>").Append(Html.Escape(header)).Append("</th>");
        }
        _sb.Append("</tr></thead><tbody>");
    }

    /// <summary>Starts a new row; an optional CSS class marks it (the proposed fix, for instance).</summary>
    public HtmlTable Row(string? cssClass = null)
    {
        EndRow();
        _sb.Append(cssClass is null ? "<tr>" : $"<tr class=\"{Html.Escape(cssClass)}\">");
        _rowOpen = true;
        return this;
    }

    /// <summary>A text cell (escaped).</summary>
    public HtmlTable Text(string? text, string? cssClass = null) => Cell(Html.Escape(text), cssClass);

    /// <summary>A right-aligned number cell (already formatted, escaped).</summary>
    public HtmlTable Number(string formatted) => Cell(Html.Escape(formatted), "num");

    /// <summary>A right-aligned number cell on a background colour (a heat map cell); the colour is library-made, never user text.</summary>
    public HtmlTable Shaded(string formatted, string background)
    {
        _sb.Append("<td class=\"num\" style=\"background:").Append(background).Append("\">").Append(Html.Escape(formatted)).Append("</td>");
        return this;
    }

    /// <summary>A text cell (escaped) spanning <paramref name="columns"/> columns: a sentence under a row of numbers.</summary>
    public HtmlTable Spanning(string? text, int columns)
    {
        _sb.Append("<td colspan=\"").Append(columns.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\">").Append(Html.Escape(text)).Append("</td>");
        return this;
    }

    /// <summary>A cell of caller-built, already-escaped markup.</summary>
    public HtmlTable Raw(string html, string? cssClass = null) => Cell(html, cssClass);

    /// <summary>A row header cell (escaped).</summary>
    public HtmlTable Header(string text)
    {
        _sb.Append("<th>").Append(Html.Escape(text)).Append("</th>");
        return this;
    }

    /// <summary>Closes the table and returns its markup.</summary>
    public string Build()
    {
        EndRow();
        return _sb.ToString() + "</tbody></table>";
    }

    private HtmlTable Cell(string html, string? cssClass)
    {
        _sb.Append(cssClass is null ? "<td>" : $"<td class=\"{cssClass}\">").Append(html).Append("</td>");
        return this;
    }

    private void EndRow()
    {
        if (_rowOpen)
        {
            _sb.Append("</tr>");
            _rowOpen = false;
        }
    }
}
