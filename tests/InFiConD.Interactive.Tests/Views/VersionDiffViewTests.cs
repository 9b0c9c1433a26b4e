namespace InFiConD.Interactive.Tests.Views;

public sealed class VersionDiffViewTests
{
    [Fact]
    public void Names_versions_and_split_lists_weights_and_marks_fixed_and_broken_images()
    {
        var html = HtmlFragment.Parse(VersionDiffView.ToHtml(ViewData.Diff()));

        Assert.Contains("v1 → v2 on shifted: 2 weights and 2 images changed", html.Text, StringComparison.Ordinal);
        var metrics = html.Rows("diff-metrics").ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("+5.0 pts", metrics["agreement with the teacher (top-1)"]);
        Assert.Equal("+10.0 pts", metrics["accuracy (ground truth)"]);
        // Per class, only the classes that changed.
        Assert.Equal(["class", "agreement", "teacher only", "student only"], html.Headers("diff-classes"));
        Assert.Equal([["boat", "+5.0 pts", "-1", "0"]], html.Rows("diff-classes"));
        Assert.Equal(["boat", ViewData.Water, "+0.800", "+0.400", "-0.400"], html.Rows("diff-weights")[0]);
        Assert.Equal(["img-1", "boat", ViewData.Car, ViewData.Car, ViewData.Car], html.Rows("diff-changed")[0]);
        Assert.Contains("1 now right (green rows), 1 now wrong (red rows), 0 wrong before and after.", html.Text, StringComparison.Ordinal);
        Assert.Contains("Intercepts: boat -1.000 → -0.900.", html.Text, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"fixed\">", VersionDiffView.ToHtml(ViewData.Diff()), StringComparison.Ordinal);
        Assert.Contains("<tr class=\"broken\">", VersionDiffView.ToHtml(ViewData.Diff()), StringComparison.Ordinal);
        ViewAssert.SelfContained(VersionDiffView.ToHtml(ViewData.Diff()));
    }

    [Fact]
    public void The_largest_weight_changes_come_first_so_the_row_limit_never_hides_the_edit()
    {
        var diff = ViewData.Diff();
        diff = diff with { Weights = [diff.Weights[1], diff.Weights[0]] };
        var html = HtmlFragment.Parse(VersionDiffView.ToHtml(diff, new HtmlViewOptions { MaxRows = 1 }));
        Assert.Equal([["boat", ViewData.Water, "+0.800", "+0.400", "-0.400"]], html.Rows("diff-weights"));
        Assert.Contains("1 smaller changes not shown.", html.Text, StringComparison.Ordinal);
        Assert.Contains("1 more changed predictions not shown.", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_changes_it_says_so_and_one_is_singular()
    {
        var diff = ViewData.Diff() with { Changed = [], Weights = [ViewData.Diff().Weights[0]] };
        var text = HtmlFragment.Parse(VersionDiffView.ToHtml(diff)).Text;
        Assert.Contains("1 weight and 0 images changed", text, StringComparison.Ordinal);
        Assert.Contains("No prediction on shifted changed.", text, StringComparison.Ordinal);
    }
}
