using System.Xml.Linq;

namespace InFiConD.Interactive.Tests;

/// <summary>
/// Reads a view's output as XML: the views write well-formed markup (closed tags, only the five XML entities), so
/// a parse both checks the structure and lets tests read cell texts instead of matching strings.
/// </summary>
internal sealed class HtmlFragment
{
    private HtmlFragment(XElement root) => Root = root;

    public XElement Root { get; }

    public static HtmlFragment Parse(string html) => new(XElement.Parse("<root>" + html.Replace("&#39;", "&apos;", StringComparison.Ordinal) + "</root>"));

    /// <summary>The tables with the given class.</summary>
    public IReadOnlyList<XElement> Tables(string cssClass) =>
        [.. Root.Descendants("table").Where(t => (string?)t.Attribute("class") == cssClass)];

    /// <summary>The one table with the given class, as rows of cell texts (header row excluded).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows(string cssClass)
    {
        var tables = Tables(cssClass);
        Assert.Single(tables);
        return [.. tables[0].Element("tbody")!.Elements("tr").Select(tr => (IReadOnlyList<string>)[.. tr.Elements().Select(td => td.Value)])];
    }

    /// <summary>The header texts of the one table with the given class.</summary>
    public IReadOnlyList<string> Headers(string cssClass) =>
        [.. Tables(cssClass).Single().Element("thead")!.Descendants("th").Select(th => th.Value)];

    /// <summary>Every text node, concatenated (entities decoded).</summary>
    public string Text => Root.Value;

    /// <summary>Elements by local name, so SVG elements (in the SVG namespace) count alongside HTML ones.</summary>
    public IEnumerable<XElement> All(string localName) => Root.Descendants().Where(e => e.Name.LocalName == localName);

    public int Count(string localName) => All(localName).Count();
}
