using System.Globalization;

namespace InFiConD.Interactive.Tests.Markup;

public sealed class HtmlTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("<a href=\"x\">&'", "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")]
    [InlineData("Wasser → Bäume ×2 🌊", "Wasser → Bäume ×2 🌊")]
    [InlineData("&amp;", "&amp;amp;")]
    public void Escape_replaces_exactly_the_five_metacharacters(string text, string expected) =>
        Assert.Equal(expected, Html.Escape(text));

    [Fact]
    public void Escape_of_null_is_empty() => Assert.Equal("", Html.Escape(null));

    [Fact]
    public void Numbers_do_not_follow_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("87.5%", Html.Percent(0.875));
            Assert.Equal("1234.500", Html.Number(1234.5));
            Assert.Equal("-0.125", Html.Signed(-0.125));
            Assert.Equal("+0.250", Html.Signed(0.25));
            Assert.Equal("1.23E-07", Html.PValue(1.234e-7));
            Assert.Equal("–", Html.Number(double.NaN));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Table_escapes_headers_and_text_but_not_raw_cells()
    {
        var html = new HtmlTable("t", "<h>").Row().Text("a<b").Number("1&2").Raw("<i>x</i>").Build();
        Assert.Equal("<table class=\"t\"><thead><tr><th>&lt;h&gt;</th></tr></thead><tbody><tr><td>a&lt;b</td><td class=\"num\">1&amp;2</td><td><i>x</i></td></tr></tbody></table>", html);
    }

    [Fact]
    public void Empty_table_is_closed() =>
        Assert.Equal("<table class=\"t\"><thead><tr><th>a</th></tr></thead><tbody></tbody></table>", new HtmlTable("t", "a").Build());
}
