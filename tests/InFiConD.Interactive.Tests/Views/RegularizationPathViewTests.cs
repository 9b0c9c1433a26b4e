namespace InFiConD.Interactive.Tests.Views;

public sealed class RegularizationPathViewTests
{
    [Fact]
    public void One_row_per_lambda_with_every_split_and_the_suggestion_marked()
    {
        var path = ViewData.Path();
        var raw = RegularizationPathView.ToHtml(path);
        var html = HtmlFragment.Parse(raw);

        Assert.Contains("suggested λ = 0.05 keeps 3 weights", html.Text, StringComparison.Ordinal);
        Assert.Contains("best score on shifted", html.Text, StringComparison.Ordinal);
        var rows = html.Rows("path-points");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["", "0.5", "0", "90.0%", "40.0%"], rows[0]);
        Assert.Equal(["suggested", "0.05", "3", "90.0%", "79.5%"], rows[1]);
        Assert.Equal(["", "0.005", "6", "90.0%", "80.0%"], rows[2]);
        // One polyline per split, one dot per λ.
        Assert.Equal(2, raw.Split("<polyline").Length - 1);
        Assert.Equal(6, raw.Split("<circle").Length - 1);
        ViewAssert.SelfContained(raw);
    }
}
