using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Interactive.Tests.Views;

public sealed class ConceptScoresViewTests
{
    [Fact]
    public void Summary_rows_hold_the_hand_computed_mean_max_argmax_and_share()
    {
        var html = HtmlFragment.Parse(ConceptScoresView.ToHtml(ViewData.Scores()));
        var rows = html.Rows("concept-summary");
        Assert.Equal(3, rows.Count);
        // water: (0.5 + 0.45 + 0.05 + 0) / 4 = 0.25, max 0.5 on img-0, 3 of 4 above 0; the highest mean comes first.
        Assert.Equal([ViewData.Water, "0.250", "0.500", "img-0", "75.0%"], rows[0]);
        var wheel = rows.Single(r => r[0] == "wheel");
        Assert.Equal(["wheel", "0.150", "0.300", "img-1", "75.0%"], wheel);
        var sail = rows.Single(r => r[0] == "sail");
        Assert.Equal(["sail", "0.150", "0.400", "img-0", "50.0%"], sail);
    }

    [Fact]
    public void Summary_matches_a_brute_force_recount_on_random_scores()
    {
        var (scores, _, _, _) = ViewData.Random(n: 50, c: 5);
        var rows = HtmlFragment.Parse(ConceptScoresView.ToHtml(scores)).Rows("concept-summary");
        foreach (var row in rows)
        {
            var j = scores.IndexOfConcept(row[0]);
            var column = Enumerable.Range(0, scores.ImageCount).Select(i => (double)scores[i, j]).ToList();
            Assert.Equal(Html.Number(column.Average()), row[1]);
            Assert.Equal(Html.Number(column.Max()), row[2]);
            Assert.Equal(column.Max(), scores[scores.IndexOfImage(row[3]), j]);
            Assert.Equal(Html.Percent(column.Count(v => v > 0) / 50.0), row[4]);
        }
        var means = rows.Select(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(means.OrderByDescending(m => m), means);
    }

    [Fact]
    public void Preview_shows_the_raw_scores_and_says_what_it_cut()
    {
        var html = HtmlFragment.Parse(ConceptScoresView.ToHtml(ViewData.Scores(), new HtmlViewOptions { MaxRows = 2, PreviewColumns = 2 }));
        Assert.Equal(["image", ViewData.Water, "wheel"], html.Headers("score-preview"));
        Assert.Equal([["img-0", "0.500", "0.100"], ["img-1", "0.450", "0.300"]], html.Rows("score-preview"));
        Assert.Contains("Showing 2 of 4 images and 2 of 3 concepts.", html.Text, StringComparison.Ordinal);
        Assert.Contains("1 more concepts not shown.", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_escaped_and_nothing_is_fetched_or_run()
    {
        var html = ConceptScoresView.ToHtml(ViewData.Scores());
        Assert.Contains("&lt;water &amp; &quot;sky&quot;&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<water", html, StringComparison.Ordinal);
        ViewAssert.SelfContained(html);
    }

    [Fact]
    public void Empty_scores_say_so()
    {
        var noImages = ConceptScores.Create(new FloatMatrix(0, 3), [], ViewData.Concepts);
        var html = HtmlFragment.Parse(ConceptScoresView.ToHtml(noImages));
        Assert.Contains("0 images × 3 concepts", html.Text, StringComparison.Ordinal);
        Assert.Contains("No images.", html.Text, StringComparison.Ordinal);
        Assert.Equal(0, html.Count("table"));
        var noConcepts = ConceptScores.Create(new FloatMatrix(2, 0), ["a", "b"], []);
        Assert.Contains("No concepts.", HtmlFragment.Parse(ConceptScoresView.ToHtml(noConcepts)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_can_be_left_out()
    {
        Assert.Equal(1, HtmlFragment.Parse(ConceptScoresView.ToHtml(ViewData.Scores())).Count("svg"));
        Assert.Equal(0, HtmlFragment.Parse(ConceptScoresView.ToHtml(ViewData.Scores(), new HtmlViewOptions { Charts = false })).Count("svg"));
    }

    [Fact]
    public void Bad_options_and_null_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ConceptScoresView.ToHtml(null!));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ConceptScoresView.ToHtml(ViewData.Scores(), new HtmlViewOptions { MaxRows = 0 }));
        Assert.Equal("MaxRows", e.ParamName);
    }
}
