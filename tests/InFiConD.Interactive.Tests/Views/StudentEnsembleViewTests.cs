using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Interactive.Tests.Views;

public sealed class StudentEnsembleViewTests
{
    [Fact]
    public void Each_class_lists_its_non_zero_weights_by_magnitude()
    {
        var html = HtmlFragment.Parse(StudentEnsembleView.ToHtml(ViewData.Students()));
        var rows = html.Rows("student-classes");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["boat", "+0.100", "2"], rows[0].Take(3));
        Assert.Equal([ViewData.Car, "-0.200", "1"], rows[1].Take(3));
        var lists = html.Tables("student-classes")[0].Descendants("ol").Select(ol => ol.Elements("li").Select(li => li.Value).ToList()).ToList();
        Assert.Equal([$"{ViewData.Water} +2.000", "sail -0.500"], lists[0]);
        Assert.Equal(["wheel +1.000"], lists[1]);
        Assert.Equal(2, html.Count("svg"));
    }

    [Fact]
    public void Top_weights_match_a_sort_of_the_weights_on_random_students()
    {
        var (_, _, students, _) = ViewData.Random(c: 12);
        for (var k = 0; k < students.ClassCount; k++)
        {
            var w = students.StandardizedWeights(k).ToArray();
            var expected = w.Select((v, j) => (v, j)).Where(p => p.v != 0).OrderBy(p => -Math.Abs(p.v)).ThenBy(p => p.j).Take(4).Select(p => (students.ConceptNames[p.j], p.v)).ToList();
            Assert.Equal(expected, StudentEnsembleView.TopWeights(students, k, 4));
        }
    }

    [Fact]
    public void Concepts_per_class_caps_the_list()
    {
        var html = HtmlFragment.Parse(StudentEnsembleView.ToHtml(ViewData.Students(), new HtmlViewOptions { ConceptsPerClass = 1, Charts = false }));
        Assert.Equal([$"{ViewData.Water} +2.000"], html.Root.Descendants("ol").First().Elements("li").Select(li => li.Value));
        Assert.Equal(0, html.Count("svg"));
        Assert.Equal(4, html.Headers("student-classes").Count);
    }

    [Fact]
    public void A_class_without_weights_says_none_and_names_are_escaped()
    {
        var students = StudentEnsemble.Create(["<empty>"], ["a"], [0f], [1f], new FloatMatrix(1, 1), [0f]);
        var html = StudentEnsembleView.ToHtml(students);
        Assert.Contains("&lt;empty&gt;", html, StringComparison.Ordinal);
        Assert.Equal(["<empty>", "0.000", "0", "none", ""], HtmlFragment.Parse(html).Rows("student-classes")[0]);
        ViewAssert.SelfContained(html);
        ViewAssert.SelfContained(StudentEnsembleView.ToHtml(ViewData.Students()));
    }

    [Fact]
    public void No_classes_or_no_concepts_say_so()
    {
        var none = StudentEnsemble.Create([], ["a"], [0f], [1f], new FloatMatrix(0, 1), []);
        var html = HtmlFragment.Parse(StudentEnsembleView.ToHtml(none));
        Assert.Contains("No classes.", html.Text, StringComparison.Ordinal);
        Assert.Equal(0, html.Count("table"));
        var noConcepts = StudentEnsemble.Create(["a"], [], [], [], new FloatMatrix(1, 0), [0f]);
        Assert.Contains("No concepts.", HtmlFragment.Parse(StudentEnsembleView.ToHtml(noConcepts)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_class_chart_shares_one_scale()
    {
        // Class a's largest weight is 2, class b's is 1: b's bar is half as long as a's, not as long.
        var students = StudentEnsemble.Create(["a", "b"], ["x"], [0f], [1f], FloatMatrix.FromValues([2f, 1f], 2, 1), [0f, 0f]);
        var widths = System.Text.RegularExpressions.Regex.Matches(StudentEnsembleView.ToHtml(students), "<rect x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"([0-9.]+)\"")
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([120.0, 60.0], widths);
    }
}
