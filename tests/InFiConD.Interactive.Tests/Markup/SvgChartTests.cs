namespace InFiConD.Interactive.Tests.Markup;

public sealed class SvgChartTests
{
    [Fact]
    public void Signed_bars_scale_to_the_largest_magnitude_and_point_by_sign()
    {
        var svg = HtmlFragment.Parse(SvgChart.SignedBars("w", [("up", 2.0), ("down <", -1.0)])).All("svg").Single();
        var rects = svg.Elements().Where(e => e.Name.LocalName == "rect").ToList();
        Assert.Equal(2, rects.Count);
        var (upWidth, downWidth) = (double.Parse((string)rects[0].Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse((string)rects[1].Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2 * downWidth, upWidth, 1);
        Assert.Equal(SvgChart.Positive, (string)rects[0].Attribute("fill")!);
        Assert.Equal(SvgChart.Negative, (string)rects[1].Attribute("fill")!);
        // The negative bar ends at the zero line, where the positive one starts.
        var x0 = double.Parse((string)rects[0].Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        var x1 = double.Parse((string)rects[1].Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(x0, x1 + downWidth, 1);
        Assert.Equal("down <: -1.000", rects[1].Elements().Single().Value);
    }

    [Fact]
    public void Fraction_bars_clamp_the_drawing_but_print_the_value()
    {
        var svg = HtmlFragment.Parse(SvgChart.FractionBars("f", "rate", null, [("a", 1.5, null), ("b", 0.5, null)])).All("svg").Single();
        var widths = svg.Elements().Where(e => e.Name.LocalName == "rect").Select(r => (string)r.Attribute("width")!).ToList();
        Assert.Equal(["220.0", "110.0"], widths);
        Assert.Contains("150.0%", svg.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_charts_are_valid_svg()
    {
        Assert.Equal(0, HtmlFragment.Parse(SvgChart.SignedBars("w", [])).Count("rect"));
        Assert.Equal(2, HtmlFragment.Parse(SvgChart.FractionBars("f", "a", "b", [])).Count("rect")); // the legend
    }

    [Theory]
    [InlineData(0, 10, true, "rgb(255,255,255)")]
    [InlineData(10, 10, false, "rgb(255,86,76)")]
    public void Heat_colour_is_white_at_zero_and_deepest_at_the_maximum(int value, int max, bool diagonal, string expected) =>
        Assert.Equal(expected, SvgChart.HeatColour(value, max, diagonal));
}
